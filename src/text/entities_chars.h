// Character classes and the TLD matcher behind the entity extractor: each
// class is one character class of twitter-text's Regex.java, evaluated once
// per BMP code point at start-up (with ICU's general categories) and on the
// fly for the rare supplementary code point. Internal to entities.cc.
#pragma once

#include <cstdint>

namespace dandelion::text::internal {

//! Bits of CharClasses::Of(). Names follow Regex.java. Java's
//! CASE_INSENSITIVE folds ASCII only, so [a-z] there is [A-Za-z] here.
enum CharClass : uint32_t {
  kHashLetter = 1u << 0,          //!< HASHTAG_LETTERS_AND_MARKS
  kHashChar = 1u << 1,            //!< HASHTAG_LETTERS_NUMERALS (letters, marks, digits, specials)
  kUrlChar = 1u << 2,             //!< URL_VALID_CHARS: [a-z0-9] and Latin accents
  kUrlUnicode = 1u << 3,          //!< URL_VALID_UNICODE_CHARS: no punctuation, no space
  kPathChar = 1u << 4,            //!< URL_VALID_GENERAL_PATH_CHARS
  kPathEnd = 1u << 5,             //!< the single characters of URL_VALID_PATH_ENDING_CHARS
  kQueryChar = 1u << 6,           //!< URL_VALID_URL_QUERY_CHARS
  kQueryEnd = 1u << 7,            //!< URL_VALID_URL_QUERY_ENDING_CHARS
  kSpace = 1u << 8,               //!< UNICODE_SPACES
  kLatinAccent = 1u << 9,         //!< LATIN_ACCENTS_CHARS
  kUrlPreBad = 1u << 10,          //!< may not precede a URL: [a-z0-9@＠$#＃\uFFFE\uFEFF\uFFFF]
  kMentionPreBad = 1u << 11,      //!< may not precede '@': [a-z0-9_!#$%&*@＠]
  kRtPreBad = 1u << 12,           //!< may not precede "RT@": [a-z0-9_+~.-]
  kScreenName = 1u << 13,         //!< [a-z0-9_]
  kAsciiPunct = 1u << 14,         //!< Java's \p{Punct}
  kAsciiSpace = 1u << 15,         //!< Java's \s: [ \t\n\x0B\f\r]
  kSubdomainChar = 1u << 16,      //!< [URL_VALID_CHARS-_] (inside a subdomain label)
  kDomainChar = 1u << 17,         //!< [URL_VALID_CHARS-] (inside a domain label)
  kUnicodeDomainChar = 1u << 18,  //!< [URL_VALID_UNICODE_CHARS-]
  kAnyDomainChar = 1u << 19,      //!< union of the three above
};

//! The classes of every code point. Thread-safe once built.
class CharClasses {
 public:
  //! The process-wide instance, built on first use (a few milliseconds).
  static const CharClasses& Get();

  //! Bits of CharClass that hold for `c`; 0 for values above U+10FFFF.
  uint32_t Of(char32_t c) const { return c < 0x10000 ? bmp_[c] : Supplementary(c); }

 private:
  CharClasses();
  static uint32_t Supplementary(char32_t c);

  uint32_t bmp_[0x10000];  //!< classes of U+0000..U+FFFF
};

//! What TldAt() found.
enum class TldKind : uint8_t { kNone, kGeneric, kCountry, kPunycode };

struct TldMatch {
  TldKind kind = TldKind::kNone;
  int32_t end = -1;  //!< index one past the TLD
};

//! Matches twitter-text's (?:GTLD|CCTLD|PUNYCODE) at text[pos]: the first
//! generic TLD in list order that is followed by neither [a-z0-9@+-] nor
//! more text, else the first such country TLD, else "xn--[-0-9a-z]+". ASCII
//! letters match case-insensitively. Thread-safe.
TldMatch TldAt(const char32_t* text, int32_t n, int32_t pos);

}  // namespace dandelion::text::internal
