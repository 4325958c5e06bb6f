#include "text/entities_chars.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <climits>
#include <string_view>
#include <utility>
#include <vector>

#include "text/tlds.h"
#include "text/utf8.h"

namespace dandelion::text::internal {
namespace {

struct Range {
  char32_t lo, hi;
};

// Regex.java's HASHTAG_LETTERS_AND_MARKS beyond \p{L}\p{M} ("generated from
// unicode_regex/unicode_regex_groups.scala, more inclusive than Java's
// \p{L}\p{M}"), surrogate pairs resolved. Most are letters in ICU's newer
// Unicode anyway; the private-use ones are kept as twitter-text has them.
constexpr Range kExtraLetters[] = {
    {0x037F, 0x037F},   {0x0528, 0x052F},   {0x08A0, 0x08B2},   {0x08E4, 0x08FF},
    {0x0978, 0x0978},   {0x0980, 0x0980},   {0x0C00, 0x0C00},   {0x0C34, 0x0C34},
    {0x0C81, 0x0C81},   {0x0D01, 0x0D01},   {0x0EDE, 0x0EDF},   {0x10C7, 0x10C7},
    {0x10CD, 0x10CD},   {0x10FD, 0x10FF},   {0x16F1, 0x16F8},   {0x17B4, 0x17B5},
    {0x191D, 0x191E},   {0x1AB0, 0x1ABE},   {0x1BAB, 0x1BAD},   {0x1BBA, 0x1BBF},
    {0x1CF3, 0x1CF6},   {0x1CF8, 0x1CF9},   {0x1DE7, 0x1DF5},   {0x2CF2, 0x2CF3},
    {0x2D27, 0x2D27},   {0x2D2D, 0x2D2D},   {0x2D66, 0x2D67},   {0x9FCC, 0x9FCC},
    {0xA674, 0xA67B},   {0xA698, 0xA69D},   {0xA69F, 0xA69F},   {0xA792, 0xA79F},
    {0xA7AA, 0xA7AD},   {0xA7B0, 0xA7B1},   {0xA7F7, 0xA7F9},   {0xA9E0, 0xA9EF},
    {0xA9FA, 0xA9FE},   {0xAA7C, 0xAA7F},   {0xAAE0, 0xAAEF},   {0xAAF2, 0xAAF6},
    {0xAB30, 0xAB5A},   {0xAB5C, 0xAB5F},   {0xAB64, 0xAB65},   {0xF870, 0xF87F},
    {0xF882, 0xF882},   {0xF884, 0xF89F},   {0xF8B8, 0xF8B8},   {0xF8C1, 0xF8D6},
    {0xFA2E, 0xFA2F},   {0xFE27, 0xFE2D},   {0x102E0, 0x102E0}, {0x1031F, 0x1031F},
    {0x10350, 0x1037A}, {0x10500, 0x10527}, {0x10530, 0x10563}, {0x10600, 0x10736},
    {0x10740, 0x10755}, {0x10760, 0x10767}, {0x10860, 0x10876}, {0x10880, 0x1089E},
    {0x10980, 0x109B7}, {0x109BE, 0x109BF}, {0x10A80, 0x10A9C}, {0x10AC0, 0x10AC7},
    {0x10AC9, 0x10AE6}, {0x10B80, 0x10B91}, {0x1107F, 0x1107F}, {0x110D0, 0x110E8},
    {0x11100, 0x11134}, {0x11150, 0x11173}, {0x11176, 0x11176}, {0x11180, 0x111C4},
    {0x111DA, 0x111DA}, {0x11200, 0x11211}, {0x11213, 0x11237}, {0x112B0, 0x112EA},
    {0x11301, 0x11303}, {0x11305, 0x1130C}, {0x1130F, 0x11310}, {0x11313, 0x11328},
    {0x1132A, 0x11330}, {0x11332, 0x11333}, {0x11335, 0x11339}, {0x1133C, 0x11344},
    {0x11347, 0x11348}, {0x1134B, 0x1134D}, {0x11357, 0x11357}, {0x1135D, 0x11363},
    {0x11366, 0x1136C}, {0x11370, 0x11374}, {0x11480, 0x114C5}, {0x114C7, 0x114C7},
    {0x11580, 0x115B5}, {0x115B8, 0x115C0}, {0x11600, 0x11640}, {0x11644, 0x11644},
    {0x11680, 0x116B7}, {0x118A0, 0x118DF}, {0x118FF, 0x118FF}, {0x11AC0, 0x11AF8},
    {0x1236F, 0x12398}, {0x16A40, 0x16A5E}, {0x16AD0, 0x16AED}, {0x16AF0, 0x16AF4},
    {0x16B00, 0x16B36}, {0x16B40, 0x16B43}, {0x16B63, 0x16B77}, {0x16B7D, 0x16B8F},
    {0x16F00, 0x16F44}, {0x16F50, 0x16F7E}, {0x16F8F, 0x16F9F}, {0x1BC00, 0x1BC6A},
    {0x1BC70, 0x1BC7C}, {0x1BC80, 0x1BC88}, {0x1BC90, 0x1BC99}, {0x1BC9D, 0x1BC9E},
    {0x1E800, 0x1E8C4}, {0x1E8D0, 0x1E8D6}, {0x1EE00, 0x1EE03}, {0x1EE05, 0x1EE1F},
    {0x1EE21, 0x1EE22}, {0x1EE24, 0x1EE24}, {0x1EE27, 0x1EE27}, {0x1EE29, 0x1EE32},
    {0x1EE34, 0x1EE37}, {0x1EE39, 0x1EE39}, {0x1EE3B, 0x1EE3B}, {0x1EE42, 0x1EE42},
    {0x1EE47, 0x1EE47}, {0x1EE49, 0x1EE49}, {0x1EE4B, 0x1EE4B}, {0x1EE4D, 0x1EE4F},
    {0x1EE51, 0x1EE52}, {0x1EE54, 0x1EE54}, {0x1EE57, 0x1EE57}, {0x1EE59, 0x1EE59},
    {0x1EE5B, 0x1EE5B}, {0x1EE5D, 0x1EE5D}, {0x1EE5F, 0x1EE5F}, {0x1EE61, 0x1EE62},
    {0x1EE64, 0x1EE64}, {0x1EE67, 0x1EE6A}, {0x1EE6C, 0x1EE72}, {0x1EE74, 0x1EE77},
    {0x1EE79, 0x1EE7C}, {0x1EE7E, 0x1EE7E}, {0x1EE80, 0x1EE89}, {0x1EE8B, 0x1EE9B},
    {0x1EEA1, 0x1EEA3}, {0x1EEA5, 0x1EEA9}, {0x1EEAB, 0x1EEBB},
};

// HASHTAG_NUMERALS beyond \p{Nd}.
constexpr Range kExtraNumerals[] = {
    {0x0DE6, 0x0DEF},   {0xA9F0, 0xA9F9},   {0x110F0, 0x110F9}, {0x11136, 0x1113F},
    {0x111D0, 0x111D9}, {0x112F0, 0x112F9}, {0x114D0, 0x114D9}, {0x11650, 0x11659},
    {0x116C0, 0x116C9}, {0x118E0, 0x118E9}, {0x16A60, 0x16A69}, {0x16B50, 0x16B59},
};

// HASHTAG_SPECIAL_CHARS.
constexpr char32_t kHashSpecials[] = {
    U'_',   0x200C, 0x200D, 0xA67E, 0x05BE, 0x05F3, 0x05F4, 0xFF5E, 0x301C,
    0x309B, 0x309C, 0x30A0, 0x30FB, 0x3003, 0x0F0B, 0x0F0C, 0x00B7,
};

// LATIN_ACCENTS_CHARS.
constexpr Range kLatinAccents[] = {
    {0x00C0, 0x00D6}, {0x00D8, 0x00F6}, {0x00F8, 0x00FF}, {0x0100, 0x024F}, {0x0253, 0x0254},
    {0x0256, 0x0257}, {0x0259, 0x0259}, {0x025B, 0x025B}, {0x0263, 0x0263}, {0x0268, 0x0268},
    {0x026F, 0x026F}, {0x0272, 0x0272}, {0x0289, 0x0289}, {0x028B, 0x028B}, {0x02BB, 0x02BB},
    {0x0300, 0x036F}, {0x1E00, 0x1EFF},
};

// UNICODE_SPACES.
constexpr Range kSpaces[] = {
    {0x0009, 0x000D}, {0x0020, 0x0020}, {0x0085, 0x0085}, {0x00A0, 0x00A0},
    {0x1680, 0x1680}, {0x180E, 0x180E}, {0x2000, 0x200A}, {0x2028, 0x2029},
    {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};

template <size_t N>
bool InRanges(const Range (&ranges)[N], char32_t c) {
  // Sorted and disjoint: the last range starting at or before c decides.
  const Range* it = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                     [](char32_t v, const Range& r) { return v < r.lo; });
  return it != std::begin(ranges) && c <= (it - 1)->hi;
}

bool In(std::string_view set, char32_t c) {
  return c < 0x80 && set.find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsAsciiAlnum(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
}

// The hashtag bits of a supplementary code point (computed on the fly; the
// BMP is tabulated by CharClasses' constructor).
uint32_t SupplementaryHashtagClasses(char32_t c) {
  const uint32_t gc = U_GET_GC_MASK(static_cast<UChar32>(c));
  uint32_t bits = 0;
  if ((gc & (U_GC_L_MASK | U_GC_M_MASK)) != 0 || InRanges(kExtraLetters, c)) {
    bits |= kHashLetter | kHashChar;
  }
  if ((gc & U_GC_ND_MASK) != 0 || InRanges(kExtraNumerals, c)) bits |= kHashChar;
  return bits;
}

// The classes of BMP code point c that do not come from a range table
// (those are added by CharClasses' constructor).
uint32_t BaseClasses(char32_t c) {
  const uint32_t gc = U_GET_GC_MASK(static_cast<UChar32>(c));
  uint32_t bits = 0;
  if ((gc & (U_GC_L_MASK | U_GC_M_MASK)) != 0) bits |= kHashLetter | kHashChar;
  if ((gc & U_GC_ND_MASK) != 0) bits |= kHashChar;
  // URL_VALID_UNICODE_CHARS: [^PUNCTUATION_CHARS\s\p{Z}\p{InGeneralPunctuation}]
  // (PUNCTUATION_CHARS is ASCII punctuation without the backslash).
  constexpr std::string_view kUrlPunctuation = "-_!\"#$%&'()*+,./:;<=>?@[]^`{|}~";
  constexpr std::string_view kJavaSpace = " \t\n\x0B\f\r";
  if (!In(kUrlPunctuation, c) && !In(kJavaSpace, c) && (gc & U_GC_Z_MASK) == 0 &&
      !(c >= 0x2000 && c <= 0x206F)) {
    bits |= kUrlUnicode;
  }
  if (c >= 0x0400 && c <= 0x04FF) bits |= kPathChar | kPathEnd;  // CYRILLIC_CHARS
  if (c == 0x2013) bits |= kPathChar;
  if (c == 0xFF20 || c == 0xFF03 || c == 0xFFFE || c == 0xFEFF || c == 0xFFFF) bits |= kUrlPreBad;
  if (c == 0xFF20) bits |= kMentionPreBad;
  if (c >= 0x80) return bits;

  const bool alnum = IsAsciiAlnum(c);
  if (alnum) {
    bits |= kUrlChar | kPathChar | kPathEnd | kQueryChar | kQueryEnd | kUrlPreBad | kMentionPreBad |
            kRtPreBad | kScreenName;
  }
  if (In("!*';:=+,.$/%#[]-_~|&@", c)) bits |= kPathChar;
  if (In("=_#/-+", c)) bits |= kPathEnd;
  if (In("!?*'();:&=+$/%#[]-_.,~|@", c)) bits |= kQueryChar;
  if (In("-_&=#/", c)) bits |= kQueryEnd;
  if (In("@$#", c)) bits |= kUrlPreBad;
  if (In("_!#$%&*@", c)) bits |= kMentionPreBad;
  if (In("_+~.-", c)) bits |= kRtPreBad;
  if (c == U'_') bits |= kScreenName;
  if (c > 0x20 && c < 0x7F && !alnum) bits |= kAsciiPunct;
  if (In(kJavaSpace, c)) bits |= kAsciiSpace;
  return bits;
}

// The classes derived from others.
uint32_t WithDerivedClasses(char32_t c, uint32_t bits) {
  if ((bits & kUrlChar) != 0 || c == U'-' || c == U'_') bits |= kSubdomainChar;
  if ((bits & kUrlChar) != 0 || c == U'-') bits |= kDomainChar;
  if ((bits & kUrlUnicode) != 0 || c == U'-') bits |= kUnicodeDomainChar;
  if ((bits & (kSubdomainChar | kUnicodeDomainChar)) != 0) bits |= kAnyDomainChar;
  return bits;
}

// The TLD table as a trie over code points, ASCII stored in lower case.
class TldTrie {
 public:
  static const TldTrie& Get() {
    static const TldTrie trie;
    return trie;
  }

  //! Child of `node` along `c`, or -1.
  int32_t Child(int32_t node, char32_t c) const {
    if (node == 0 && c < 0x80) return root_ascii_[c];
    const auto& next = nodes_[node].next;
    auto it = std::lower_bound(
        next.begin(), next.end(), c,
        [](const std::pair<char32_t, int32_t>& e, char32_t v) { return e.first < v; });
    return it != next.end() && it->first == c ? it->second : -1;
  }
  int32_t GenericRank(int32_t node) const { return nodes_[node].generic; }
  int32_t CountryRank(int32_t node) const { return nodes_[node].country; }

 private:
  struct Node {
    std::vector<std::pair<char32_t, int32_t>> next;  //!< sorted by code point
    int32_t generic = -1;                            //!< list index of the generic TLD ending here
    int32_t country = -1;                            //!< list index of the country TLD ending here
  };

  TldTrie() {
    nodes_.emplace_back();
    std::fill(std::begin(root_ascii_), std::end(root_ascii_), -1);
    auto generic = GenericTlds();
    for (size_t i = 0; i < generic.size(); ++i) Add(generic[i], &Node::generic, i);
    auto country = CountryTlds();
    for (size_t i = 0; i < country.size(); ++i) Add(country[i], &Node::country, i);
    for (Node& n : nodes_) std::sort(n.next.begin(), n.next.end());
    for (const auto& [c, child] : nodes_[0].next) {
      if (c < 0x80) root_ascii_[c] = child;
    }
  }

  void Add(std::string_view utf8, int32_t Node::*rank, size_t index) {
    int32_t node = 0;
    for (char32_t c : DecodeUtf8(utf8).code_points) {
      if (c >= U'A' && c <= U'Z') c += 32;
      int32_t child = -1;
      for (const auto& [k, v] : nodes_[node].next) {
        if (k == c) child = v;
      }
      if (child < 0) {
        child = static_cast<int32_t>(nodes_.size());
        nodes_[node].next.emplace_back(c, child);
        nodes_.emplace_back();
      }
      node = child;
    }
    if (nodes_[node].*rank < 0) nodes_[node].*rank = static_cast<int32_t>(index);
  }

  std::vector<Node> nodes_;
  int32_t root_ascii_[0x80];
};

// (?=[^a-z0-9@+-]|$), case-insensitive.
bool TldLookaheadOk(const char32_t* text, int32_t n, int32_t i) {
  if (i >= n) return true;
  char32_t c = text[i];
  return !(IsAsciiAlnum(c) || c == U'@' || c == U'+' || c == U'-');
}

}  // namespace

const CharClasses& CharClasses::Get() {
  static const CharClasses* classes = new CharClasses();  // never destroyed
  return *classes;
}

CharClasses::CharClasses() {
  for (char32_t c = 0; c < 0x10000; ++c) bmp_[c] = BaseClasses(c);
  auto add = [this](char32_t lo, char32_t hi, uint32_t bits) {
    for (char32_t c = lo; c <= hi && c < 0x10000; ++c) bmp_[c] |= bits;
  };
  for (const Range& r : kExtraLetters) add(r.lo, r.hi, kHashLetter | kHashChar);
  for (const Range& r : kExtraNumerals) add(r.lo, r.hi, kHashChar);
  for (char32_t c : kHashSpecials) add(c, c, kHashChar);
  for (const Range& r : kLatinAccents) {
    add(r.lo, r.hi, kLatinAccent | kUrlChar | kPathChar | kPathEnd);
  }
  for (const Range& r : kSpaces) add(r.lo, r.hi, kSpace);
  for (char32_t c = 0; c < 0x10000; ++c) bmp_[c] = WithDerivedClasses(c, bmp_[c]);
}

uint32_t CharClasses::Supplementary(char32_t c) {
  if (c > 0x10FFFF) return 0;
  // No space, punctuation or Latin/Cyrillic letter lies beyond the BMP.
  return SupplementaryHashtagClasses(c) | kUrlUnicode | kUnicodeDomainChar | kAnyDomainChar;
}

TldMatch TldAt(const char32_t* text, int32_t n, int32_t pos) {
  const TldTrie& trie = TldTrie::Get();
  int32_t generic_rank = INT32_MAX, generic_end = -1;
  int32_t country_rank = INT32_MAX, country_end = -1;
  int32_t node = 0;
  for (int32_t j = pos; j < n; ++j) {
    char32_t c = text[j];
    if (c >= U'A' && c <= U'Z') c += 32;
    node = trie.Child(node, c);
    if (node < 0) break;
    const int32_t g = trie.GenericRank(node), k = trie.CountryRank(node);
    if ((g >= 0 || k >= 0) && TldLookaheadOk(text, n, j + 1)) {
      if (g >= 0 && g < generic_rank) generic_rank = g, generic_end = j + 1;
      if (k >= 0 && k < country_rank) country_rank = k, country_end = j + 1;
    }
  }
  if (generic_end >= 0) return {TldKind::kGeneric, generic_end};
  if (country_end >= 0) return {TldKind::kCountry, country_end};
  // URL_PUNYCODE: xn--[-0-9a-z]+
  auto lower = [&](int32_t i) {
    char32_t c = text[i];
    return (c >= U'A' && c <= U'Z') ? c + 32 : c;
  };
  if (pos + 4 < n && lower(pos) == U'x' && lower(pos + 1) == U'n' && text[pos + 2] == U'-' &&
      text[pos + 3] == U'-') {
    int32_t j = pos + 4;
    while (j < n && (IsAsciiAlnum(text[j]) || text[j] == U'-')) ++j;
    if (j > pos + 4) return {TldKind::kPunycode, j};
  }
  return {};
}

}  // namespace dandelion::text::internal
