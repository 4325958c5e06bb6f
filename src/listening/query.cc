#include "listening/query.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "listening/unicode61.h"
#include "text/utf8.h"

namespace dandelion::listening {
namespace {

// Raw recursion guard (parentheses and NOTs); the AST itself may be at most
// kMaxQueryDepth deep. Redundant parentheses cost recursion but no depth.
constexpr int kMaxRecursion = 4 * kMaxQueryDepth;
constexpr size_t kMaxErrors = 100;
constexpr char kTermExpected[] = "a word, phrase, field or '('";

using text::AppendUtf8;

std::string Utf8(std::u32string_view cps) {
  std::string out;
  for (char32_t c : cps) AppendUtf8(out, c);
  return out;
}

// Decodes strictly; on an ill-formed sequence returns false and sets
// `*bad_column` to the 1-based column of the offending code point.
bool DecodeStrict(std::string_view s, std::u32string* out, int* bad_column) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      *bad_column = static_cast<int>(out->size()) + 1;
      return false;
    }
    out->push_back(static_cast<char32_t>(c));
  }
  return true;
}

// Token characters, diacritics and folding are unicode61's (unicode61.h), so
// that query terms and posts are split and folded alike.
bool IsTokenChar(char32_t c) { return ClassOf(c) == CharClass::kToken; }

// Diacritics continue a token but never start one.
bool IsMark(char32_t c) { return ClassOf(c) == CharClass::kContinue; }

bool IsSpace(char32_t c) { return c < 0x21 || u_isUWhiteSpace(static_cast<UChar32>(c)); }

bool IsDelimiter(char32_t c) {
  return IsSpace(c) || c == '(' || c == ')' || c == '"' || c == '{' || c == '}';
}

// The match form of one word: each character folded as unicode61 folds it
// (lower case, diacritics removed or dropped). Wildcards pass through.
std::string Fold(std::u32string_view word, bool case_sensitive) {
  if (case_sensitive) return Utf8(word);
  std::string out;
  for (char32_t c : word) {
    if (c == '*' || c == '?') {
      out += static_cast<char>(c);
    } else if (char32_t f = FoldOf(c); f != 0) {
      AppendUtf8(out, f);
    }
  }
  return out;
}

std::vector<std::u32string> SplitTokens(std::u32string_view text) {
  std::vector<std::u32string> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsTokenChar(text[i])) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < text.size() && (IsTokenChar(text[j]) || IsMark(text[j]))) ++j;
    out.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string AsciiLower(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    AppendUtf8(out, c);
  }
  return out;
}

bool IsAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

enum class Tok {
  kEnd,
  kLParen,
  kRParen,
  kAnd,
  kOr,
  kNot,
  kNear,
  kWord,
  kPhrase,
  kBraced,
  kEntity,
  kField,
};

struct Token {
  Tok kind = Tok::kEnd;
  int column = 0;
  std::u32string text;  //!< word, phrase or brace content; field value
  int proximity = -1;   //!< kPhrase: ~n
  int distance = -1;    //!< kNear: -1 when the distance is missing or malformed
  bool ordered = false;
  std::u32string name;   //!< kField
  int value_column = 0;  //!< kField
};

const char* TokName(Tok t) {
  switch (t) {
    case Tok::kAnd:
      return "AND";
    case Tok::kOr:
      return "OR";
    case Tok::kNot:
      return "NOT";
    case Tok::kNear:
      return "NEAR";
    case Tok::kRParen:
      return ")";
    default:
      return "";
  }
}

class Parser {
 public:
  explicit Parser(std::u32string cps) : cps_(std::move(cps)) {}

  //! Lexes and parses; errors accumulate in errors().
  Node Run() {
    Lex();
    if (fatal_) return Node{};
    if (toks_.size() == 1) {
      Error(1, "empty query", "a term");
      return Node{};
    }
    Node root = ParseExpr(0);
    while (!fatal_ && Peek().kind != Tok::kEnd) {
      const Token& t = Peek();
      if (t.kind == Tok::kRParen) {
        Error(t.column, "unbalanced parenthesis", "a matching '(' before it");
      } else {
        Error(t.column, std::string("unexpected '") + TokName(t.kind) + "'", "AND or OR");
      }
      ++pos_;
    }
    if (errors_.empty()) {
      CheckDepth(root, 0);
      if (errors_.empty() && !Positive(root)) {
        Error(toks_[0].column, "query has no positive term", "a term outside NOT");
      }
    }
    return root;
  }

  std::vector<QueryError>& errors() { return errors_; }
  int terms() const { return terms_; }

 private:
  void Error(int column, std::string message, std::string expected) {
    if (errors_.size() >= kMaxErrors) return;
    errors_.push_back(QueryError{column, std::move(message), std::move(expected)});
  }
  void Fatal(int column, std::string message, std::string expected) {
    Error(column, std::move(message), std::move(expected));
    fatal_ = true;
  }

  // ---- lexer ----
  void Lex() {
    size_t i = 0;
    const size_t n = cps_.size();
    int leaves = 0;
    while (i < n && !fatal_) {
      char32_t c = cps_[i];
      int col = static_cast<int>(i) + 1;
      if (IsSpace(c)) {
        ++i;
        continue;
      }
      Token t;
      t.column = col;
      if (c == '(' || c == ')') {
        t.kind = c == '(' ? Tok::kLParen : Tok::kRParen;
        ++i;
      } else if (c == '"') {
        size_t close = cps_.find(U'"', i + 1);
        if (close == std::u32string::npos) {
          Fatal(col, "unbalanced quote", "a closing '\"'");
          return;
        }
        t.kind = Tok::kPhrase;
        t.text = cps_.substr(i + 1, close - i - 1);
        i = close + 1;
        if (i < n && cps_[i] == '~') {
          int tilde = static_cast<int>(i) + 1;
          ++i;
          int64_t v = 0;
          size_t start = i;
          while (i < n && IsDigit(cps_[i])) {
            v = std::min<int64_t>(v * 10 + (cps_[i] - '0'), 1'000'000'000);
            ++i;
          }
          if (i == start) {
            Error(tilde, "'~' without a number", "a number after '~', e.g. ~5");
          } else if (v > kMaxNearDistance) {
            Error(tilde, "proximity larger than " + std::to_string(kMaxNearDistance),
                  "at most ~" + std::to_string(kMaxNearDistance));
          } else {
            t.proximity = static_cast<int>(v);
          }
        }
      } else if (c == '{') {
        size_t close = cps_.find(U'}', i + 1);
        if (close == std::u32string::npos) {
          Fatal(col, "unbalanced brace", "a closing '}'");
          return;
        }
        t.kind = Tok::kBraced;
        t.text = cps_.substr(i + 1, close - i - 1);
        i = close + 1;
      } else if (c == '}') {
        Error(col, "unbalanced brace", "a matching '{' before it");
        ++i;
        continue;
      } else {
        size_t j = i;
        bool alpha_prefix = true;  // cps_[i, j) are all ASCII letters
        while (j < n && !IsDelimiter(cps_[j])) {
          if (cps_[j] == ':' && j + 1 < n && cps_[j + 1] == '[' && j > i && alpha_prefix) {
            size_t close = cps_.find(U']', j + 1);
            if (close == std::u32string::npos) {
              Fatal(static_cast<int>(j) + 2, "unbalanced bracket", "a closing ']'");
              return;
            }
            j = close + 1;
            break;
          }
          alpha_prefix = alpha_prefix && IsAsciiAlpha(cps_[j]);
          ++j;
        }
        ClassifyWord(std::u32string_view(cps_).substr(i, j - i), col, &t);
        i = j;
      }
      if (t.kind == Tok::kWord || t.kind == Tok::kPhrase || t.kind == Tok::kBraced ||
          t.kind == Tok::kEntity || t.kind == Tok::kField) {
        if (++leaves > kMaxQueryTerms) {
          Fatal(col, "more than " + std::to_string(kMaxQueryTerms) + " terms",
                "at most " + std::to_string(kMaxQueryTerms) + " terms");
          return;
        }
      }
      toks_.push_back(std::move(t));
    }
    terms_ = leaves;
    Token end;
    end.kind = Tok::kEnd;
    end.column = static_cast<int>(n) + 1;
    toks_.push_back(end);
  }

  void ClassifyWord(std::u32string_view w, int col, Token* t) {
    t->text = std::u32string(w);
    if (w == U"AND") {
      t->kind = Tok::kAnd;
      return;
    }
    if (w == U"OR") {
      t->kind = Tok::kOr;
      return;
    }
    if (w == U"NOT") {
      t->kind = Tok::kNot;
      return;
    }
    if (w == U"NEAR" || w.starts_with(U"NEAR/")) {
      t->kind = Tok::kNear;
      if (w.size() > 5) {
        size_t k = 5;
        int64_t v = 0;
        while (k < w.size() && IsDigit(w[k])) {
          v = std::min<int64_t>(v * 10 + (w[k] - '0'), 1'000'000'000);
          ++k;
        }
        bool has_digits = k > 5;
        bool ordered = false;
        if (k < w.size() && w[k] == 'f') {
          ordered = true;
          ++k;
        }
        if (has_digits && k == w.size()) {
          t->distance = static_cast<int>(v);
          t->ordered = ordered;
        }
      }
      return;
    }
    if (w[0] == '#' || w[0] == '@' || w[0] == '$') {
      t->kind = Tok::kEntity;
      return;
    }
    size_t colon = w.find(U':');
    if (colon != std::u32string_view::npos && colon > 0 &&
        std::all_of(w.begin(), w.begin() + colon, IsAsciiAlpha)) {
      t->kind = Tok::kField;
      t->name = std::u32string(w.substr(0, colon));
      t->text = std::u32string(w.substr(colon + 1));
      t->value_column = col + static_cast<int>(colon) + 1;
      return;
    }
    t->kind = Tok::kWord;
  }

  // ---- parser ----
  const Token& Peek() const { return toks_[pos_]; }

  static bool StartsPrimary(Tok k) {
    return k == Tok::kLParen || k == Tok::kWord || k == Tok::kPhrase || k == Tok::kBraced ||
           k == Tok::kEntity || k == Tok::kField;
  }

  Node ParseExpr(int depth) {
    Node first = ParseUnary(depth);
    std::vector<Node> children;
    children.push_back(std::move(first));
    NodeKind op = NodeKind::kTerm;  // none yet
    int op_column = 0;
    bool mixed_reported = false;
    while (!fatal_) {
      const Token& t = Peek();
      NodeKind kind;
      if (t.kind == Tok::kAnd || t.kind == Tok::kNot) {
        kind = NodeKind::kAnd;
      } else if (t.kind == Tok::kOr) {
        kind = NodeKind::kOr;
      } else if (StartsPrimary(t.kind)) {
        Error(t.column, "missing operator between two terms", "AND, OR, NOT or NEAR/n");
        children.push_back(ParseUnary(depth));
        continue;
      } else if (t.kind == Tok::kNear) {
        Error(t.column, "NEAR cannot be chained", "AND or OR, or parentheses");
        ++pos_;
        children.push_back(ParseUnary(depth));
        continue;
      } else {
        break;
      }
      if (op == NodeKind::kTerm) {
        op = kind;
        op_column = t.column;
      } else if (op != kind && !mixed_reported) {
        Error(t.column, "AND and OR mixed without parentheses",
              "parentheses around the AND or the OR part");
        mixed_reported = true;
      }
      if (t.kind == Tok::kNot) {
        // `a NOT b` is `a AND NOT b`: leave the NOT to ParseUnary.
      } else {
        ++pos_;
      }
      children.push_back(ParseUnary(depth));
    }
    if (children.size() == 1) return std::move(children[0]);
    Node n;
    n.kind = op == NodeKind::kOr ? NodeKind::kOr : NodeKind::kAnd;
    n.column = op_column != 0 ? op_column : children[1].column;
    n.children = std::move(children);
    return n;
  }

  Node ParseUnary(int depth) {
    const Token& t = Peek();
    if (t.kind == Tok::kNot) {
      if (depth + 1 > kMaxRecursion) {
        Fatal(t.column,
              "more than " + std::to_string(kMaxRecursion) + " nested parentheses or NOTs",
              "less nesting");
        return Node{};
      }
      Node n;
      n.kind = NodeKind::kNot;
      n.column = t.column;
      ++pos_;
      n.children.push_back(ParseUnary(depth + 1));
      return n;
    }
    return ParseNear(depth);
  }

  Node ParseNear(int depth) {
    Node left = ParsePrimary(depth);
    if (fatal_ || Peek().kind != Tok::kNear) return left;
    const Token& t = Peek();
    Node n;
    n.kind = NodeKind::kNear;
    n.column = t.column;
    if (t.distance < 0) {
      Error(t.column, "NEAR without a number", "NEAR/n or NEAR/nf, e.g. NEAR/3");
    } else if (t.distance > kMaxNearDistance) {
      Error(t.column, "NEAR distance larger than " + std::to_string(kMaxNearDistance),
            "at most NEAR/" + std::to_string(kMaxNearDistance));
    } else {
      n.distance = t.distance;
      n.ordered = t.ordered;
    }
    ++pos_;
    Node right = ParsePrimary(depth);
    CheckNearOperand(left);
    CheckNearOperand(right);
    n.children.push_back(std::move(left));
    n.children.push_back(std::move(right));
    return n;
  }

  void CheckNearOperand(const Node& n) {
    const char* what = nullptr;
    switch (n.kind) {
      case NodeKind::kTerm:
      case NodeKind::kPhrase:
        return;
      case NodeKind::kOr:
        for (const Node& c : n.children) CheckNearOperand(c);
        return;
      case NodeKind::kAnd:
        what = "AND";
        break;
      case NodeKind::kNot:
        what = "NOT";
        break;
      case NodeKind::kNear:
        what = "NEAR";
        break;
      case NodeKind::kEntity:
        what = "an entity";
        break;
      case NodeKind::kField:
      case NodeKind::kRange:
        what = "a field filter";
        break;
    }
    Error(n.column, std::string(what) + " inside a NEAR operand",
          "words, phrases or OR-groups as NEAR operands");
  }

  Node Placeholder(int column) {
    Node n;
    n.column = column;
    return n;
  }

  Node ParsePrimary(int depth) {
    const Token& t = Peek();
    switch (t.kind) {
      case Tok::kLParen: {
        if (depth + 1 > kMaxRecursion) {
          Fatal(t.column,
                "more than " + std::to_string(kMaxRecursion) + " nested parentheses or NOTs",
                "less nesting");
          return Node{};
        }
        int open = t.column;
        ++pos_;
        if (Peek().kind == Tok::kRParen) {
          Error(open, "empty parentheses", kTermExpected);
          ++pos_;
          return Placeholder(open);
        }
        Node inner = ParseExpr(depth + 1);
        if (fatal_) return inner;
        if (Peek().kind != Tok::kRParen) {
          Fatal(open, "unbalanced parenthesis", "a closing ')'");
          return inner;
        }
        ++pos_;
        return inner;
      }
      case Tok::kWord:
        ++pos_;
        return MakeWord(t.text, t.column, false);
      case Tok::kBraced:
        ++pos_;
        return MakeWord(t.text, t.column, true);
      case Tok::kPhrase:
        ++pos_;
        return MakePhrase(t);
      case Tok::kEntity:
        ++pos_;
        return MakeEntity(t);
      case Tok::kField:
        ++pos_;
        return MakeField(t);
      case Tok::kEnd:
        Error(t.column, "missing term at end of query", kTermExpected);
        return Placeholder(t.column);
      default:
        Error(t.column, std::string("missing term before '") + TokName(t.kind) + "'",
              kTermExpected);
        return Placeholder(t.column);
    }
  }

  // A bare word or the content of {braces}: one term, a wildcard term, or a
  // phrase when it splits into several tokens.
  Node MakeWord(std::u32string_view w, int column, bool case_sensitive) {
    Node n;
    n.column = column;
    n.case_sensitive = case_sensitive;
    size_t wild = w.find_first_of(U"*?");
    if (wild != std::u32string_view::npos) {
      // Trim for braces: `{ App* }`.
      while (!w.empty() && IsSpace(w.front())) {
        w.remove_prefix(1);
        ++column;
      }
      while (!w.empty() && IsSpace(w.back())) w.remove_suffix(1);
      wild = w.find_first_of(U"*?");
      if (case_sensitive) ++column;  // past the '{'
      if (wild == 0) {
        Error(column, "wildcard at the start of a word",
              "at least two letters or digits before the wildcard");
        return n;
      }
      bool single = IsTokenChar(w[0]);
      for (char32_t c : w) {
        if (!(IsTokenChar(c) || IsMark(c) || c == '*' || c == '?')) single = false;
      }
      if (!single) {
        Error(column, "wildcard in a word with punctuation",
              "only letters, digits and wildcards in a wildcard word");
        return n;
      }
      if (wild < 2) {
        Error(column, "wildcard after a one-character stem",
              "at least two letters or digits before the wildcard");
        return n;
      }
      std::u32string collapsed;
      for (char32_t c : w) {
        if (c == '*' && !collapsed.empty() && collapsed.back() == '*') continue;
        collapsed.push_back(c);
      }
      n.kind = NodeKind::kTerm;
      n.wildcard = true;
      n.text = Utf8(w);
      n.match = Fold(collapsed, case_sensitive);
      return n;
    }
    std::vector<std::u32string> tokens = SplitTokens(w);
    if (tokens.empty()) {
      if (case_sensitive) {
        Error(column, "empty braces", "a word inside the braces");
      } else {
        Error(column, "word without letters or digits", kTermExpected);
      }
      return n;
    }
    if (tokens.size() == 1) {
      n.kind = NodeKind::kTerm;
      n.text = Utf8(w);
      n.match = Fold(tokens[0], case_sensitive);
      return n;
    }
    n.kind = NodeKind::kPhrase;
    n.text = Utf8(w);
    for (const auto& tok : tokens) n.tokens.push_back(Fold(tok, case_sensitive));
    return n;
  }

  Node MakePhrase(const Token& t) {
    Node n;
    n.kind = NodeKind::kPhrase;
    n.column = t.column;
    n.text = Utf8(t.text);
    if (t.text.find_first_of(U"*?") != std::u32string::npos) {
      Error(t.column, "wildcard inside quotes", "a phrase of plain words");
      return n;
    }
    std::vector<std::u32string> tokens = SplitTokens(t.text);
    if (tokens.empty()) {
      Error(t.column, "empty phrase", "words inside the quotes");
      return n;
    }
    for (const auto& tok : tokens) n.tokens.push_back(Fold(tok, false));
    n.proximity = t.proximity;
    return n;
  }

  Node MakeEntity(const Token& t) {
    Node n;
    n.kind = NodeKind::kEntity;
    n.column = t.column;
    std::u32string_view v = std::u32string_view(t.text).substr(1);
    char sigil = static_cast<char>(t.text[0]);
    bool ok = !v.empty();
    if (sigil == '#') {
      n.entity = EntityKind::kHashtag;
      if (ok && !IsTokenChar(v[0]) && v[0] != '_') ok = false;
      for (char32_t c : v) {
        if (!(IsTokenChar(c) || IsMark(c) || c == '_')) ok = false;
      }
      if (!ok) {
        Error(t.column, "bad hashtag", "letters, digits or '_' after '#'");
        return n;
      }
      n.value = Fold(v, false);
    } else if (sigil == '@') {
      n.entity = EntityKind::kMention;
      for (char32_t c : v) {
        if (!(IsAsciiAlpha(c) || IsDigit(c) || c == '_' || c == '.' || c == '-' || c == '@')) {
          ok = false;
        }
      }
      if (ok && !(IsAsciiAlpha(v[0]) || IsDigit(v[0]) || v[0] == '_')) ok = false;
      if (!ok) {
        Error(t.column, "bad handle", "letters, digits or '_' after '@'");
        return n;
      }
      n.value = AsciiLower(v);
    } else {
      n.entity = EntityKind::kCashtag;
      size_t letters = 0;
      while (letters < v.size() && IsAsciiAlpha(v[letters])) ++letters;
      if (letters == 0 || letters > 10) ok = false;
      if (ok && letters < v.size()) {
        size_t k = letters;
        if (v[k] != '.' && v[k] != '_') ok = false;
        ++k;
        size_t suffix = 0;
        while (k < v.size() && IsAsciiAlpha(v[k])) {
          ++k;
          ++suffix;
        }
        if (suffix == 0 || suffix > 4 || k != v.size()) ok = false;
      }
      if (!ok) {
        Error(t.column, "bad cashtag", "1 to 10 letters after '$', e.g. $AAPL");
        return n;
      }
      for (char32_t c : v) {
        if (c >= 'a' && c <= 'z') c = c - 'a' + 'A';
        AppendUtf8(n.value, c);
      }
    }
    return n;
  }

  Node MakeField(const Token& t) {
    static constexpr std::array<std::string_view, 8> kFields = {
        "author",   "authorFollowers", "country",   "intent",
        "language", "network",         "sentiment", "site"};
    Node n;
    n.kind = NodeKind::kField;
    n.column = t.column;
    std::string lower = AsciiLower(t.name);
    for (std::string_view f : kFields) {
      if (AsciiLower(std::u32string(f.begin(), f.end())) == lower) n.field = std::string(f);
    }
    if (n.field.empty()) {
      Error(t.column, "unknown field '" + Utf8(t.name) + "'",
            "author, authorFollowers, country, intent, language, network, sentiment or site");
      return n;
    }
    std::u32string_view v = t.text;
    const int vc = t.value_column;
    if (n.field == "authorFollowers") {
      if (v.empty() || v[0] != '[') {
        Error(vc, "field 'authorFollowers' needs a range", "[lo TO hi], e.g. [1000 TO 50000]");
        return n;
      }
      return MakeRange(n, v, vc);
    }
    if (!v.empty() && v[0] == '[') {
      Error(vc, "field '" + n.field + "' does not take a range", "a single value");
      return n;
    }
    if (v.empty()) {
      Error(vc, "missing value for field '" + n.field + "'", ExpectedValue(n.field));
      return n;
    }
    std::string value = AsciiLower(v);
    auto bad = [&](const char* what) {
      Error(vc, std::string(what) + " '" + Utf8(t.text) + "'", ExpectedValue(n.field));
      return n;
    };
    auto all = [&](auto pred) { return std::all_of(v.begin(), v.end(), pred); };
    if (n.field == "author") {
      if (v[0] == '@') {
        v.remove_prefix(1);
        value.erase(0, 1);
      }
      // The handle must start with a letter, digit or '_' once one '@' is
      // stripped, so that the canonical form reads back the same.
      if (v.empty() || !(IsAsciiAlpha(v[0]) || IsDigit(v[0]) || v[0] == '_') ||
          !all([](char32_t c) {
            return IsAsciiAlpha(c) || IsDigit(c) || c == '_' || c == '.' || c == '-' || c == '@';
          })) {
        return bad("bad author");
      }
    } else if (n.field == "language") {
      if ((v.size() != 2 && v.size() != 3) || !all(IsAsciiAlpha)) return bad("bad language code");
    } else if (n.field == "country") {
      if (v.size() != 2 || !all(IsAsciiAlpha)) return bad("bad country code");
    } else if (n.field == "network") {
      static constexpr std::array<std::string_view, 8> kNetworks = {
          "x", "twitter", "mastodon", "bluesky", "linkedin", "facebook", "instagram", "other"};
      if (std::find(kNetworks.begin(), kNetworks.end(), value) == kNetworks.end()) {
        return bad("unknown network");
      }
      if (value == "twitter") value = "x";
    } else if (n.field == "sentiment") {
      if (value != "positive" && value != "negative" && value != "neutral") {
        return bad("unknown sentiment");
      }
    } else if (n.field == "intent") {
      static constexpr std::array<std::string_view, 9> kIntents = {
          "support", "complaint", "purchase", "praise", "question",
          "press",   "crisis",    "job",      "spam"};
      if (std::find(kIntents.begin(), kIntents.end(), value) == kIntents.end()) {
        return bad("unknown intent");
      }
    } else if (n.field == "site") {
      bool ok = v.front() != '.' && v.back() != '.' && v.find(U"..") == std::u32string_view::npos &&
                v.find(U'.') != std::u32string_view::npos &&
                all([](char32_t c) { return IsTokenChar(c) || c == '-' || c == '.'; });
      if (!ok) return bad("bad site");
      value = Fold(v, false);
    }
    n.value = value;
    return n;
  }

  static std::string ExpectedValue(const std::string& field) {
    if (field == "author") return "a handle, e.g. author:acme";
    if (field == "language") return "a two- or three-letter ISO 639 code, e.g. language:en";
    if (field == "country") return "a two-letter ISO 3166 code, e.g. country:gb";
    if (field == "network") {
      return "x, mastodon, bluesky, linkedin, facebook, instagram or other";
    }
    if (field == "sentiment") return "positive, negative or neutral";
    if (field == "intent") {
      return "support, complaint, purchase, praise, question, press, crisis, job or spam";
    }
    return "a domain name, e.g. site:example.com";
  }

  // `v` is "[lo TO hi]" (the lexer guarantees the brackets).
  Node MakeRange(Node n, std::u32string_view v, int vc) {
    n.kind = NodeKind::kRange;
    size_t i = 1;
    auto skip = [&] {
      while (i < v.size() && IsSpace(v[i])) ++i;
    };
    auto number = [&](int64_t* out, int* col) {
      skip();
      *col = vc + static_cast<int>(i);
      size_t start = i;
      int64_t x = 0;
      while (i < v.size() && IsDigit(v[i]) && i - start < 16) x = x * 10 + (v[i++] - '0');
      *out = x;
      return i > start && (i >= v.size() || !IsDigit(v[i]));
    };
    int lo_col = 0, hi_col = 0;
    bool ok = number(&n.lo, &lo_col);
    if (ok) {
      size_t before = i;
      skip();
      ok = i > before && i + 2 < v.size() && v.substr(i, 2) == U"TO";
      i += 2;
      if (ok) {
        size_t b2 = i;
        skip();
        ok = i > b2 && number(&n.hi, &hi_col);
      }
    }
    if (ok) {
      skip();
      ok = i + 1 == v.size() && v[i] == ']';
    }
    if (!ok) {
      Error(vc, "bad range", "[lo TO hi] with whole numbers, e.g. [1000 TO 50000]");
      return n;
    }
    if (n.lo > n.hi) {
      Error(lo_col, "range start exceeds its end", "a start no greater than the end");
    }
    return n;
  }

  void CheckDepth(const Node& n, int depth) {
    if (!errors_.empty()) return;
    bool inner = n.kind == NodeKind::kAnd || n.kind == NodeKind::kOr || n.kind == NodeKind::kNot ||
                 n.kind == NodeKind::kNear;
    if (!inner) return;
    if (depth + 1 > kMaxQueryDepth) {
      Error(n.column, "nesting deeper than " + std::to_string(kMaxQueryDepth) + " levels",
            "at most " + std::to_string(kMaxQueryDepth) + " levels of operators");
      return;
    }
    for (const Node& c : n.children) CheckDepth(c, depth + 1);
  }

  static bool Positive(const Node& n) {
    switch (n.kind) {
      case NodeKind::kNot:
        return false;
      case NodeKind::kAnd:
        return std::any_of(n.children.begin(), n.children.end(), Positive);
      case NodeKind::kOr:
        return std::all_of(n.children.begin(), n.children.end(), Positive);
      default:
        return true;
    }
  }

  std::u32string cps_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  int terms_ = 0;
  bool fatal_ = false;
  std::vector<QueryError> errors_;
};

std::vector<QueryError> Parse(std::string_view text, Query* out) {
  if (text.size() > static_cast<size_t>(kMaxQueryBytes)) {
    return {QueryError{1, "query longer than " + std::to_string(kMaxQueryBytes) + " bytes",
                       "at most " + std::to_string(kMaxQueryBytes) + " bytes"}};
  }
  std::u32string cps;
  int bad = 0;
  if (!DecodeStrict(text, &cps, &bad)) {
    return {QueryError{bad, "invalid UTF-8", "UTF-8 text"}};
  }
  Parser p(std::move(cps));
  Node root = p.Run();
  std::vector<QueryError> errors = std::move(p.errors());
  std::stable_sort(errors.begin(), errors.end(),
                   [](const QueryError& a, const QueryError& b) { return a.column < b.column; });
  if (errors.empty() && out != nullptr) {
    out->root = std::move(root);
    out->terms = p.terms();
  }
  return errors;
}

void Print(const Node& n, std::string& out) {
  switch (n.kind) {
    case NodeKind::kTerm:
      if (n.case_sensitive) {
        out += '{';
        out += n.match;
        out += '}';
      } else {
        out += n.match;
      }
      return;
    case NodeKind::kPhrase: {
      out += n.case_sensitive ? '{' : '"';
      for (size_t i = 0; i < n.tokens.size(); ++i) {
        if (i > 0) out += ' ';
        out += n.tokens[i];
      }
      out += n.case_sensitive ? '}' : '"';
      if (n.proximity >= 0) out += "~" + std::to_string(n.proximity);
      return;
    }
    case NodeKind::kAnd:
    case NodeKind::kOr:
      out += '(';
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) out += n.kind == NodeKind::kAnd ? " AND " : " OR ";
        Print(n.children[i], out);
      }
      out += ')';
      return;
    case NodeKind::kNot:
      out += "NOT ";
      if (!n.children.empty()) Print(n.children[0], out);
      return;
    case NodeKind::kNear:
      out += '(';
      if (n.children.size() == 2) {
        Print(n.children[0], out);
        out += " NEAR/" + std::to_string(n.distance) + (n.ordered ? "f " : " ");
        Print(n.children[1], out);
      }
      out += ')';
      return;
    case NodeKind::kEntity:
      out += n.entity == EntityKind::kHashtag ? '#' : n.entity == EntityKind::kMention ? '@' : '$';
      out += n.value;
      return;
    case NodeKind::kField:
      out += n.field + ":" + n.value;
      return;
    case NodeKind::kRange:
      out += n.field + ":[" + std::to_string(n.lo) + " TO " + std::to_string(n.hi) + "]";
      return;
  }
}

}  // namespace

Result<Query> ParseQuery(std::string_view text) {
  Query q;
  std::vector<QueryError> errors = Parse(text, &q);
  if (!errors.empty()) {
    const QueryError& e = errors.front();
    std::string msg = "column " + std::to_string(e.column) + ": " + e.message;
    if (!e.expected.empty()) msg += " (expected " + e.expected + ")";
    return InvalidArgument(std::move(msg), "query");
  }
  return q;
}

std::vector<QueryError> ValidateQuery(std::string_view text) { return Parse(text, nullptr); }

std::string ToString(const Node& node) {
  std::string out;
  Print(node, out);
  return out;
}

std::vector<std::string> Tokenize(std::string_view text, bool case_sensitive) {
  return Unicode61Tokens(text, !case_sensitive);
}

}  // namespace dandelion::listening
