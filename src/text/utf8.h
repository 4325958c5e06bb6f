// UTF-8 decoding that never fails: each invalid sequence (a stray
// continuation byte, a truncated or overlong sequence, a surrogate, a value
// above U+10FFFF) becomes one U+FFFD and is counted. Every text stage works
// on the decoded code points, so indices are code-point indices as the
// networks (and Twitter's conformance suite) count them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dandelion::text {

struct Decoded {
  std::u32string code_points;
  //! byte_offsets[i]: where code point i starts in the input; one extra
  //! entry at the end holds the input's length.
  std::vector<uint32_t> byte_offsets;
  int replaced = 0;  //!< invalid sequences replaced by U+FFFD
};

//! Decodes `s`. Thread-safe; allocates.
Decoded DecodeUtf8(std::string_view s);

//! Encodes code points as UTF-8 (U+FFFD for values that cannot be encoded).
std::string EncodeUtf8(std::u32string_view cps);

//! Appends one code point as UTF-8.
void AppendUtf8(std::string& out, char32_t cp);

//! `s` with invalid sequences replaced by U+FFFD; `*replaced` (optional)
//! receives how many. Returns `s` unchanged (copied) when it is valid.
std::string SanitizeUtf8(std::string_view s, int* replaced = nullptr);

}  // namespace dandelion::text
