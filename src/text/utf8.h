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

//! Decodes the sequence starting at p[i] (p[i] >= 0x80; i < n) into `*cp`
//! and returns how many bytes it took; `*valid` says whether it was well
//! formed. An invalid sequence yields U+FFFD and
//! consumes its maximal subpart (the lead and the continuation bytes that
//! were still acceptable), as the W3C and the Unicode standard recommend,
//! so that valid text after it survives. The second byte's range depends on
//! the lead byte (Unicode table 3-7), which rules out overlongs, surrogates
//! and values above U+10FFFF.
inline size_t DecodeUtf8Sequence(const unsigned char* p, size_t n, size_t i, char32_t* cp,
                                 bool* valid) {
  const unsigned char c = p[i];
  int len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t v = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    v = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    v = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  }
  int k = 1;
  for (; len > 0 && k < len && i + k < n; ++k) {
    const unsigned char b = p[i + k];
    if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) break;
    v = (v << 6) | (b & 0x3F);
  }
  *valid = len > 0 && k == len;
  if (!*valid) {
    *cp = 0xFFFD;
    return static_cast<size_t>(k);
  }
  *cp = v;
  return static_cast<size_t>(len);
}

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
