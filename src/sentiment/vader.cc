// VADER, following the npm package vader-sentiment 1.1.3 step by step (its
// function names are given in the comments) so that every score is the same
// double as the reference's: the floating-point operations are the same ones,
// in the same order.
//
// Text model of the reference, which this file reproduces on UTF-8 bytes:
// - JavaScript strings are UTF-16, so "one character" is one UTF-16 code unit
//   (an emoji outside the BMP is two) and whitespace is JavaScript's \s.
// - Words are the whitespace-separated tokens of two or more code units. A
//   token loses its leading or trailing punctuation only when that
//   punctuation is one entry of PUNC_LIST ("!", "!!", "!!!", "?!?", "." ...)
//   and what remains has no ASCII punctuation and two or more code units:
//   "good!!" is "good" but "good..." and "(good)" stay as they are.
// - Lexicon and booster look-ups lowercase the word (String.toLowerCase);
//   negations, "never", "so", "this", "but" and the idioms compare it as
//   written.
#include "sentiment/vader.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sentiment/vader_lexicon_data.h"

namespace dandelion::sentiment {
namespace {

// Empirically derived constants of the paper and the reference.
constexpr double kBoosterIncrement = 0.293;
constexpr double kBoosterDecrement = -0.293;
constexpr double kCapsIncrement = 0.733;
constexpr double kNegationScalar = -0.74;
constexpr double kNormalizeAlpha = 15;
constexpr double kExclamationIncrement = 0.292;
constexpr double kQuestionIncrement = 0.18;

// Words that the rules name. Each has an id in the table, so that a rule
// compares one byte rather than a string.
enum class WordId : uint8_t {
  kNone,
  kNever,
  kSo,
  kThis,
  kBut,
  kLeast,
  kAt,
  kVery,
  kKind,  // from here on, words of idioms and booster bigrams
  kOf,
  kThe,
  kShit,
  kBomb,
  kBad,
  kAss,
  kYeah,
  kRight,
  kCut,
  kMustard,
  kKiss,
  kDeath,
  kHand,
  kTo,
  kMouth,
  kJust,
  kEnough,
  kSort,
};

struct RuleWord {
  std::string_view text;
  WordId id;
};

constexpr RuleWord kRuleWords[] = {
    {"never", WordId::kNever},   {"so", WordId::kSo},       {"this", WordId::kThis},
    {"but", WordId::kBut},       {"kind", WordId::kKind},   {"of", WordId::kOf},
    {"least", WordId::kLeast},   {"at", WordId::kAt},       {"very", WordId::kVery},
    {"the", WordId::kThe},       {"shit", WordId::kShit},   {"bomb", WordId::kBomb},
    {"bad", WordId::kBad},       {"ass", WordId::kAss},     {"yeah", WordId::kYeah},
    {"right", WordId::kRight},   {"cut", WordId::kCut},     {"mustard", WordId::kMustard},
    {"kiss", WordId::kKiss},     {"death", WordId::kDeath}, {"hand", WordId::kHand},
    {"to", WordId::kTo},         {"mouth", WordId::kMouth}, {"just", WordId::kJust},
    {"enough", WordId::kEnough}, {"sort", WordId::kSort},
};

// NEGATE of the reference (matched case-sensitively, like the reference).
constexpr std::string_view kNegations[] = {
    "aint",   "arent",    "cannot",  "cant",     "couldnt",  "darent",   "didnt",   "doesnt",
    "ain't",  "aren't",   "can't",   "couldn't", "daren't",  "didn't",   "doesn't", "dont",
    "hadnt",  "hasnt",    "havent",  "isnt",     "mightnt",  "mustnt",   "neither", "don't",
    "hadn't", "hasn't",   "haven't", "isn't",    "mightn't", "mustn't",  "neednt",  "needn't",
    "never",  "none",     "nope",    "nor",      "not",      "nothing",  "nowhere", "oughtnt",
    "shant",  "shouldnt", "uhuh",    "wasnt",    "werent",   "oughtn't", "shan't",  "shouldn't",
    "uh-uh",  "wasn't",   "weren't", "without",  "wont",     "wouldnt",  "won't",   "wouldn't",
    "rarely", "seldom",   "despite",
};

// The one-word entries of BOOSTER_DICT. Its two-word entries ("just enough",
// "kind of", "sort of") can never equal a token; they matter only to
// IdiomsCheck, which looks at word pairs.
constexpr std::string_view kBoosters[] = {
    "absolutely",   "amazingly",     "awfully",    "completely", "considerably", "decidedly",
    "deeply",       "effing",        "enormously", "entirely",   "especially",   "exceptionally",
    "extremely",    "fabulously",    "flipping",   "flippin",    "fricking",     "frickin",
    "frigging",     "friggin",       "fully",      "fucking",    "greatly",      "hella",
    "highly",       "hugely",        "incredibly", "intensely",  "majorly",      "more",
    "most",         "particularly",  "purely",     "quite",      "really",       "remarkably",
    "so",           "substantially", "thoroughly", "totally",    "tremendously", "uber",
    "unbelievably", "unusually",     "utterly",    "very",
};
constexpr std::string_view kDampeners[] = {
    "almost",   "barely",   "hardly",     "kinda",        "kindof",  "kind-of",
    "less",     "little",   "marginally", "occasionally", "partly",  "scarcely",
    "slightly", "somewhat", "sorta",      "sortof",       "sort-of",
};

// SPECIAL_CASE_IDIOMS, as sequences of rule words.
struct Idiom {
  std::array<WordId, 3> words;
  size_t size;
  double valence;
};
constexpr Idiom kIdioms[] = {
    {{WordId::kThe, WordId::kShit}, 2, 3},
    {{WordId::kThe, WordId::kBomb}, 2, 3},
    {{WordId::kBad, WordId::kAss}, 2, 1.5},
    {{WordId::kYeah, WordId::kRight}, 2, -2},
    {{WordId::kCut, WordId::kThe, WordId::kMustard}, 3, 2},
    {{WordId::kKiss, WordId::kOf, WordId::kDeath}, 3, -1.5},
    {{WordId::kHand, WordId::kTo, WordId::kMouth}, 3, -2},
};

}  // namespace

namespace internal {

//! One table for every look-up a word needs: the lexicon, boosters,
//! negations and rule words, keyed by the lowercased word. Open addressing
//! with linear probing; each slot holds a 16-bit hash tag beside the entry's
//! index, so that a miss rarely touches an entry. Keys are stored zero-padded
//! in three machine words, so that hashing and comparing take no loop.
struct VaderTable {
  static constexpr size_t kKeyBytes = 24;  //!< longest key; the lexicon's is 19

  struct Key {
    uint64_t words[kKeyBytes / 8] = {};
    size_t size = 0;

    friend bool operator==(const Key& a, const Key& b) {
      return a.size == b.size && a.words[0] == b.words[0] && a.words[1] == b.words[1] &&
             a.words[2] == b.words[2];
    }
  };

  struct Entry {
    Key key;
    double valence = 0;  //!< lexicon mean, if in_lexicon
    double booster = 0;  //!< kBoosterIncrement or kBoosterDecrement, if is_booster
    bool in_lexicon = false;
    bool is_booster = false;
    bool negation = false;  //!< in NEGATE (applies only to the word as written)
    WordId id = WordId::kNone;
  };

  std::vector<Entry> entries;
  std::vector<uint32_t> slots;  //!< tag << 16 | (entry index + 1); 0 is empty
  size_t mask = 0;
  size_t max_key_size = 0;  //!< longer words are in no table

  static uint64_t Hash(const Key& key) {
    uint64_t h = key.words[0] * 0x9e3779b97f4a7c15ull ^ key.words[1] * 0xc2b2ae3d27d4eb4full ^
                 key.words[2] * 0x165667b19e3779f9ull ^ key.size;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 33);
  }
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 48) << 16; }

  const Entry* Find(const Key& key) const {
    const uint64_t hash = Hash(key);
    const uint32_t tag = Tag(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint32_t slot = slots[i];
      if (slot == 0) return nullptr;
      if ((slot & 0xffff0000u) == tag) {
        const Entry& e = entries[(slot & 0xffff) - 1];
        if (e.key == key) return &e;
      }
    }
  }

  Entry& Insert(std::string_view text) {
    Key key;
    key.size = text.size();
    for (size_t k = 0; k < text.size(); ++k) {
      key.words[k / 8] |= uint64_t{static_cast<unsigned char>(text[k])} << (k % 8 * 8);
    }
    const uint64_t hash = Hash(key);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      uint32_t& slot = slots[i];
      if (slot == 0) {
        entries.push_back(Entry{.key = key});
        slot = Tag(hash) | static_cast<uint32_t>(entries.size());
        max_key_size = std::max(max_key_size, text.size());
        return entries.back();
      }
      if (entries[(slot & 0xffff) - 1].key == key) return entries[(slot & 0xffff) - 1];
    }
  }
};

}  // namespace internal

namespace {

using Table = internal::VaderTable;
using Entry = Table::Entry;

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "sentiment: %s\n", what);
  std::abort();
}

// A lexicon key can match only if String.toLowerCase leaves it unchanged and
// it holds no whitespace (a word never does). All such keys of the shipped
// lexicon are ASCII; keys with other characters (":-Þ", ":D", "fed up") are
// left out, which is exact for them and lets MakeWord lowercase ASCII only.
bool Reachable(std::string_view key) {
  for (unsigned char c : key) {
    if (c <= ' ' || c >= 0x7f || (c >= 'A' && c <= 'Z')) return false;
  }
  return !key.empty();
}

std::unique_ptr<Table> BuildTable(std::string_view lexicon) {
  auto table = std::make_unique<Table>();
  table->slots.assign(16384, 0);  // load factor under 0.5
  table->mask = table->slots.size() - 1;
  table->entries.reserve(8192);
  auto insert = [&](std::string_view key) -> Entry& {
    if (key.size() > Table::kKeyBytes) Die("lexicon key longer than VaderTable::kKeyBytes");
    if (table->entries.size() * 2 >= table->slots.size()) Die("lexicon too large for its table");
    return table->Insert(key);
  };
  while (!lexicon.empty()) {
    const size_t eol = lexicon.find('\n');
    std::string_view line = lexicon.substr(0, eol);
    lexicon.remove_prefix(eol == std::string_view::npos ? lexicon.size() : eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) Die("lexicon line without a tab");
    const std::string_view key = line.substr(0, tab);
    std::string_view rest = line.substr(tab + 1);
    rest = rest.substr(0, rest.find('\t'));
    double valence = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), valence);
    if (ec != std::errc() || end != rest.data() + rest.size())
      Die("lexicon valence is not a number");
    if (!Reachable(key)) continue;
    Entry& e = insert(key);  // a repeated token takes its last value
    e.valence = valence;
    e.in_lexicon = true;
  }
  for (std::string_view w : kBoosters) {
    Entry& e = insert(w);
    e.is_booster = true;
    e.booster = kBoosterIncrement;
  }
  for (std::string_view w : kDampeners) {
    Entry& e = insert(w);
    e.is_booster = true;
    e.booster = kBoosterDecrement;
  }
  for (std::string_view w : kNegations) insert(w).negation = true;
  for (const RuleWord& w : kRuleWords) insert(w.text).id = w.id;
  return table;
}

std::string_view EmbeddedLexicon() {
  for (const EmbeddedFile& f : VaderLexiconFiles()) {
    if (f.path == "vader_lexicon.txt") return f.data;
  }
  Die("vader_lexicon.txt is not embedded");
}

// ---------------------------------------------------------------------------
// Text

constexpr bool IsAsciiPunct(unsigned char c) {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
         (c >= 0x7b && c <= 0x7e);
}

// JavaScript's \s (WhiteSpace and LineTerminator) beyond ASCII.
constexpr bool IsJsSpace(char32_t c) {
  return c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
         c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

// What the scanner needs to know of an ASCII byte.
enum ByteClass : uint8_t { kLetter = 0, kSpace = 1, kPunct = 2, kHigh = 3 };

constexpr std::array<ByteClass, 256> kByteClass = [] {
  std::array<ByteClass, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) {
      table[c] = kHigh;
    } else if (c == ' ' || (c >= 0x09 && c <= 0x0d)) {
      table[c] = kSpace;
    } else if (IsAsciiPunct(static_cast<unsigned char>(c))) {
      table[c] = kPunct;
    } else {
      table[c] = kLetter;
    }
  }
  return table;
}();

struct Decoded {
  char32_t code_point;
  size_t size;
};

// Decodes the UTF-8 sequence at p (p < end, *p >= 0x80), or reads its maximal
// invalid subpart as one U+FFFD, as the WHATWG decoder (and so Node.js) does.
inline Decoded DecodeUtf8(const unsigned char* p, const unsigned char* end) {
  const unsigned c = p[0];
  size_t need;
  char32_t cp;
  unsigned lo = 0x80;
  unsigned hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) {
    need = 1;
    cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    cp = c & 0x0f;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    cp = c & 0x07;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return {0xfffd, 1};
  }
  for (size_t i = 1; i <= need; ++i) {
    if (p + i >= end || p[i] < lo || p[i] > hi) return {0xfffd, i};
    cp = (cp << 6) | (p[i] & 0x3f);
    lo = 0x80;
    hi = 0xbf;
  }
  return {cp, need + 1};
}

// Whether [p, p + n), all punctuation, is an entry of PUNC_LIST.
bool IsStrippable(const char* p, size_t n) {
  switch (n) {
    case 1:
      return std::strchr(".!?,;:-'\"", p[0]) != nullptr;
    case 2:
      return (p[0] == '!' || p[0] == '?') && p[1] == p[0];
    case 3:
      return std::memcmp(p, "!!!", 3) == 0 || std::memcmp(p, "???", 3) == 0 ||
             std::memcmp(p, "?!?", 3) == 0 || std::memcmp(p, "!?!", 3) == 0;
    case 4:
      return std::memcmp(p, "?!?!", 4) == 0 || std::memcmp(p, "!?!?", 4) == 0;
    default:
      return false;
  }
}

constexpr bool IsIdiomWord(WordId id) { return id >= WordId::kKind; }

// One word of words_and_emoticons, with what the rules ask of it.
struct Word {
  double lexicon_valence;  // the lexicon's value, if in_lexicon
  double booster;          // the booster's scalar, if is_booster
  double valence;          // its sentiment, filled by Score
  bool in_lexicon;         // the lowercased word is in the lexicon
  bool is_booster;         // ... in BOOSTER_DICT
  bool upper;              // is_upper_python
  bool negated;            // negated([word])
  bool is_but_caps;        // the word is "BUT"
  bool idiom_word;         // exact_id is a word of an idiom or a booster bigram
  WordId lower_id;         // the rule word that the lowercased word is
  WordId exact_id;         // the rule word that the word as written is
};

// Words live on the stack for tweet-sized texts, on the heap beyond.
class WordBuffer {
 public:
  explicit WordBuffer(size_t bound) : on_heap_(bound > kInline) {
    if (on_heap_) heap_.reserve(std::min<size_t>(bound, 1 << 16));
  }
  Word& Add() {
    if (on_heap_) return heap_.emplace_back();
    return inline_[size_++];
  }
  Word* data() { return on_heap_ ? heap_.data() : inline_.data(); }
  size_t size() const { return on_heap_ ? heap_.size() : size_; }

 private:
  static constexpr size_t kInline = 96;
  bool on_heap_;
  size_t size_ = 0;
  std::array<Word, kInline> inline_;
  std::vector<Word> heap_;
};

// Fills `w` for the bytes [p, p + n) of a word.
void MakeWord(const Table& table, const char* p, size_t n, Word& w) {
  // The key is packed as Insert packs it, byte k at bits 8 * (k % 8) of
  // word k / 8, in a register: byte stores read back as words would stall.
  Table::Key key;
  uint64_t packed = 0;
  size_t k = 0;
  bool has_lower = false;
  bool has_upper = false;
  bool has_nt = false;
  bool exact = true;
  for (size_t j = 0; j < n; ++j) {
    auto c = static_cast<unsigned char>(p[j]);
    if (c >= 'a' && c <= 'z') {
      has_lower = true;
      if (c == 'n' && j + 2 < n && p[j + 1] == '\'' && p[j + 2] == 't') has_nt = true;
    } else if (c >= 'A' && c <= 'Z') {
      has_upper = true;
      exact = false;
      c += 'a' - 'A';
    } else if (c == 0xe2 && j + 2 < n && static_cast<unsigned char>(p[j + 1]) == 0x84 &&
               static_cast<unsigned char>(p[j + 2]) == 0xaa) {
      // U+212A KELVIN SIGN, the one non-ASCII character whose lowercase is
      // ASCII ("k").
      exact = false;
      c = 'k';
      j += 2;
    }
    if (k < Table::kKeyBytes) {
      packed |= uint64_t{c} << (k % 8 * 8);
      if (k % 8 == 7) {
        key.words[k / 8] = packed;
        packed = 0;
      }
    }
    ++k;
  }
  if (k < Table::kKeyBytes && k % 8 != 0) key.words[k / 8] = packed;
  key.size = k;
  const Entry* e = k <= table.max_key_size ? table.Find(key) : nullptr;
  w.valence = 0;
  w.upper = has_upper && !has_lower;
  w.is_but_caps = n == 3 && std::memcmp(p, "BUT", 3) == 0;
  if (e == nullptr) {
    w.lexicon_valence = 0;
    w.booster = 0;
    w.in_lexicon = false;
    w.is_booster = false;
    w.negated = has_nt;
    w.idiom_word = false;
    w.lower_id = WordId::kNone;
    w.exact_id = WordId::kNone;
    return;
  }
  w.lexicon_valence = e->valence;
  w.booster = e->booster;
  w.in_lexicon = e->in_lexicon;
  w.is_booster = e->is_booster;
  w.negated = has_nt || (exact && e->negation);
  w.lower_id = e->id;
  w.exact_id = exact ? e->id : WordId::kNone;
  w.idiom_word = IsIdiomWord(w.exact_id);
}

// What the scanner learnt of a token.
struct TokenShape {
  size_t units = 0;    // UTF-16 code units
  size_t punct = 0;    // ASCII punctuation bytes
  size_t lead = 0;     // ... before the first other character
  size_t trail = 0;    // ... after the last other character
  bool other = false;  // a character that is not ASCII punctuation
};

// get_words_and_emoticons for the token [p, p + n): keeps it if it has two
// code units or more, and strips one PUNC_LIST entry off either end (not
// both) when what remains is a word of the punctuation-free text: no ASCII
// punctuation and two code units or more.
void AddToken(const Table& table, const char* p, size_t n, const TokenShape& t, WordBuffer& words) {
  if (t.units <= 1) return;
  if (t.other) {
    if (t.lead > 0 && t.trail == 0) {
      if (t.punct == t.lead && t.units - t.lead > 1 && IsStrippable(p, t.lead)) {
        p += t.lead;
        n -= t.lead;
      }
    } else if (t.trail > 0 && t.lead == 0) {
      if (t.punct == t.trail && t.units - t.trail > 1 && IsStrippable(p + n - t.trail, t.trail)) {
        n -= t.trail;
      }
    }
  }
  MakeWord(table, p, n, words.Add());
}

// ---------------------------------------------------------------------------
// Rules (SentimentIntensityAnalyzer)

// scalar_inc_dec
double ScalarIncDec(const Word& word, double valence, bool cap_diff) {
  double scalar = 0.0;
  if (word.is_booster) {
    scalar = word.booster;
    if (valence < 0) scalar *= -1;
    if (cap_diff && word.upper) {
      if (valence > 0) {
        scalar += kCapsIncrement;
      } else {
        scalar -= kCapsIncrement;
      }
    }
  }
  return scalar;
}

bool IsSoOrThis(WordId id) { return id == WordId::kSo || id == WordId::kThis; }

// never_check
double NeverCheck(double valence, const Word* w, size_t start_i, size_t i) {
  if (start_i == 0) {
    if (w[i - 1].negated) valence *= kNegationScalar;
  }
  if (start_i == 1) {
    if (w[i - 2].exact_id == WordId::kNever && IsSoOrThis(w[i - 1].exact_id)) {
      valence *= 1.5;
    } else if (w[i - 2].negated) {
      valence *= kNegationScalar;
    }
  }
  if (start_i == 2) {
    if ((w[i - 3].exact_id == WordId::kNever && IsSoOrThis(w[i - 2].exact_id)) ||
        IsSoOrThis(w[i - 1].exact_id)) {
      valence *= 1.25;
    } else if (w[i - 3].negated) {
      valence *= kNegationScalar;
    }
  }
  return valence;
}

// The idiom that the words at `at` spell, as written, or null.
const Idiom* MatchIdiom(const Word* w, std::initializer_list<size_t> at) {
  for (const Idiom& idiom : kIdioms) {
    if (idiom.size != at.size()) continue;
    size_t k = 0;
    for (size_t index : at) {
      if (w[index].exact_id != idiom.words[k]) break;
      ++k;
    }
    if (k == idiom.size) return &idiom;
  }
  return nullptr;
}

bool IsBoosterBigram(const Word& a, const Word& b) {
  const WordId x = a.exact_id;
  const WordId y = b.exact_id;
  return (x == WordId::kJust && y == WordId::kEnough) ||
         ((x == WordId::kKind || x == WordId::kSort) && y == WordId::kOf);
}

// idioms_check; i >= 3.
double IdiomsCheck(double valence, const Word* w, size_t n, size_t i) {
  bool any = false;
  for (size_t k = i - 3; k <= std::min(n - 1, i + 2); ++k) any |= w[k].idiom_word;
  if (!any) return valence;  // no idiom or bigram can match
  const Idiom* found = MatchIdiom(w, {i - 1, i});
  if (found == nullptr) found = MatchIdiom(w, {i - 2, i - 1, i});
  if (found == nullptr) found = MatchIdiom(w, {i - 2, i - 1});
  if (found == nullptr) found = MatchIdiom(w, {i - 3, i - 2, i - 1});
  if (found == nullptr) found = MatchIdiom(w, {i - 3, i - 2});
  if (found != nullptr) valence = found->valence;
  if (n - 1 > i) {
    if (const Idiom* idiom = MatchIdiom(w, {i, i + 1})) valence = idiom->valence;
  }
  if (n - 1 > i + 1) {
    if (const Idiom* idiom = MatchIdiom(w, {i, i + 1, i + 2})) valence = idiom->valence;
  }
  if (IsBoosterBigram(w[i - 3], w[i - 2]) || IsBoosterBigram(w[i - 2], w[i - 1])) {
    valence = valence + kBoosterDecrement;
  }
  return valence;
}

// least_check
double LeastCheck(double valence, const Word* w, size_t i) {
  if (i > 1 && w[i - 1].lower_id == WordId::kLeast && !w[i - 1].in_lexicon) {
    if (w[i - 2].lower_id != WordId::kAt && w[i - 2].lower_id != WordId::kVery) {
      valence = valence * kNegationScalar;
    }
  } else if (i > 0 && w[i - 1].lower_id == WordId::kLeast && !w[i - 1].in_lexicon) {
    valence = valence * kNegationScalar;
  }
  return valence;
}

// sentiment_valence
double SentimentValence(const Word* w, size_t n, size_t i, bool cap_diff) {
  const Word& item = w[i];
  if (!item.in_lexicon) return 0;
  double valence = item.lexicon_valence;
  if (item.upper && cap_diff) {
    if (valence > 0) {
      valence += kCapsIncrement;
    } else {
      valence -= kCapsIncrement;
    }
  }
  for (size_t start_i = 0; start_i < 3; ++start_i) {
    if (i > start_i && !w[i - (start_i + 1)].in_lexicon) {
      double s = ScalarIncDec(w[i - (start_i + 1)], valence, cap_diff);
      if (start_i == 1 && s != 0) {
        s = s * 0.95;
      } else if (start_i == 2 && s != 0) {
        s = s * 0.9;
      }
      valence = valence + s;
      valence = NeverCheck(valence, w, start_i, i);
      if (start_i == 2) valence = IdiomsCheck(valence, w, n, i);
    }
  }
  return LeastCheck(valence, w, i);
}

// normalize
double Normalize(double score) {
  const double norm = score / std::sqrt(score * score + kNormalizeAlpha);
  if (norm < -1.0) return -1.0;
  if (norm > 1.0) return 1.0;
  return norm;
}

// parseFloat(x.toFixed(digits)): rounds the exact binary value of x to
// `digits` decimals, halves away from zero, and returns the double nearest
// to that decimal.
double ToFixed(double x, int digits) {
  const uint64_t scale = digits == 3 ? 1000 : 10000;
  const uint64_t bits = std::bit_cast<uint64_t>(x) & ~(uint64_t{1} << 63);
  const int biased = static_cast<int>(bits >> 52);
  if (biased == 0) return 0.0;        // zero or subnormal: rounds to 0
  if (biased >= 1023 + 50) return x;  // scores are within [-1, 1]; keeps the arithmetic below exact
  const uint64_t m = (bits & ((uint64_t{1} << 52) - 1)) | (uint64_t{1} << 52);
  const int shift = 1075 - biased;  // |x| = m / 2^shift, shift > 2
  if (shift >= 127) return 0.0;
  const unsigned __int128 scaled = static_cast<unsigned __int128>(m) * scale;
  const unsigned __int128 floor = scaled >> shift;
  const unsigned __int128 rest = scaled - (floor << shift);
  const uint64_t q =
      static_cast<uint64_t>(floor) + (rest >= (static_cast<unsigned __int128>(1) << (shift - 1)));
  if (q == 0) return 0.0;
  const double r = static_cast<double>(q) / static_cast<double>(scale);
  return x < 0 ? -r : r;
}

}  // namespace

Label LabelFor(double compound) {
  if (compound >= 0.05) return Label::kPositive;
  if (compound <= -0.05) return Label::kNegative;
  return Label::kNeutral;
}

std::string_view LabelName(Label label) {
  switch (label) {
    case Label::kNegative:
      return "negative";
    case Label::kNeutral:
      return "neutral";
    case Label::kPositive:
      return "positive";
  }
  return "neutral";
}

Analyzer::Analyzer(std::unique_ptr<const internal::VaderTable> table) : table_(std::move(table)) {}
Analyzer::~Analyzer() = default;

const Analyzer& Analyzer::Default() {
  static const Analyzer* const kDefault = new Analyzer(BuildTable(EmbeddedLexicon()));
  return *kDefault;
}

Scores Analyzer::Score(std::string_view utf8) const {
  const Table& table = *table_;
  // Each word takes two bytes or more and a separator, hence the bound.
  WordBuffer buffer(utf8.size() / 3 + 1);
  size_t exclamations = 0;
  size_t questions = 0;

  // SentiText: split on \s, keep tokens of two code units or more, strip.
  const auto* const begin = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto* const end = begin + utf8.size();
  const unsigned char* token = begin;
  TokenShape shape;
  for (const unsigned char* p = begin; p < end;) {
    const unsigned char c = *p;
    switch (kByteClass[c]) {
      case kLetter: {
        const unsigned char* q = p + 1;
        while (q < end && kByteClass[*q] == kLetter) ++q;
        shape.units += q - p;
        shape.trail = 0;
        shape.other = true;
        p = q;
        continue;
      }
      case kPunct:
        exclamations += c == '!';
        questions += c == '?';
        ++shape.units;
        ++shape.punct;
        ++shape.trail;
        shape.lead += !shape.other;
        ++p;
        continue;
      case kSpace:
        AddToken(table, reinterpret_cast<const char*>(token), p - token, shape, buffer);
        token = ++p;
        shape = TokenShape();
        continue;
      case kHigh:
        break;
    }
    const Decoded d = DecodeUtf8(p, end);
    if (IsJsSpace(d.code_point)) {
      AddToken(table, reinterpret_cast<const char*>(token), p - token, shape, buffer);
      p += d.size;
      token = p;
      shape = TokenShape();
      continue;
    }
    shape.units += d.code_point >= 0x10000 ? 2 : 1;
    shape.trail = 0;
    shape.other = true;
    p += d.size;
  }
  AddToken(table, reinterpret_cast<const char*>(token), end - token, shape, buffer);

  Word* const w = buffer.data();
  const size_t n = buffer.size();
  if (n == 0) return Scores{};

  // allcap_differential
  size_t allcaps = 0;
  for (size_t i = 0; i < n; ++i) allcaps += w[i].upper;
  const bool cap_diff = n - allcaps > 0 && n - allcaps < n;

  // polarity_scores
  for (size_t i = 0; i < n; ++i) {
    if ((i < n - 1 && w[i].lower_id == WordId::kKind && w[i + 1].lower_id == WordId::kOf) ||
        w[i].is_booster) {
      w[i].valence = 0;
      continue;
    }
    w[i].valence = SentimentValence(w, n, i, cap_diff);
  }

  // but_check: the first "but", else the first "BUT".
  size_t but = n;
  for (size_t i = 0; i < n && but == n; ++i) {
    if (w[i].exact_id == WordId::kBut) but = i;
  }
  for (size_t i = 0; i < n && but == n; ++i) {
    if (w[i].is_but_caps) but = i;
  }
  if (but != n) {
    for (size_t i = 0; i < n; ++i) {
      if (i < but) {
        w[i].valence = 0.5 * w[i].valence;
      } else if (i > but) {
        w[i].valence = 1.5 * w[i].valence;
      }
    }
  }

  // score_valence
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += w[i].valence;
  const double ep = kExclamationIncrement * static_cast<double>(std::min<size_t>(exclamations, 4));
  double qm = 0;
  if (questions > 1)
    qm = questions <= 3 ? kQuestionIncrement * static_cast<double>(questions) : 0.96;
  const double amplifier = ep + qm;
  if (sum > 0) {
    sum += amplifier;
  } else if (sum < 0) {
    sum -= amplifier;
  }
  const double compound = Normalize(sum);

  // sift_sentiment_scores
  double pos_sum = 0.0;
  double neg_sum = 0.0;
  size_t neu_count = 0;
  for (size_t i = 0; i < n; ++i) {
    const double s = w[i].valence;
    if (s > 0) {
      pos_sum += s + 1;
    } else if (s < 0) {
      neg_sum += s - 1;
    } else {
      neu_count += 1;
    }
  }
  if (pos_sum > std::fabs(neg_sum)) {
    pos_sum += amplifier;
  } else if (pos_sum < std::fabs(neg_sum)) {
    neg_sum -= amplifier;
  }
  const double total = pos_sum + std::fabs(neg_sum) + static_cast<double>(neu_count);
  Scores scores;
  scores.negative = ToFixed(std::fabs(neg_sum / total), 3);
  scores.neutral = ToFixed(std::fabs(static_cast<double>(neu_count) / total), 3);
  scores.positive = ToFixed(std::fabs(pos_sum / total), 3);
  scores.compound = ToFixed(compound, 4);
  return scores;
}

}  // namespace dandelion::sentiment
