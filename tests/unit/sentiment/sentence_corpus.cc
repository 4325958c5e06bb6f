#include "sentence_corpus.h"

#include <span>
#include <string_view>

namespace dandelion::sentiment {
namespace {

using List = std::span<const std::string_view>;

// Examples from the paper, the Python and JavaScript projects' READMEs, and
// the rules' corner cases.
constexpr std::string_view kFixed[] = {
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as such as 💘 and 💋 and 😁",
    "Not bad at all",
    "A really bad, horrible book.",
    "At least it isn't a horrible book.",
    ":) and :D",
    "",
    "Today sux",
    "Today sux!",
    "Today SUX!",
    "Today kinda sux! But I'll get by, lol",
    "It was one of the worst movies I've seen, despite good reviews.",
    "Unbelievably bad acting!! Poor direction. VERY poor production. The movie was bad. Very bad "
    "movie. VERY BAD movie!",
    "The movie was too good",
    "This movie was actually neither that funny, nor super witty.",
    "This movie doesn't care about cleverness, wit or any other kind of intelligent humor.",
    "Those who find ugly meanings in beautiful things are corrupt without being charming.",
    "There are slow and repetitive parts, BUT it has just enough spice to keep it interesting.",
    "The twin towers collapsed today",
    "However, Mr. Carter solemnly argues, his client carried out the kidnapping under orders and "
    "in the ''least offensive way possible.''",
    "the shit",
    "this is the shit!",
    "yeah right",
    "that movie was the bomb",
    "bad ass movie",
    "he can't cut the mustard",
    "it was the kiss of death",
    "living hand to mouth",
    "I am never so happy",
    "never this good",
    "so good",
    "this good",
    "never so bad",
    "least good",
    "at least good",
    "very least good",
    "the least good thing",
    "kind of good",
    "sort of bad",
    "kinda good",
    "sorta bad",
    "just enough good",
    "not good",
    "NOT good",
    "Not good",
    "isn't good",
    "ISN'T good",
    "never good",
    "without fun",
    "good but bad",
    "good BUT bad",
    "good But bad",
    "bad but good but bad",
    "GOOD",
    "GOOD day",
    "good DAY",
    "VERY good day",
    "very GOOD day",
    "good!",
    "good!!",
    "good!!!",
    "good!!!!",
    "good!!!!!",
    "good?",
    "good??",
    "good???",
    "good????",
    "good?!?",
    "good...",
    "(good)",
    "'good'",
    "\"good\"",
    "good,",
    ",good",
    "-good",
    "😀",
    "😀😀",
    "😀 😡",
    "❤️",
    "I ❤️ it",
    "👍",
    "🇫🇷 is great",
    "a",
    "I",
    "ok",
    "no",
    ":(",
    ":-(",
    "<3",
    "</3",
    "kind",
    "kind of",
    "of kind",
    "kind of kind of good",
    "\u212Aind of good",
    "g\u212Aood",
    "İ love it",
    "ǅ good",
    "good\u00a0day",
    "good\u3000bad",
    "good\u2028bad",
    "good\u200bbad",
    "good\tbad\nugly",
    "\xef\xbb\xbfgood",
    "good \xe2\x80\x8f",
    "شكرا جزيلا good",
    "טוב מאוד bad",
    "Ｇｏｏｄ",
    "“good”",
    "good…",
    "straße is nice",
};

constexpr std::string_view kSubjects[] = {
    "The movie",
    "This phone",
    "the food",
    "Our team",
    "My day",
    "The service",
    "this app",
    "The update",
    "The hotel staff",
    "Your support",
    "VADER",
    "The plot",
    "the book",
    "It",
    "This",
    "He",
    "She",
    "They",
    "the price",
    "This place",
    "The concert",
    "Customer service",
    "Everything",
    "Life",
    "@dandelion",
    "#mondays",
    "the new UI",
    "Their CEO",
    "your reply",
    "This thread",
};
constexpr std::string_view kVerbs[] = {
    "is",     "was",     "looks",    "feels",        "seems",    "has been", "isn't",
    "wasn't", "was not", "is never", "doesn't look", "will be",  "are",      "ain't",
    "IS",     "Was",     "is not",   "never was",    "can't be", "won't be", "remains",
};
constexpr std::string_view kPositive[] = {
    "good",    "great",   "love",      "loved",   "nice",  "happy",     "excellent",
    "awesome", "amazing", "beautiful", "fun",     "best",  "wonderful", "like",
    "lol",     "yay",     "perfect",   "helpful", "cool",  "brilliant", "sweet",
    "glad",    "thanks",  "win",       "smart",   "funny", "handsome",  "fantastic",
    "lovely",  "kind",    "hope",      "ok",      "okay",  "fav",       "yes",
    "haha",    "lmao",    "pleased",   "superb",  "true",  "rofl",      "xoxo",
};
constexpr std::string_view kNegative[] = {
    "bad",     "terrible",      "awful",    "hate",   "sad",     "horrible", "worst",
    "ugly",    "boring",        "angry",    "sucks",  "sux",     "fail",     "wtf",
    "broken",  "disappointing", "annoying", "stupid", "poor",    "slow",     "rude",
    "useless", "crap",          "worse",    "lame",   "shit",    "damn",     "hell",
    "hurt",    "sick",          "tired",    "no",     "problem", "lost",     "pain",
    "cry",     "bomb",          "ass",      "death",  "smh",     "fu",       "meh",
};
constexpr std::string_view kNeutral[] = {
    "today",     "again",  "for",    "me",      "with",
    "yesterday", "at",     "all",    "to",      "be",
    "honest",    "lately", "in",     "general", "this",
    "time",      "I",      "think",  "we",      "they",
    "you",       "of",     "course", "now",     "is",
    "was",       "kind",   "sort",   "just",    "enough",
    "least",     "very",   "so",     "never",   "the",
    "right",     "yeah",   "cut",    "mustard", "kiss",
    "hand",      "mouth",  "a",      "it",      "and",
    "or",        "the",    "my",     "our",     "phone",
    "update",    "app",    "2024",   "100%",    "https://example.com/x",
    "#tbt",      "@bob",   "its",    "that",    "what",
    "do",        "does",
};
constexpr std::string_view kBoosters[] = {
    "very",    "really",     "extremely", "so",      "totally", "incredibly", "absolutely",
    "fucking", "uber",       "hella",     "more",    "most",    "quite",      "completely",
    "deeply",  "especially", "highly",    "utterly", "friggin", "effing",     "VERY",
    "REALLY",  "So",         "Really",    "super",   "too",
};
constexpr std::string_view kDampeners[] = {
    "slightly",    "somewhat", "barely",  "hardly", "kinda",      "sorta",    "kind of",
    "sort of",     "little",   "less",    "almost", "marginally", "partly",   "occasionally",
    "just enough", "kindof",   "sort-of", "KINDA",  "Kind of",    "a little", "only",
};
constexpr std::string_view kNegations[] = {
    "not",     "isn't",   "don't",     "never", "no",     "without", "cannot",   "can't",
    "won't",   "doesn't", "nothing",   "nor",   "wasn't", "aint",    "rarely",   "seldom",
    "despite", "uh-uh",   "shouldn't", "ain't", "NOT",    "Not",     "Never",    "nope",
    "neither", "none",    "dont",      "isnt",  "DON'T",  "hardly",  "wouldn't", "couldnt",
};
constexpr std::string_view kConjunctions[] = {
    "but", "BUT", "But", "and", "although", "yet", "however", "but,", "and then", "or", "so",
};
constexpr std::string_view kEmoticons[] = {
    ":)",  ":(",  ":D", ":d",  ":-)",  ":-(", "<3",  "</3", ";)", ":P",  ":p",  "xD",
    "XD",  ":/",  "=)", ">:(", "\\o/", ":'(", "^_^", ":-D", "(:", "):",  ":]",  "8)",
    "o_O", ":-|", ":*", ":-p", ";-)",  "=D",  ":o",  ":s",  "D:", "<33", ":))", ":-P",
};
constexpr std::string_view kEmoji[] = {
    "😀", "😂", "😍",  "😡",           "😢", "👍",    "👎", "❤️", "💔",      "🔥", "🙂", "🙁",
    "🎉", "💩", "🇫🇷", "👩‍💻", "✨", "🤔", "😭", "🥰",   "☹️", "✅", "💯",    "👍🏽",
};
constexpr std::string_view kIdioms[] = {
    "the shit",      "the bomb", "bad ass",    "yeah right", "cut the mustard", "kiss of death",
    "hand to mouth", "The shit", "YEAH RIGHT", "the Bomb",   "is the shit",     "was the bomb",
};
constexpr std::string_view kLeast[] = {"least",     "at least", "very least",
                                       "the least", "LEAST",    "At least"};
constexpr std::string_view kNeverSo[] = {"never so", "never this", "so",
                                         "this",     "never",      "Never so"};
constexpr std::string_view kEndings[] = {
    ".",    "!",   "!!",  "!!!", "!!!!", "!!!!!!", "?",    "??", "???",
    "????", "?!?", "!?!", "?!",  "...",  "..",     ",",    ";",  ":",
    "",     "",    "",    " :)", "!!1",  "!?!?",   "?!?!", " !", " ?!",
};
constexpr std::string_view kForeign[] = {
    "café",   "naïve",        "très bien", "überrascht", "رائع",  "טוב מאוד", "素晴らしい",
    "ÉNORME", "\u212Aind of", "İyi",       "straße",     "GOOD™", "“good”",   "‘bad’",
    "good…",  "Ｇｏｏｄ",     "ＢＡＤ",    "Добре",      "ПЛОХО", "bueno",    "mal",
};
constexpr std::string_view kSeparators[] = {
    " ", " ",  " ",  " ",      " ",      " ",  " ",      " ",       " ",    " ",   " ",
    " ", "  ", "\t", "\u00a0", "\u3000", "\n", "\u2028", " \u200b", "\r\n", " - ", ", ",
};
constexpr std::string_view kPrefixes[] = {"(",   "\"", "'", "-", ",",  "!",  "?",
                                          "...", "*",  "#", "@", "!!", "?!?"};
constexpr std::string_view kSuffixes[] = {
    ",", ".", "!", "!!", "!!!", "?", "??", "...", ")", "\"", "'", ":", ";", "?!", "-", "!!!!", "*",
};

// splitmix64: small, fast, and the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  bool Chance(int percent) { return Below(100) < static_cast<size_t>(percent); }
  std::string_view Pick(List list) { return list[Below(list.size())]; }

 private:
  uint64_t state_;
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Capitalize(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// A phrase with random casing and punctuation glued to it.
std::string Decorate(Rng& rng, std::string_view phrase) {
  std::string out;
  const size_t r = rng.Below(100);
  if (r < 8) {
    out = Upper(phrase);
  } else if (r < 13) {
    out = Capitalize(phrase);
  } else {
    out = phrase;
  }
  if (rng.Chance(6)) out = std::string(rng.Pick(kPrefixes)) + out;
  if (rng.Chance(12)) out += rng.Pick(kSuffixes);
  return out;
}

std::string_view Separator(Rng& rng) { return rng.Chance(90) ? " " : rng.Pick(kSeparators); }

std::string Sentiment(Rng& rng) {
  return std::string(rng.Chance(55) ? rng.Pick(kPositive) : rng.Pick(kNegative));
}

// "Subject verb [negation] [modifier] adjective".
std::string Clause(Rng& rng) {
  std::string out(rng.Pick(kSubjects));
  out += Separator(rng);
  out += Decorate(rng, rng.Pick(kVerbs));
  if (rng.Chance(25)) {
    out += Separator(rng);
    out += Decorate(rng, rng.Pick(kNegations));
  }
  const size_t mod = rng.Below(10);
  if (mod < 3) {
    out += Separator(rng);
    out += Decorate(rng, rng.Pick(kBoosters));
  } else if (mod < 5) {
    out += Separator(rng);
    out += Decorate(rng, rng.Pick(kDampeners));
  } else if (mod < 6) {
    out += Separator(rng);
    out += Decorate(rng, rng.Pick(kNeverSo));
  } else if (mod < 7) {
    out += Separator(rng);
    out += Decorate(rng, rng.Pick(kLeast));
  }
  if (rng.Chance(15)) {
    out += Separator(rng);
    out += Decorate(rng, rng.Pick(kBoosters));
  }
  out += Separator(rng);
  out += Decorate(rng, Sentiment(rng));
  if (rng.Chance(20)) {
    out += Separator(rng);
    out += Decorate(rng, rng.Pick(kNeutral));
  }
  return out;
}

// Any words from any list, in any order.
std::string Bag(Rng& rng) {
  std::string out;
  const size_t n = 2 + rng.Below(14);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += Separator(rng);
    std::string_view word;
    switch (rng.Below(14)) {
      case 0:
      case 1:
        word = rng.Pick(kPositive);
        break;
      case 2:
      case 3:
        word = rng.Pick(kNegative);
        break;
      case 4:
      case 5:
      case 6:
        word = rng.Pick(kNeutral);
        break;
      case 7:
        word = rng.Pick(kBoosters);
        break;
      case 8:
        word = rng.Pick(kDampeners);
        break;
      case 9:
        word = rng.Pick(kNegations);
        break;
      case 10:
        word = rng.Pick(kConjunctions);
        break;
      case 11:
        word = rng.Chance(50) ? rng.Pick(kEmoticons) : rng.Pick(kEmoji);
        break;
      case 12:
        word = rng.Chance(50) ? rng.Pick(kIdioms) : rng.Pick(kLeast);
        break;
      default:
        word = rng.Chance(50) ? rng.Pick(kForeign) : rng.Pick(kNeverSo);
        break;
    }
    out += Decorate(rng, word);
  }
  return out;
}

std::string Generated(Rng& rng) {
  std::string out;
  const size_t shape = rng.Below(10);
  if (shape < 4) {
    out = Clause(rng);
  } else if (shape < 7) {
    out = Clause(rng);
    out += rng.Chance(70) ? ", " : std::string(Separator(rng));
    out += Decorate(rng, rng.Pick(kConjunctions));
    out += Separator(rng);
    out += rng.Chance(50) ? Clause(rng) : Sentiment(rng);
  } else {
    out = Bag(rng);
  }
  if (rng.Chance(15)) {  // an idiom somewhere
    out = rng.Chance(50) ? std::string(rng.Pick(kIdioms)) + " " + out
                         : out + " " + std::string(rng.Pick(kIdioms));
  }
  if (rng.Chance(20)) out += std::string(Separator(rng)) + std::string(rng.Pick(kEmoticons));
  if (rng.Chance(20)) out += std::string(rng.Chance(50) ? " " : "") + std::string(rng.Pick(kEmoji));
  if (rng.Chance(10)) out = std::string(rng.Pick(kEmoji)) + " " + out;
  out += rng.Pick(kEndings);
  if (rng.Chance(5)) out = Upper(out);  // all caps: no caps differential
  return out;
}

constexpr std::string_view kStray[] = {
    "a",  "b", "k",      "n",      "t",      "o",      "s",      "A",      "B",      "K",      "N",
    "T",  "O", "S",      "'",      "!",      "?",      ".",      ",",      ":",      ";",      "-",
    "\"", "(", ")",      "_",      "*",      "<",      "3",      "D",      "d",      " ",      " ",
    " ",  " ", "\t",     "\n",     "\u00a0", "\u3000", "\u200b", "\u212a", "\u0130", "😀",      "é",
    "Þ",  "þ", "\ufeff", "\u2028", "\u0085", "\u01c5", "\r",     "\v",     "\f",     "\u1680",
};
constexpr std::string_view kRuleWords[] = {
    "good",    "bad",   "not",   "NOT",   "never", "so",    "this", "but",    "BUT",   "kind",
    "of",      "least", "at",    "very",  "the",   "shit",  "bomb", "yeah",   "right", "cut",
    "mustard", "kiss",  "death", "hand",  "to",    "mouth", "just", "enough", "sort",  "isn't",
    "can't",   "love",  "hate",  ":)",    ":(",    ":D",    "<3",   "GOOD",   "BAD",   "Kind",
    "Of",      "uh-uh", "no",    "kinda", "sorta", "Never", "So",   "THIS",   "least", "At",
};

}  // namespace

std::vector<std::string> HostileCorpus(size_t count, uint64_t seed) {
  std::vector<std::string> corpus;
  Rng rng(seed);
  while (corpus.size() < count) {
    std::string s;
    const size_t n = 1 + rng.Below(20);
    for (size_t i = 0; i < n; ++i) {
      s += rng.Below(3) == 0 ? rng.Pick(kStray) : rng.Pick(kRuleWords);
      if (rng.Chance(50)) s += ' ';
    }
    corpus.push_back(std::move(s));
  }
  return corpus;
}

std::vector<std::string> SentenceCorpus(size_t count, uint64_t seed) {
  std::vector<std::string> corpus(std::begin(kFixed), std::end(kFixed));
  Rng rng(seed);
  while (corpus.size() < count) corpus.push_back(Generated(rng));
  return corpus;
}

}  // namespace dandelion::sentiment
