// Language identification of a post with CLD2 (Debian's libcld2, the
// 160-language tables). Short or mixed posts honestly come back "unknown".
#pragma once

#include <string>
#include <string_view>

namespace dandelion::text {

struct LanguageGuess {
  std::string code = "unknown";  //!< ISO 639-1 where it exists ("en", "de"), else CLD2's code
  double confidence = 0;         //!< 0..1: share of the text in that language, 0 when unknown
  bool reliable = false;         //!< CLD2's own verdict
};

//! Guesses the language of `utf8` (invalid UTF-8 is tolerated). Returns
//! "unknown" when CLD2 is not reliable or the text has fewer than
//! `kMinLetters` letters once URLs, mentions and hashtags are set aside by
//! the caller. Thread-safe.
LanguageGuess DetectLanguage(std::string_view utf8);

inline constexpr int kMinLetters = 12;

}  // namespace dandelion::text
