#include "listening/unicode61.h"

#include <algorithm>
#include <array>
#include <memory>

#include "listening/unicode61_data.h"
#include "text/utf8.h"

namespace dandelion::listening {
namespace {

// Direct tables for the Basic Multilingual Plane (where nearly all text
// is), built once from the generated runs; the rest is binary-searched.
struct Tables {
  std::array<uint8_t, 0x10000> cls{};
  std::array<char32_t, 0x10000> fold{};
  // For FoldTokens' fast path: the folded byte of each ASCII token
  // character that folds to ASCII; 0 for every other byte.
  std::array<unsigned char, 256> ascii_fold{};
  Tables() {
    for (int i = 0; i < unicode61::kClassRunCount; ++i) {
      uint32_t first = unicode61::kClassRuns[i].first;
      if (first >= 0x10000) break;
      uint32_t next = i + 1 < unicode61::kClassRunCount ? unicode61::kClassRuns[i + 1].first
                                                         : 0x110000;
      std::fill(cls.begin() + first, cls.begin() + std::min<uint32_t>(next, 0x10000),
                unicode61::kClassRuns[i].cls);
    }
    for (uint32_t c = 0; c < 0x10000; ++c) fold[c] = c;
    for (int i = 0; i < unicode61::kFoldCount; ++i) {
      if (unicode61::kFolds[i].from < 0x10000) {
        fold[unicode61::kFolds[i].from] = unicode61::kFolds[i].to;
      }
    }
    for (uint32_t c = 0; c < 0x80; ++c) {
      if (cls[c] == 1 && fold[c] != 0 && fold[c] < 0x80) {
        ascii_fold[c] = static_cast<unsigned char>(fold[c]);
      }
    }
  }
};

const Tables& Get() {
  static const auto* tables = new Tables();  // never destroyed: used until exit
  return *tables;
}

// SQLite's lenient UTF-8 reading (READ_UTF8 in fts5): a lead byte takes every
// continuation byte that follows; overlong, surrogate and non-characters read
// as U+FFFD; a stray continuation byte reads as itself.
char32_t ReadUtf8(const unsigned char*& p, const unsigned char* end) {
  char32_t c = *p++;
  if (c < 0xC0) return c;
  if (c < 0xE0) {
    c &= 0x1F;
  } else if (c < 0xF0) {
    c &= 0x0F;
  } else if (c < 0xF8) {
    c &= 0x07;
  } else if (c < 0xFC) {
    c &= 0x03;
  } else {
    c &= 0x01;
  }
  while (p != end && (*p & 0xC0) == 0x80) c = (c << 6) + (*p++ & 0x3F);
  if (c < 0x80 || (c & 0xFFFFF800) == 0xD800 || (c & 0xFFFFFFFE) == 0xFFFE) c = 0xFFFD;
  return c;
}

// ASCII inline (nearly every character of most posts), the rest through
// the shared encoder.
inline void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else {
    text::AppendUtf8(out, c);
  }
}

// text::AppendUtf8 over a raw buffer: `w` has room for four bytes.
inline char* PutUtf8(char* w, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    *w++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *w++ = static_cast<char>(0xC0 | (cp >> 6));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *w++ = static_cast<char>(0xE0 | (cp >> 12));
    *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *w++ = static_cast<char>(0xF0 | (cp >> 18));
    *w++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return w;
}

}  // namespace

CharClass ClassOf(char32_t c) {
  if (c < 0x10000) return static_cast<CharClass>(Get().cls[c]);
  if (c > 0x10FFFF) return CharClass::kSeparator;
  const auto* begin = unicode61::kClassRuns;
  const auto* end = begin + unicode61::kClassRunCount;
  const auto* it = std::upper_bound(begin, end, static_cast<uint32_t>(c),
                                    [](uint32_t v, const unicode61::ClassRun& r) {
                                      return v < r.first;
                                    });
  return static_cast<CharClass>((it - 1)->cls);
}

char32_t FoldOf(char32_t c) {
  if (c < 0x10000) return Get().fold[c];
  const auto* begin = unicode61::kFolds;
  const auto* end = begin + unicode61::kFoldCount;
  const auto* it = std::lower_bound(
      begin, end, static_cast<uint32_t>(c),
      [](const unicode61::FoldPair& f, uint32_t v) { return f.from < v; });
  return it != end && it->from == c ? it->to : c;
}

namespace {

// The tokenizers' two steps, shared by AppendTokens and FoldTokens. Reads
// the character at `p` into `c` and moves past it; true when it starts a
// token (separators, and diacritics outside a token, do not).
inline bool ReadTokenStart(const Tables& t, const unsigned char*& p, const unsigned char* end,
                           char32_t& c) {
  if (*p < 0x80) {
    c = *p++;
    return t.cls[c] == 1;
  }
  c = ReadUtf8(p, end);
  return ClassOf(c) == CharClass::kToken;
}

// The next character of the token ending before `p`, into `c`, moving past
// it; false (and `p` unmoved) at a separator.
inline bool ReadTokenNext(const Tables& t, const unsigned char*& p, const unsigned char* end,
                          char32_t& c) {
  const unsigned char* q = p;
  if (*q < 0x80) {
    if (t.cls[*q] != 1) return false;
    c = *q++;
  } else {
    c = ReadUtf8(q, end);
    if (ClassOf(c) == CharClass::kSeparator) return false;
  }
  p = q;
  return true;
}

}  // namespace

size_t AppendTokens(std::string_view text, bool fold, std::string& out,
                    std::vector<TextToken>* spans) {
  const Tables& t = Get();
  const auto* base = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = base;
  const auto* end = p + text.size();
  size_t count = 0;
  while (p < end) {
    // Skip separators (and diacritics outside a token).
    const unsigned char* start = p;
    char32_t c;
    if (!ReadTokenStart(t, p, end, c)) continue;
    // A token starts at `start` with `c`.
    out += ' ';
    const unsigned char* last = p;
    for (;;) {
      if (fold) {
        char32_t f = c < 0x10000 ? t.fold[c] : FoldOf(c);
        if (f != 0) AppendUtf8(out, f);
      } else {
        AppendUtf8(out, c);
      }
      last = p;
      if (p >= end || !ReadTokenNext(t, p, end, c)) break;
    }
    if (spans != nullptr) {
      spans->push_back({static_cast<uint32_t>(start - base), static_cast<uint32_t>(last - base)});
    }
    ++count;
  }
  if (count > 0) out += ' ';
  return count;
}

void FoldTokens(std::string_view text, std::string& folded, std::vector<FoldedToken>& tokens) {
  const Tables& t = Get();
  tokens.clear();
  // Every character read takes at least one byte of the text and folds to
  // at most four bytes: the buffer is sized once, then written in place.
  folded.resize(4 * text.size());
  char* const out = folded.data();
  char* w = out;
  const auto* base = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = base;
  const auto* end = p + text.size();
  while (p < end) {
    // Skip separators (and diacritics outside a token), as AppendTokens.
    const unsigned char* start = p;
    char32_t c;
    if (!ReadTokenStart(t, p, end, c)) continue;
    const auto begin = static_cast<uint32_t>(w - out);
    const unsigned char* last = p;
    for (;;) {
      char32_t f = c < 0x10000 ? t.fold[c] : FoldOf(c);
      if (f != 0) w = PutUtf8(w, f);
      // The fast path: ASCII token characters folding to ASCII, a byte each
      // (the table's answer for them, read without decoding).
      while (p < end && t.ascii_fold[*p] != 0) *w++ = static_cast<char>(t.ascii_fold[*p++]);
      last = p;
      if (p >= end || !ReadTokenNext(t, p, end, c)) break;
    }
    tokens.push_back({begin, static_cast<uint32_t>(w - out), static_cast<uint32_t>(start - base),
                      static_cast<uint32_t>(last - base)});
  }
  folded.resize(static_cast<size_t>(w - out));
}

void AppendFolded(std::string_view text, std::string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    char32_t f = FoldOf(ReadUtf8(p, end));
    if (f != 0) AppendUtf8(out, f);
  }
}

std::vector<std::string> Unicode61Tokens(std::string_view text, bool fold) {
  std::string joined;
  AppendTokens(text, fold, joined, nullptr);
  std::vector<std::string> out;
  size_t i = 0;
  while (i < joined.size()) {
    size_t j = joined.find(' ', i + 1);
    if (j == std::string::npos) break;
    // joined[i] is the space before a token; a folded token may be empty.
    out.emplace_back(joined.substr(i + 1, j - i - 1));
    i = j;
    if (i + 1 >= joined.size()) break;
  }
  return out;
}

}  // namespace dandelion::listening
