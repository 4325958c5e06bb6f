#include "text/entities.h"

#include <unicode/uidna.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <memory>
#include <string>

#include "text/entities_chars.h"
#include "text/utf8.h"

// How the scanner maps onto twitter-text (Regex.java, Extractor.java):
// every pattern there is used with Matcher.find(), which tries start
// positions left to right, resumes after the end of the previous match
// (whether or not the extractor kept it), and takes the first alternative
// that matches. The scanners below walk the sigils ('#', '@', '$', '.') in
// order and keep the same "last match end" so that they accept exactly the
// same matches, in the same order; the comments name the pattern pieces.

namespace dandelion::text {
namespace {

using internal::CharClasses;
using internal::TldKind;
using internal::TldMatch;

constexpr char32_t kFullwidthHash = 0xFF03;
constexpr char32_t kFullwidthAt = 0xFF20;

// Regex.java's DIRECTIONAL_CHARACTERS. VALID_REPLY and VALID_CASHTAG splice
// the string into an alternation without brackets, so there it only matches
// as this exact sequence; the quirk is kept.
constexpr char32_t kDirectionalSequence[] = {0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
                                             0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069};
constexpr int32_t kDirectionalLength = 12;

constexpr int32_t kMaxScreenName = 20;
constexpr int32_t kMaxListSlugTail = 24;
constexpr int32_t kMaxUrlLength = 4096;        // Extractor.MAX_URL_LENGTH
constexpr int32_t kMaxTcoSlugLength = 40;      // Extractor.MAX_TCO_SLUG_LENGTH
constexpr int32_t kAssumedProtocolLength = 8;  // "https://", added when absent
constexpr int32_t kMaxProtocolLength = 8;
constexpr int32_t kUnknown = -2;

bool IsHash(char32_t c) { return c == U'#' || c == kFullwidthHash; }
bool IsAt(char32_t c) { return c == U'@' || c == kFullwidthAt; }
bool IsAsciiAlpha(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsAsciiAlnum(char32_t c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
char32_t AsciiLower(char32_t c) { return (c >= U'A' && c <= U'Z') ? c + 32 : c; }

// The text being scanned, with its character classes.
struct Text {
  const char32_t* t;
  int32_t n;
  const CharClasses& cls;

  uint32_t Cls(int32_t i) const { return cls.Of(t[i]); }
  //! Whether text[i] exists and has any of `bits`.
  bool Has(int32_t i, uint32_t bits) const { return i >= 0 && i < n && (cls.Of(t[i]) & bits) != 0; }
  bool Is(int32_t i, char32_t c) const { return i >= 0 && i < n && t[i] == c; }
  //! Whether the ASCII `lower` occurs at i, letters case-insensitively.
  bool LiteralAt(int32_t i, std::string_view lower) const {
    if (i < 0 || i + static_cast<int32_t>(lower.size()) > n) return false;
    for (size_t k = 0; k < lower.size(); ++k) {
      if (AsciiLower(t[i + k]) != static_cast<char32_t>(lower[k])) return false;
    }
    return true;
  }
  bool DirectionalSequenceAt(int32_t i) const {
    if (i < 0 || i + kDirectionalLength > n) return false;
    return std::equal(kDirectionalSequence, kDirectionalSequence + kDirectionalLength, t + i);
  }
  //! text[a, b) as UTF-8 (U+FFFD for what cannot be encoded).
  std::string Utf8(int32_t a, int32_t b) const {
    size_t len = 0;
    for (int32_t i = a; i < b; ++i) {
      const char32_t c = t[i];
      len += c < 0x80 ? 1 : c < 0x800 ? 2 : (c < 0x10000 || c > 0x10FFFF) ? 3 : 4;
    }
    std::string s(len, '\0');
    char* w = s.data();
    for (int32_t i = a; i < b; ++i) {
      char32_t c = t[i];
      if (c < 0x80) {
        *w++ = static_cast<char>(c);
        continue;
      }
      if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
      if (c < 0x800) {
        *w++ = static_cast<char>(0xC0 | (c >> 6));
      } else if (c < 0x10000) {
        *w++ = static_cast<char>(0xE0 | (c >> 12));
        *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      } else {
        *w++ = static_cast<char>(0xF0 | (c >> 18));
        *w++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      }
      *w++ = static_cast<char>(0x80 | (c & 0x3F));
    }
    return s;
  }
  //! Java's String.length() of text[a, b).
  int32_t Utf16Length(int32_t a, int32_t b) const {
    int32_t len = 0;
    for (int32_t i = a; i < b; ++i) len += (t[i] >= 0x10000 && t[i] <= 0x10FFFF) ? 2 : 1;
    return len;
  }
};

enum SigilKinds : unsigned { kHashes = 1, kAts = 2, kDollars = 4, kDots = 8, kAll = 15 };

// Positions of the characters each extractor starts from.
struct Sigils {
  std::vector<int32_t> hashes, ats, dollars, dots;

  void Clear() {
    hashes.clear();
    ats.clear();
    dollars.clear();
    dots.clear();
  }
  //! Records position i of a sigil of (one) `kind`.
  void Add(unsigned kind, int32_t i) {
    switch (kind) {
      case kHashes:
        hashes.push_back(i);
        break;
      case kAts:
        ats.push_back(i);
        break;
      case kDollars:
        dollars.push_back(i);
        break;
      default:
        dots.push_back(i);
        break;
    }
  }
};

// Per-dot facts for the URL scanner; see UrlScanner.
struct DotInfo {
  bool computed = false;
  bool last_url_char = false;      //!< text[dot - 1] is a URL_VALID_CHARS
  bool last_unicode_char = false;  //!< text[dot - 1] is a URL_VALID_UNICODE_CHARS
  int32_t subdomain_start = 0;     //!< leftmost i with text[i, dot) all [URL_VALID_CHARS-_]
  int32_t domain_start = 0;        //!< ... all [URL_VALID_CHARS-]
  int32_t unicode_start = 0;       //!< ... all [URL_VALID_UNICODE_CHARS-]
  int32_t any_start = 0;           //!< ... all in any of the three
  int32_t best = kUnknown;         //!< DomainA's end for a label chain starting at dot + 1
  bool tld_done = false;
  TldMatch tld;  //!< TldAt(dot + 1)
};

// Scratch space reused by the calls of one thread.
struct Scratch {
  Sigils sigils;
  std::vector<DotInfo> dots;
  std::vector<int32_t> chain;
  std::unique_ptr<char32_t[]> decoded;  //!< DecodeInto's buffer
  size_t decoded_capacity = 0;
  std::u16string host16, ascii16;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// SigilKinds of each ASCII character.
constexpr std::array<uint8_t, 0x80> kAsciiSigils = [] {
  std::array<uint8_t, 0x80> a{};
  a['#'] = kHashes;
  a['@'] = kAts;
  a['$'] = kDollars;
  a['.'] = kDots;
  return a;
}();

unsigned SigilKind(char32_t c) {
  if (c < 0x80) return kAsciiSigils[c];
  return c == kFullwidthHash ? unsigned{kHashes} : c == kFullwidthAt ? unsigned{kAts} : 0u;
}

void FindSigils(const Text& x, unsigned kinds, Sigils& s) {
  s.Clear();
  int32_t i = 0;
#if defined(__SSE2__)
  // Eight code points at a time: skip blocks without any sigil.
  const __m128i hash = _mm_set1_epi32('#'), dollar = _mm_set1_epi32('$');
  const __m128i dot = _mm_set1_epi32('.'), at = _mm_set1_epi32('@');
  const __m128i wide_hash = _mm_set1_epi32(kFullwidthHash), wide_at = _mm_set1_epi32(kFullwidthAt);
  auto any = [&](__m128i v) {
    return _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi32(v, hash), _mm_cmpeq_epi32(v, dollar)),
                     _mm_or_si128(_mm_cmpeq_epi32(v, dot), _mm_cmpeq_epi32(v, at))),
        _mm_or_si128(_mm_cmpeq_epi32(v, wide_hash), _mm_cmpeq_epi32(v, wide_at)));
  };
  for (; i + 8 <= x.n; i += 8) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x.t + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x.t + i + 4));
    // Four mask bits per code point; visit only the lanes that matched.
    uint32_t lanes = static_cast<uint32_t>(_mm_movemask_epi8(any(a))) |
                     (static_cast<uint32_t>(_mm_movemask_epi8(any(b))) << 16);
    while (lanes != 0) {
      const int lane = __builtin_ctz(lanes) / 4;
      lanes &= ~(0xFu << (lane * 4));
      const int32_t j = i + lane;
      if (const unsigned kind = SigilKind(x.t[j]) & kinds; kind != 0) s.Add(kind, j);
    }
  }
#endif
  for (; i < x.n; ++i) {
    if (const unsigned kind = SigilKind(x.t[i]) & kinds; kind != 0) s.Add(kind, i);
  }
}

// ---------------------------------------------------------------- hashtags

// VALID_HASHTAG: (^|\uFE0E|\uFE0F|[^&LETTERS_NUMERALS])([#＃])(?![\uFE0F\u20E3])
// (LETTERS_NUMERALS* LETTER LETTERS_NUMERALS*), dropped when followed by
// INVALID_HASHTAG_MATCH_END ^(?:[#＃]|://).
void ScanHashtags(const Text& x, const std::vector<int32_t>& hashes, std::vector<Entity>& out) {
  int32_t last_end = 0;
  for (int32_t h : hashes) {
    if (h > 0) {
      // The preceding character is consumed, so it must lie after the last match.
      if (h - 1 < last_end) continue;
      const char32_t b = x.t[h - 1];
      const bool ok =
          b == 0xFE0E || b == 0xFE0F || (b != U'&' && (x.Cls(h - 1) & internal::kHashChar) == 0);
      if (!ok) continue;
    }
    if (x.Is(h + 1, 0xFE0F) || x.Is(h + 1, 0x20E3)) continue;  // keycap "#️⃣"
    // The greedy tag is the whole run of hashtag characters, if it holds a letter.
    int32_t r = h + 1;
    bool letter = false;
    while (r < x.n) {
      const uint32_t c = x.Cls(r);
      if ((c & internal::kHashChar) == 0) break;
      letter = letter || (c & internal::kHashLetter) != 0;
      ++r;
    }
    if (!letter) continue;
    last_end = r;
    if ((r < x.n && IsHash(x.t[r])) || x.LiteralAt(r, "://")) continue;
    out.push_back({EntityType::kHashtag, x.Utf8(h + 1, r), {}, h, r});
  }
}

// ---------------------------------------------------------------- mentions

// Whether an @-run starting at `a` has a valid prefix in VALID_MENTION_OR_LIST:
// ([^a-z0-9_!#$%&*@＠]|^|(?:^|[^a-z0-9_+~.-])RT:?), consuming only text at or
// after `last_end`.
bool MentionPrefixOk(const Text& x, int32_t a, int32_t last_end) {
  if (a == 0) return true;
  if (a - 1 >= last_end && !x.Has(a - 1, internal::kMentionPreBad)) return true;
  const int32_t rt = (x.t[a - 1] == U':' ? a - 1 : a) - 2;
  if (rt < 0 || AsciiLower(x.t[rt]) != U'r' || AsciiLower(x.t[rt + 1]) != U't') return false;
  if (rt == 0) return last_end == 0;
  return rt - 1 >= last_end && !x.Has(rt - 1, internal::kRtPreBad);
}

// VALID_MENTION_OR_LIST: PREFIX([@＠]+)([a-z0-9_]{1,20})(/[a-z][a-z0-9_\-]{0,24})?,
// dropped when followed by INVALID_MENTION_MATCH_END ^(?:[@＠LATIN_ACCENTS]|://).
void ScanMentionsOrLists(const Text& x, const std::vector<int32_t>& ats, std::vector<Entity>& out) {
  int32_t last_end = 0;
  for (size_t i = 0; i < ats.size();) {
    const int32_t a = ats[i];
    size_t j = i + 1;
    while (j < ats.size() && ats[j] == ats[j - 1] + 1) ++j;
    const int32_t name = ats[j - 1] + 1;  // after the whole run of at signs
    i = j;
    int32_t u = name;
    while (u < x.n && u - name < kMaxScreenName && x.Has(u, internal::kScreenName)) ++u;
    if (u == name || !MentionPrefixOk(x, a, last_end)) continue;
    int32_t e = u;
    bool list = false;
    if (x.Is(u, U'/') && u + 1 < x.n && IsAsciiAlpha(x.t[u + 1])) {
      e = u + 2;
      while (e < x.n && e - (u + 2) < kMaxListSlugTail &&
             (x.Has(e, internal::kScreenName) || x.t[e] == U'-')) {
        ++e;
      }
      list = true;
    }
    last_end = e;
    if ((e < x.n && (IsAt(x.t[e]) || x.Has(e, internal::kLatinAccent))) || x.LiteralAt(e, "://")) {
      continue;
    }
    Entity en{list ? EntityType::kList : EntityType::kMention, x.Utf8(name, u), {}, name - 1, e};
    if (list) en.list_slug = x.Utf8(u, e);
    out.push_back(std::move(en));
  }
}

// VALID_REPLY: ^(?:UNICODE_SPACES|DIRECTIONAL_CHARACTERS)*[@＠]([a-z0-9_]{1,20}),
// rejected when followed by INVALID_MENTION_MATCH_END.
std::optional<std::string> ReplyScreenname(const Text& x) {
  int32_t i = 0;
  while (i < x.n) {
    if (x.Has(i, internal::kSpace)) {
      ++i;
    } else if (x.DirectionalSequenceAt(i)) {
      i += kDirectionalLength;
    } else {
      break;
    }
  }
  if (i >= x.n || !IsAt(x.t[i])) return std::nullopt;
  const int32_t name = i + 1;
  int32_t u = name;
  while (u < x.n && u - name < kMaxScreenName && x.Has(u, internal::kScreenName)) ++u;
  if (u == name) return std::nullopt;
  if ((u < x.n && (IsAt(x.t[u]) || x.Has(u, internal::kLatinAccent))) || x.LiteralAt(u, "://")) {
    return std::nullopt;
  }
  return x.Utf8(name, u);
}

// ---------------------------------------------------------------- cashtags

// (?=$|\s|\p{Punct}); Java's $ also matches before a final line terminator.
bool CashtagLookaheadOk(const Text& x, int32_t i) {
  if (i >= x.n) return true;
  if (x.Has(i, internal::kAsciiSpace | internal::kAsciiPunct)) return true;
  const char32_t c = x.t[i];
  return i == x.n - 1 && (c == 0x0085 || c == 0x2028 || c == 0x2029);
}

// VALID_CASHTAG: (^|UNICODE_SPACES|DIRECTIONAL_CHARACTERS)(\$)
// ([a-z]{1,6}(?:[._][a-z]{1,2})?)(?=$|\s|\p{Punct}).
void ScanCashtags(const Text& x, const std::vector<int32_t>& dollars, std::vector<Entity>& out) {
  int32_t last_end = 0;
  for (int32_t d : dollars) {
    const bool prefix_ok =
        d == 0 || (d - 1 >= last_end && x.Has(d - 1, internal::kSpace)) ||
        (d - kDirectionalLength >= last_end && x.DirectionalSequenceAt(d - kDirectionalLength));
    if (!prefix_ok) continue;
    int32_t q = d + 1;
    while (q < x.n && q - (d + 1) <= 6 && IsAsciiAlpha(x.t[q])) ++q;
    const int32_t letters = q - (d + 1);
    // More than six letters: no shorter prefix can be followed by the lookahead.
    if (letters < 1 || letters > 6) continue;
    int32_t end = -1;
    if (x.Is(q, U'.') || x.Is(q, U'_')) {
      int32_t r = q + 1;
      while (r < x.n && r - (q + 1) <= 2 && IsAsciiAlpha(x.t[r])) ++r;
      const int32_t tail = r - (q + 1);
      if ((tail == 1 || tail == 2) && CashtagLookaheadOk(x, r)) end = r;
    }
    if (end < 0 && CashtagLookaheadOk(x, q)) end = q;
    if (end < 0) continue;
    last_end = end;
    out.push_back({EntityType::kCashtag, x.Utf8(d + 1, end), {}, d, end});
  }
}

// -------------------------------------------------------------------- URLs

// Whether `host` survives java.net.IDN.toASCII(host, ALLOW_UNASSIGNED), as
// Extractor.isValidHostAndLength requires; *ascii_length receives the length
// of the ASCII form. ASCII hosts only need labels of 1..63 characters; other
// hosts go through ICU's IDNA2003 ToASCII (Nameprep, Punycode), which is
// what Java's IDN implements.
bool HostToAscii(const Text& x, int32_t a, int32_t b, Scratch& scratch, int32_t* ascii_length) {
  bool ascii = true;
  int32_t label = 0;
  for (int32_t i = a; i < b; ++i) {
    const char32_t c = x.t[i];
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    if (c != U'.') {
      ++label;
    } else if (label < 1 || label > 63) {
      return false;
    } else {
      label = 0;
    }
  }
  if (ascii) {
    if (label < 1 || label > 63) return false;
    *ascii_length = b - a;
    return true;
  }
  std::u16string& src = scratch.host16;
  src.clear();
  for (int32_t i = a; i < b; ++i) {
    char32_t c = x.t[i];
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    if (c >= 0x10000) {
      src.push_back(static_cast<char16_t>(0xD7C0 + (c >> 10)));
      src.push_back(static_cast<char16_t>(0xDC00 | (c & 0x3FF)));
    } else {
      src.push_back(static_cast<char16_t>(c));
    }
  }
  std::u16string& dest = scratch.ascii16;
  dest.resize(src.size() * 4 + 64);
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    // ICU deprecates its IDNA2003 API in favour of UTS #46, but IDNA2003 is
    // what java.net.IDN (and so twitter-text) implements.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    const int32_t len = uidna_IDNToASCII(src.data(), static_cast<int32_t>(src.size()), dest.data(),
                                         static_cast<int32_t>(dest.size()), UIDNA_ALLOW_UNASSIGNED,
                                         &parse_error, &status);
#pragma GCC diagnostic pop
    if (status == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
      dest.resize(static_cast<size_t>(len) + 1);
      continue;
    }
    if (U_FAILURE(status) || len <= 0) return false;
    *ascii_length = len;
    return true;
  }
  return false;
}

// VALID_URL, the regex the URL extraction is built on:
//
//   (PRECEDING)((https?://)?(DOMAIN)(?::([0-9]++))?(/PATH*+)?(\?QUERY*QUERY_END)?)
//
// DOMAIN tries, in this order:
//   A  SUBDOMAIN* DOMAIN_NAME (GTLD | CCTLD | PUNYCODE)
//   B  (?<=https?://)(DOMAIN_NAME CCTLD | UNICODE_DOMAIN_NAME (GTLD | CCTLD))
//   C  DOMAIN_NAME CCTLD (?=/)
// where each *NAME is one label followed by '.'. B's first branch and C can
// only match where A already did, so only A and B's second branch are
// evaluated. Every label ends at a dot, so the scanner walks the dots: for
// dot k it tries the start positions whose first label ends there, in
// Matcher.find() order, and memoises per dot what the rest of a label chain
// starting after it yields (SUBDOMAIN* gives back labels from the right,
// so the chain's answer is its rightmost label that is a DOMAIN_NAME followed
// by a TLD). Each dot is looked at a bounded number of times: linear time.
class UrlScanner {
 public:
  UrlScanner(const Text& x, const std::vector<int32_t>& dots, Scratch& scratch)
      : x_(x),
        dots_(dots),
        k_(static_cast<int32_t>(dots.size())),
        scratch_(scratch),
        info_(scratch.dots) {
    info_.assign(dots.size(), DotInfo{});
  }

  void Scan(std::vector<Entity>& out) {
    int32_t last_end = 0;
    int32_t k = 0;
    while (k < k_) {
      const int32_t dot = dots_[k];
      int32_t lo = std::max(Info(k).any_start - kMaxProtocolLength, 0);
      if (last_end > 0) lo = std::max(lo, last_end + 1);
      Match m;
      bool found = false;
      int32_t s = lo;
      if (lo == 0) {
        // At position 0, find() first tries PRECEDING as the character
        // text[0] (URL at 1), then as ^ (URL at 0).
        found = (dot > 1 && Attempt(1, k, last_end, &m)) || Attempt(0, k, last_end, &m);
        s = 2;
      }
      for (; !found && s < dot; ++s) found = Attempt(s, k, last_end, &m);
      if (!found) {
        ++k;
        continue;
      }
      last_end = m.end;
      Emit(m, out);
      while (k < k_ && dots_[k] <= last_end) ++k;
    }
  }

 private:
  struct Match {
    int32_t start = 0;     //!< of the URL (protocol included)
    int32_t protocol = 0;  //!< length of "http://" or "https://", 0 when absent
    int32_t domain_start = 0;
    int32_t domain_end = 0;
    int32_t end = 0;  //!< of the whole match (path and query included)
  };

  int32_t SegmentBegin(int32_t k) const { return k == 0 ? 0 : dots_[k - 1] + 1; }

  DotInfo& Info(int32_t k) {
    DotInfo& d = info_[k];
    return d.computed ? d : ComputeInfo(k);
  }

  DotInfo& ComputeInfo(int32_t k) {
    DotInfo& d = info_[k];
    d.computed = true;
    const int32_t dot = dots_[k];
    const int32_t begin = SegmentBegin(k);
    d.subdomain_start = d.domain_start = d.unicode_start = d.any_start = dot;
    bool sub = true, dom = true, uni = true;
    for (int32_t i = dot - 1; i >= begin; --i) {
      const uint32_t c = x_.Cls(i);
      if ((c & internal::kAnyDomainChar) == 0) break;
      d.any_start = i;
      sub = sub && (c & internal::kSubdomainChar) != 0;
      dom = dom && (c & internal::kDomainChar) != 0;
      uni = uni && (c & internal::kUnicodeDomainChar) != 0;
      if (sub) d.subdomain_start = i;
      if (dom) d.domain_start = i;
      if (uni) d.unicode_start = i;
    }
    d.last_url_char = dot - 1 >= begin && x_.Has(dot - 1, internal::kUrlChar);
    d.last_unicode_char = dot - 1 >= begin && x_.Has(dot - 1, internal::kUrlUnicode);
    return d;
  }

  // URL_VALID_SUBDOMAIN at i, its label ending at dot k.
  bool Subdomain(int32_t i, int32_t k) {
    const DotInfo& d = Info(k);
    return i >= d.subdomain_start && i < dots_[k] && x_.Has(i, internal::kUrlChar) &&
           d.last_url_char;
  }
  // URL_VALID_DOMAIN_NAME at i, its label ending at dot k.
  bool DomainName(int32_t i, int32_t k) {
    const DotInfo& d = Info(k);
    return i >= d.domain_start && i < dots_[k] && x_.Has(i, internal::kUrlChar) && d.last_url_char;
  }
  // URL_VALID_UNICODE_DOMAIN_NAME at i, its label ending at dot k.
  bool UnicodeDomainName(int32_t i, int32_t k) {
    const DotInfo& d = Info(k);
    return i >= d.unicode_start && i < dots_[k] && x_.Has(i, internal::kUrlUnicode) &&
           d.last_unicode_char;
  }
  // Whether the whole text between dot k-1 and dot k is a subdomain label.
  bool LabelIsSubdomain(int32_t k) { return k >= 1 && k < k_ && Subdomain(SegmentBegin(k), k); }

  const TldMatch& Tld(int32_t k) {
    DotInfo& d = Info(k);
    if (!d.tld_done) {
      d.tld_done = true;
      d.tld = internal::TldAt(x_.t, x_.n, dots_[k] + 1);
    }
    return d.tld;
  }

  // Domain end of alternative A for the chain of labels starting right after
  // dot k (which must be a subdomain label), or -1.
  int32_t Best(int32_t k) {
    if (Info(k).best != kUnknown) return Info(k).best;
    std::vector<int32_t>& chain = scratch_.chain;
    chain.clear();
    int32_t j = k;
    chain.push_back(j);
    while (LabelIsSubdomain(j + 2) && Info(j + 1).best == kUnknown) chain.push_back(++j);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const int32_t c = *it;
      int32_t r = LabelIsSubdomain(c + 2) ? Info(c + 1).best : -1;
      if (r < 0 && DomainName(SegmentBegin(c + 1), c + 1) && Tld(c + 1).end >= 0) {
        r = Tld(c + 1).end;
      }
      Info(c).best = r;
    }
    return Info(k).best;
  }

  // Alternative A with the domain starting at i (first dot: k).
  int32_t DomainA(int32_t i, int32_t k) {
    if (!Subdomain(i, k)) return -1;
    if (LabelIsSubdomain(k + 1)) {
      const int32_t b = Best(k);
      if (b >= 0) return b;
    }
    if (DomainName(i, k) && Tld(k).end >= 0) return Tld(k).end;
    return -1;
  }

  // Alternative B (second branch) with the domain starting at i.
  int32_t DomainB(int32_t i, int32_t k) {
    if (!UnicodeDomainName(i, k)) return -1;
    const TldMatch& m = Tld(k);
    return (m.kind == TldKind::kGeneric || m.kind == TldKind::kCountry) ? m.end : -1;
  }

  int32_t PathCharRunEnd(int32_t i) const {
    while (i < x_.n && x_.Has(i, internal::kPathChar)) ++i;
    return i;
  }
  // One past the last URL_VALID_PATH_ENDING_CHARS character in [a, b), or -1.
  int32_t LastPathEnd(int32_t a, int32_t b) const {
    for (int32_t i = b - 1; i >= a; --i) {
      if (x_.Has(i, internal::kPathEnd)) return i + 1;
    }
    return -1;
  }
  // URL_BALANCED_PARENS at i: \((?:P+|P*\(P+\)P*)\); end or -1.
  int32_t BalancedParens(int32_t i) const {
    if (!x_.Is(i, U'(')) return -1;
    const int32_t j = PathCharRunEnd(i + 1);
    if (j > i + 1 && x_.Is(j, U')')) return j + 1;
    if (!x_.Is(j, U'(')) return -1;
    const int32_t k = PathCharRunEnd(j + 1);
    if (k == j + 1 || !x_.Is(k, U')')) return -1;
    const int32_t m = PathCharRunEnd(k + 1);
    return x_.Is(m, U')') ? m + 1 : -1;
  }
  // The end of (/URL_VALID_PATH*+) given i just after the '/'. Regex.java
  // splices URL_VALID_PATH_ENDING_CHARS ("[...]|(?:PARENS)") in without
  // brackets, so one iteration of URL_VALID_PATH is either
  //   P*(PARENS P*)*[ending]   up to the rightmost ending character of the
  //                            runs of path characters between the groups,
  //   PARENS                   a lone parenthesised group, or
  //   @P+/                     (never reached: its '/' would end the first).
  // After a first iteration of the first kind nothing but lone groups can
  // follow, as every later ending character was already taken.
  int32_t PathEnd(int32_t i) const {
    int32_t pos = i;
    for (int32_t p = i;;) {
      const int32_t r = PathCharRunEnd(p);
      const int32_t last = LastPathEnd(p, r);
      if (last >= 0) pos = last;
      p = BalancedParens(r);
      if (p < 0) break;
    }
    for (int32_t b; (b = BalancedParens(pos)) >= 0;) pos = b;
    return pos;
  }
  // One past the last URL_VALID_URL_QUERY_ENDING_CHARS of the run of query
  // characters starting at i and ending before `limit`, or -1.
  int32_t QueryEnd(int32_t i, int32_t limit) const {
    int32_t last = -1;
    for (; i < limit && x_.Has(i, internal::kQueryChar); ++i) {
      if (x_.Has(i, internal::kQueryEnd)) last = i + 1;
    }
    return last;
  }

  int32_t ProtocolAt(int32_t s) const {
    if (s >= x_.n || (x_.t[s] | 0x20) != U'h') return 0;
    if (x_.LiteralAt(s, "https://")) return 8;
    if (x_.LiteralAt(s, "http://")) return 7;
    return 0;
  }

  // VALID_URL at start s, PRECEDING already checked; k is the first dot
  // at or after s.
  bool TryAt(int32_t s, int32_t k, Match* m) {
    const int32_t protocol = ProtocolAt(s);
    const int32_t domain_start = s + protocol;
    int32_t e;
    if (protocol > 0) {
      e = DomainA(domain_start, k);
      if (e < 0) e = DomainB(domain_start, k);
      // Without the protocol, the domain would start at "http:", which no
      // alternative accepts.
    } else {
      e = DomainA(s, k);
      if (e < 0 && (x_.LiteralAt(s - 7, "http://") || x_.LiteralAt(s - 8, "https://"))) {
        e = DomainB(s, k);
      }
    }
    if (e < 0) return false;
    m->start = s;
    m->protocol = protocol;
    m->domain_start = domain_start;
    m->domain_end = e;
    if (x_.Is(e, U':') && e + 1 < x_.n && IsAsciiDigit(x_.t[e + 1])) {
      e += 2;
      while (e < x_.n && IsAsciiDigit(x_.t[e])) ++e;
    }
    if (x_.Is(e, U'/')) e = PathEnd(e + 1);
    if (x_.Is(e, U'?')) {
      const int32_t q = QueryEnd(e + 1, x_.n);
      if (q >= 0) e = q;
    }
    m->end = e;
    return true;
  }

  // Tries start s for dot k, checking PRECEDING: [^a-z0-9@＠$#＃\uFFFE\uFEFF\uFFFF]
  // (consumed, so at or after last_end), or ^.
  bool Attempt(int32_t s, int32_t k, int32_t last_end, Match* m) {
    if (s == 0) {
      if (last_end != 0) return false;
    } else if (s - 1 < last_end || x_.Has(s - 1, internal::kUrlPreBad)) {
      return false;
    }
    if (s >= x_.n || x_.t[s] == U'.') return false;
    while (k > 0 && dots_[k - 1] >= s) --k;
    return TryAt(s, k, m);
  }

  // Extractor.extractURLsWithIndices' checks on a match.
  void Emit(const Match& m, std::vector<Entity>& out) {
    if (m.protocol == 0 && m.start > 0) {
      // INVALID_URL_WITHOUT_PROTOCOL_MATCH_BEGIN: [-_./]$ on PRECEDING.
      const char32_t b = x_.t[m.start - 1];
      if (b == U'-' || b == U'_' || b == U'.' || b == U'/') return;
    }
    int32_t end = m.end;
    if (m.protocol > 0 && x_.LiteralAt(m.start + m.protocol, "t.co/")) {
      // VALID_TCO_URL: ^https?://t\.co/([a-z0-9]+)(?:\?QUERY*QUERY_END)? on the URL.
      const int32_t slug = m.start + m.protocol + 5;
      int32_t j = slug;
      while (j < end && IsAsciiAlnum(x_.t[j])) ++j;
      if (j > slug) {
        if (j - slug > kMaxTcoSlugLength) return;
        if (j < end && x_.t[j] == U'?') {
          const int32_t q = QueryEnd(j + 1, end);
          if (q >= 0) j = q;
        }
        end = j;
      }
    }
    int32_t ascii_host = 0;
    if (!HostToAscii(x_, m.domain_start, m.domain_end, scratch_, &ascii_host)) return;
    // Java counts UTF-16 units; count them only when the limit is in reach.
    const int32_t extra = ascii_host + (m.protocol == 0 ? kAssumedProtocolLength : 0);
    if (2 * (end - m.start) + extra > kMaxUrlLength &&
        x_.Utf16Length(m.start, end) - x_.Utf16Length(m.domain_start, m.domain_end) + extra >
            kMaxUrlLength) {
      return;
    }
    out.push_back({EntityType::kUrl, x_.Utf8(m.start, end), {}, m.start, end});
  }

  const Text& x_;
  const std::vector<int32_t>& dots_;
  const int32_t k_;
  Scratch& scratch_;
  std::vector<DotInfo>& info_;
};

// ------------------------------------------------------------------ driver

// Extractor.removeOverlappingEntities: sort by start (stably), then drop
// every entity that starts before the previous kept one ends.
void RemoveOverlaps(std::vector<Entity>& v) {
  auto by_start = [](const Entity& a, const Entity& b) { return a.start < b.start; };
  if (!std::is_sorted(v.begin(), v.end(), by_start)) {
    if (v.size() <= 32) {
      // Insertion sort: stable, and no buffer to allocate for a post's few entities.
      for (size_t i = 1; i < v.size(); ++i) {
        for (size_t j = i; j > 0 && v[j].start < v[j - 1].start; --j) std::swap(v[j], v[j - 1]);
      }
    } else {
      std::stable_sort(v.begin(), v.end(), by_start);
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (kept > 0 && v[kept - 1].end > v[i].start) continue;
    if (kept != i) v[kept] = std::move(v[i]);
    ++kept;
  }
  v.resize(kept);
}

Text MakeText(std::u32string_view text) {
  return Text{text.data(), static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX)),
              CharClasses::Get()};
}

void ScanUrls(const Text& x, const std::vector<int32_t>& dots, Scratch& scratch,
              std::vector<Entity>& out) {
  if (dots.empty()) return;
  UrlScanner(x, dots, scratch).Scan(out);
}

// Hashtags that do not overlap a URL (extractHashtagsWithIndices with
// checkUrlOverlap).
std::vector<Entity> HashtagsOutsideUrls(const Text& x, Scratch& scratch) {
  Sigils& s = scratch.sigils;
  FindSigils(x, kHashes | kDots, s);
  std::vector<Entity> out;
  if (s.hashes.empty()) return out;
  ScanHashtags(x, s.hashes, out);
  if (out.empty() || s.dots.empty()) return out;
  ScanUrls(x, s.dots, scratch, out);
  RemoveOverlaps(out);
  std::erase_if(out, [](const Entity& e) { return e.type != EntityType::kHashtag; });
  return out;
}

// DecodeUtf8's decoding (same replacements, hence the same indices) into
// the thread's reused buffer, without the byte offsets. With `sigils`, also
// does FindSigils(kAll) on the way.
std::u32string_view DecodeInto(std::string_view s, Scratch& scratch, Sigils* sigils = nullptr) {
  if (sigils != nullptr) sigils->Clear();
  if (scratch.decoded_capacity < s.size()) {
    scratch.decoded_capacity = std::max(s.size(), 2 * scratch.decoded_capacity);
    scratch.decoded.reset(new char32_t[scratch.decoded_capacity]);
  }
  char32_t* const begin = scratch.decoded.get();
  char32_t* w = begin;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      // A run of ASCII: sixteen bytes at a time, then byte by byte.
#if defined(__SSE2__)
      while (i + 16 <= n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        if (_mm_movemask_epi8(v) != 0) break;
        if (sigils != nullptr) {
          const __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('#')),
                                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('$'))),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('@'))));
          for (uint32_t bits = static_cast<uint32_t>(_mm_movemask_epi8(m)); bits != 0;
               bits &= bits - 1) {
            const int k = __builtin_ctz(bits);
            sigils->Add(kAsciiSigils[p[i + k]], static_cast<int32_t>(w - begin) + k);
          }
        }
        const __m128i zero = _mm_setzero_si128();
        const __m128i lo = _mm_unpacklo_epi8(v, zero), hi = _mm_unpackhi_epi8(v, zero);
        auto* out = reinterpret_cast<__m128i*>(w);
        _mm_storeu_si128(out, _mm_unpacklo_epi16(lo, zero));
        _mm_storeu_si128(out + 1, _mm_unpackhi_epi16(lo, zero));
        _mm_storeu_si128(out + 2, _mm_unpacklo_epi16(hi, zero));
        _mm_storeu_si128(out + 3, _mm_unpackhi_epi16(hi, zero));
        w += 16;
        i += 16;
      }
#endif
      for (; i < n && p[i] < 0x80; ++i) {
        if (sigils != nullptr && kAsciiSigils[p[i]] != 0) {
          sigils->Add(kAsciiSigils[p[i]], static_cast<int32_t>(w - begin));
        }
        *w++ = p[i];
      }
      continue;
    }
    // Well-formed two- and three-byte sequences (most non-ASCII text).
    if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      *w++ = (static_cast<char32_t>(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
      i += 2;
      continue;
    }
    // (E0 and ED have narrower second-byte ranges: left to the general path.)
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      const char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                          (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      if (sigils != nullptr && (cp == kFullwidthHash || cp == kFullwidthAt)) {
        sigils->Add(SigilKind(cp), static_cast<int32_t>(w - begin));
      }
      *w++ = cp;
      i += 3;
      continue;
    }
    char32_t cp = 0;
    bool valid = true;
    i += DecodeUtf8Sequence(p, n, i, &cp, &valid);
    *w++ = cp;
  }
  return std::u32string_view(begin, static_cast<size_t>(w - begin));
}

// All entities of `x`, whose sigils are in scratch.sigils.
std::vector<Entity> ExtractAll(const Text& x, Scratch& scratch) {
  const Sigils& s = scratch.sigils;
  std::vector<Entity> out;
  const size_t sigils = s.hashes.size() + s.ats.size() + s.dollars.size();
  if (sigils == 0 && s.dots.empty()) return out;
  out.reserve(std::min<size_t>(sigils + (s.dots.empty() ? 0 : 1), 8));
  ScanUrls(x, s.dots, scratch, out);
  if (!s.hashes.empty()) ScanHashtags(x, s.hashes, out);
  if (!s.ats.empty()) ScanMentionsOrLists(x, s.ats, out);
  if (!s.dollars.empty()) ScanCashtags(x, s.dollars, out);
  if (out.size() > 1) RemoveOverlaps(out);
  return out;
}

}  // namespace

std::vector<Entity> ExtractEntities(std::u32string_view text) {
  Scratch& scratch = ThreadScratch();
  const Text x = MakeText(text);
  FindSigils(x, kAll, scratch.sigils);
  return ExtractAll(x, scratch);
}

std::vector<Entity> ExtractEntities(std::string_view utf8) {
  Scratch& scratch = ThreadScratch();
  const Text x = MakeText(DecodeInto(utf8, scratch, &scratch.sigils));
  return ExtractAll(x, scratch);
}

std::vector<Entity> ExtractHashtags(std::u32string_view text) {
  return HashtagsOutsideUrls(MakeText(text), ThreadScratch());
}

std::vector<Entity> ExtractHashtags(std::string_view utf8) {
  return ExtractHashtags(DecodeInto(utf8, ThreadScratch()));
}

std::vector<Entity> ExtractMentionsOrLists(std::u32string_view text) {
  const Text x = MakeText(text);
  Sigils& s = ThreadScratch().sigils;
  FindSigils(x, kAts, s);
  std::vector<Entity> out;
  if (!s.ats.empty()) ScanMentionsOrLists(x, s.ats, out);
  return out;
}

std::vector<Entity> ExtractMentionsOrLists(std::string_view utf8) {
  return ExtractMentionsOrLists(DecodeInto(utf8, ThreadScratch()));
}

std::vector<Entity> ExtractMentions(std::u32string_view text) {
  std::vector<Entity> out = ExtractMentionsOrLists(text);
  std::erase_if(out, [](const Entity& e) { return e.type != EntityType::kMention; });
  return out;
}

std::vector<Entity> ExtractMentions(std::string_view utf8) {
  return ExtractMentions(DecodeInto(utf8, ThreadScratch()));
}

std::optional<std::string> ExtractReplyScreenname(std::u32string_view text) {
  return ReplyScreenname(MakeText(text));
}

std::optional<std::string> ExtractReplyScreenname(std::string_view utf8) {
  return ExtractReplyScreenname(DecodeInto(utf8, ThreadScratch()));
}

std::vector<Entity> ExtractUrls(std::u32string_view text) {
  const Text x = MakeText(text);
  Scratch& scratch = ThreadScratch();
  FindSigils(x, kDots, scratch.sigils);
  std::vector<Entity> out;
  ScanUrls(x, scratch.sigils.dots, scratch, out);
  return out;
}

std::vector<Entity> ExtractUrls(std::string_view utf8) {
  return ExtractUrls(DecodeInto(utf8, ThreadScratch()));
}

std::vector<Entity> ExtractCashtags(std::u32string_view text) {
  const Text x = MakeText(text);
  Sigils& s = ThreadScratch().sigils;
  FindSigils(x, kDollars, s);
  std::vector<Entity> out;
  if (!s.dollars.empty()) ScanCashtags(x, s.dollars, out);
  return out;
}

std::vector<Entity> ExtractCashtags(std::string_view utf8) {
  return ExtractCashtags(DecodeInto(utf8, ThreadScratch()));
}

}  // namespace dandelion::text
