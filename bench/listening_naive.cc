#include "bench/listening_naive.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "listening/unicode61.h"

namespace dandelion::bench {
namespace {

using listening::EntityKind;
using listening::Node;
using listening::NodeKind;
using listening::PostFacts;

// One occurrence of a NEAR operand: its first token and how many it spans.
struct Span {
  int64_t first;
  int64_t len;
};

// The post as the evaluator reads it, made once per post.
struct Tokens {
  std::vector<std::string> folded;    // lower case, no diacritics
  std::vector<std::string> raw;       // as written, for {Case} terms
  std::vector<std::string> hashtags;  // folded like words
  std::vector<std::string> mentions;  // ASCII lower case
  std::vector<std::string> cashtags;  // ASCII upper case
  const PostFacts* facts = nullptr;
};

std::string AsciiCase(std::string_view s, bool upper) {
  std::string out(s);
  for (char& c : out) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && AsciiCase(a, false) == AsciiCase(b, false);
}

Tokens Prepare(const PostFacts& post) {
  Tokens t;
  t.facts = &post;
  t.folded = listening::Unicode61Tokens(post.text, true);
  t.raw = listening::Unicode61Tokens(post.text, false);
  for (auto h : post.hashtags) {
    std::string f;
    listening::AppendFolded(h, f);
    t.hashtags.push_back(std::move(f));
  }
  for (auto m : post.mentions) t.mentions.push_back(AsciiCase(m, false));
  for (auto c : post.cashtags) t.cashtags.push_back(AsciiCase(c, true));
  return t;
}

size_t CodePointLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// `*` any run of characters, `?` exactly one character (code point), the
// rest literally; the whole token must match.
bool Glob(std::string_view pat, std::string_view s) {
  size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (p < pat.size() && pat[p] == '?') {
      ++p;
      i += CodePointLength(static_cast<unsigned char>(s[i]));
    } else if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = i;
    } else if (p < pat.size() && pat[p] == s[i]) {
      ++p;
      ++i;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      mark += CodePointLength(static_cast<unsigned char>(s[mark]));
      i = mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size() && i == s.size();
}

bool TermAt(const Node& n, const std::vector<std::string>& toks, size_t i) {
  return n.wildcard ? Glob(n.match, toks[i]) : toks[i] == n.match;
}

bool PhraseAt(const std::vector<std::string>& words, const std::vector<std::string>& toks,
              size_t i) {
  if (i + words.size() > toks.size()) return false;
  for (size_t k = 0; k < words.size(); ++k) {
    if (toks[i + k] != words[k]) return false;
  }
  return true;
}

const std::vector<std::string>& Run(const Tokens& t, bool case_sensitive) {
  return case_sensitive ? t.raw : t.folded;
}

// Every occurrence of a NEAR operand (a term, a phrase, or an OR of them).
void Occurrences(const Node& n, const Tokens& t, std::vector<Span>& out) {
  const auto& toks = Run(t, n.case_sensitive);
  switch (n.kind) {
    case NodeKind::kTerm:
      for (size_t i = 0; i < toks.size(); ++i) {
        if (TermAt(n, toks, i)) out.push_back({static_cast<int64_t>(i), 1});
      }
      return;
    case NodeKind::kPhrase:
      if (n.proximity >= 0) {
        // A "…"~n phrase inside a NEAR operand counts each of its words.
        for (size_t i = 0; i < toks.size(); ++i) {
          for (const auto& w : n.tokens) {
            if (toks[i] == w) out.push_back({static_cast<int64_t>(i), 1});
          }
        }
        return;
      }
      for (size_t i = 0; i < toks.size(); ++i) {
        if (PhraseAt(n.tokens, toks, i)) {
          out.push_back({static_cast<int64_t>(i), static_cast<int64_t>(n.tokens.size())});
        }
      }
      return;
    default:
      for (const Node& c : n.children) Occurrences(c, t, out);
  }
}

// FTS5's NEAR: the operands' occurrences can be chosen so that, with M the
// start of the one starting last, every other ends at most `distance`
// tokens before M.
bool Near(const std::vector<std::vector<Span>>& operands, int64_t distance) {
  for (const auto& candidates : operands) {
    for (const Span& last : candidates) {
      bool all = true;
      for (const auto& operand : operands) {
        bool found = false;
        for (const Span& s : operand) {
          if (s.first <= last.first && last.first - (s.first + s.len) <= distance) {
            found = true;
            break;
          }
        }
        if (!found) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
  }
  return false;
}

bool Field(const Node& n, const PostFacts& post) {
  const std::string& f = n.field;
  const std::string& v = n.value;
  if (f == "author") {
    std::string_view a = post.author;
    size_t at = a.find('@');
    return IEquals(a, v) || (at != std::string_view::npos && IEquals(a.substr(0, at), v));
  }
  if (f == "language") return IEquals(post.language, v);
  if (f == "country") return IEquals(post.country, v);
  if (f == "network") return IEquals(post.network, v);
  if (f == "sentiment") return post.sentiment == v;
  if (f == "intent") {
    return std::find(post.intents.begin(), post.intents.end(), v) != post.intents.end();
  }
  if (f == "site") {
    for (std::string_view host : post.sites) {
      if (host.size() < v.size()) continue;
      std::string_view tail = host.substr(host.size() - v.size());
      if (IEquals(tail, v) &&
          (host.size() == v.size() || host[host.size() - v.size() - 1] == '.')) {
        return true;
      }
    }
  }
  return false;
}

bool Eval(const Node& n, const Tokens& t) {
  const auto& toks = Run(t, n.case_sensitive);
  switch (n.kind) {
    case NodeKind::kTerm:
      for (size_t i = 0; i < toks.size(); ++i) {
        if (TermAt(n, toks, i)) return true;
      }
      return false;
    case NodeKind::kPhrase: {
      if (n.proximity < 0) {
        for (size_t i = 0; i < toks.size(); ++i) {
          if (PhraseAt(n.tokens, toks, i)) return true;
        }
        return false;
      }
      std::vector<std::vector<Span>> words(n.tokens.size());
      for (size_t k = 0; k < n.tokens.size(); ++k) {
        for (size_t i = 0; i < toks.size(); ++i) {
          if (toks[i] == n.tokens[k]) words[k].push_back({static_cast<int64_t>(i), 1});
        }
        if (words[k].empty()) return false;
      }
      return Near(words, n.proximity);
    }
    case NodeKind::kAnd:
      for (const Node& c : n.children) {
        if (!Eval(c, t)) return false;
      }
      return true;
    case NodeKind::kOr:
      for (const Node& c : n.children) {
        if (Eval(c, t)) return true;
      }
      return false;
    case NodeKind::kNot:
      return !Eval(n.children[0], t);
    case NodeKind::kNear: {
      std::vector<std::vector<Span>> sides(2);
      Occurrences(n.children[0], t, sides[0]);
      if (sides[0].empty()) return false;
      Occurrences(n.children[1], t, sides[1]);
      if (sides[1].empty()) return false;
      if (!n.ordered) return Near(sides, n.distance);
      for (const Span& a : sides[0]) {
        for (const Span& b : sides[1]) {
          int64_t gap = b.first - (a.first + a.len);
          if (gap >= 0 && gap <= n.distance) return true;
        }
      }
      return false;
    }
    case NodeKind::kEntity: {
      const auto& values = n.entity == EntityKind::kHashtag   ? t.hashtags
                           : n.entity == EntityKind::kMention ? t.mentions
                                                              : t.cashtags;
      return std::find(values.begin(), values.end(), n.value) != values.end();
    }
    case NodeKind::kField:
      return Field(n, *t.facts);
    case NodeKind::kRange:
      return t.facts->author_followers && *t.facts->author_followers >= n.lo &&
             *t.facts->author_followers <= n.hi;
  }
  return false;
}

// True when some term, phrase or entity under `n` occurs in the post.
bool AnyLeafOccurs(const Node& n, const Tokens& t) {
  switch (n.kind) {
    case NodeKind::kTerm:
    case NodeKind::kEntity:
      return Eval(n, t);
    case NodeKind::kPhrase:
      if (n.proximity < 0) return Eval(n, t);
      for (const auto& w : n.tokens) {
        const auto& toks = Run(t, n.case_sensitive);
        if (std::find(toks.begin(), toks.end(), w) != toks.end()) return true;
      }
      return false;
    case NodeKind::kField:
    case NodeKind::kRange:
      return false;
    default:
      return std::any_of(n.children.begin(), n.children.end(),
                         [&](const Node& c) { return AnyLeafOccurs(c, t); });
  }
}

// True when `n` can only hold if some term under it occurred.
bool NeedsTerm(const Node& n) {
  switch (n.kind) {
    case NodeKind::kField:
    case NodeKind::kRange:
    case NodeKind::kNot:
      return false;
    case NodeKind::kAnd:
      return std::any_of(n.children.begin(), n.children.end(), NeedsTerm);
    case NodeKind::kOr:
      return std::all_of(n.children.begin(), n.children.end(), NeedsTerm);
    default:
      return true;
  }
}

}  // namespace

NaiveMatcher::NaiveMatcher(const std::vector<listening::TopicQuery>& topics) {
  for (const auto& t : topics) {
    auto q = listening::ParseQuery(t.query);
    if (q.ok()) topics_.emplace_back(t.id, std::move(*q));
  }
  std::sort(topics_.begin(), topics_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

void NaiveMatcher::Match(const PostFacts& post, std::vector<int64_t>& out) const {
  out.clear();
  const Tokens t = Prepare(post);
  for (const auto& [id, query] : topics_) {
    if (Eval(query.root, t)) out.push_back(id);
  }
}

size_t NaiveMatcher::Candidates(const PostFacts& post) const {
  const Tokens t = Prepare(post);
  size_t n = 0;
  for (const auto& [id, query] : topics_) {
    if (!NeedsTerm(query.root) || AnyLeafOccurs(query.root, t)) ++n;
  }
  return n;
}

}  // namespace dandelion::bench
