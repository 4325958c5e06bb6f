#include "listening/matcher.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "listening/query.h"
#include "listening/unicode61.h"

namespace dandelion::listening {
namespace {

// Which run of the scanned buffer a pattern matches in.
enum class Run : uint8_t { kFolded, kRaw, kEntities };

// Marks each token of the unfolded run, so that no folded pattern (which
// starts with a space and a token character) can match there.
constexpr char kRawMark = '\x01';

enum class OpKind : uint8_t { kLeaf, kAnd, kOr, kNot, kNear, kProximity, kField, kRange };
enum class Field : uint8_t { kAuthor, kLanguage, kCountry, kNetwork, kSentiment, kIntent, kSite };

struct Op {
  OpKind kind = OpKind::kLeaf;
  Field field = Field::kAuthor;
  bool ordered = false;
  int distance = 0;
  uint32_t pattern = 0;         // kLeaf
  std::vector<uint32_t> kids;   // indices into Program::ops
  std::string value;            // kField
  int64_t lo = 0, hi = 0;       // kRange
};

struct Program {
  int64_t topic_id = 0;
  std::vector<Op> ops;
  uint32_t root = 0;
  std::vector<uint32_t> positive_patterns;  // leaves not under NOT, for highlights
};

struct Pattern {
  std::string regex;
  Run run = Run::kFolded;
  uint32_t tokens = 1;  // tokens a match spans (folded and raw runs)
};

std::string Escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

// One token as a pattern fragment: wildcards become "not a space".
std::string TokenRegex(std::string_view token, bool raw, bool wildcard) {
  std::string out = " ";
  if (raw) out += "\\x01";
  if (!wildcard) return out + Escape(token);
  size_t i = 0;
  while (i < token.size()) {
    size_t j = token.find_first_of("*?", i);
    out += Escape(token.substr(i, j == std::string_view::npos ? j : j - i));
    if (j == std::string_view::npos) break;
    out += token[j] == '*' ? "[^ ]*" : "[^ ]";
    i = j + 1;
  }
  return out;
}

// True when `node` can only be true if some term under it occurred: such a
// topic is evaluated only for posts where one of its patterns matched.
bool NeedsTerm(const Node& node) {
  switch (node.kind) {
    case NodeKind::kTerm:
    case NodeKind::kPhrase:
    case NodeKind::kEntity:
    case NodeKind::kNear:
      return true;
    case NodeKind::kField:
    case NodeKind::kRange:
    case NodeKind::kNot:
      return false;
    case NodeKind::kAnd:
      return std::any_of(node.children.begin(), node.children.end(), NeedsTerm);
    case NodeKind::kOr:
      return std::all_of(node.children.begin(), node.children.end(), NeedsTerm);
  }
  return true;
}

}  // namespace

namespace {

void CollectAnchors(const Node& n, std::vector<std::string>& out) {
  switch (n.kind) {
    case NodeKind::kTerm: {
      std::string folded;
      AppendFolded(n.match, folded);
      size_t wild = folded.find_first_of("*?");
      out.push_back(wild == std::string::npos ? folded : folded.substr(0, wild) + "*");
      return;
    }
    case NodeKind::kPhrase:
      if (!n.tokens.empty()) {
        std::string folded;
        AppendFolded(n.tokens[0], folded);
        out.push_back(folded);
      }
      return;
    case NodeKind::kEntity: {
      std::string folded;
      AppendFolded(n.value, folded);
      out.push_back(folded);
      return;
    }
    case NodeKind::kNot:
    case NodeKind::kField:
    case NodeKind::kRange:
      return;
    default:
      for (const auto& c : n.children) CollectAnchors(c, out);
  }
}

}  // namespace

std::optional<std::vector<std::string>> AnchorTerms(const Query& query) {
  if (!NeedsTerm(query.root)) return std::nullopt;
  std::vector<std::string> out;
  CollectAnchors(query.root, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

struct TopicSet::Impl {
  hs_database_t* db = nullptr;
  std::vector<Pattern> patterns;
  std::vector<Program> programs;
  // pattern → programs using it (CSR: offsets into pattern_programs).
  std::vector<uint32_t> pattern_offsets;
  std::vector<uint32_t> pattern_programs;
  std::vector<uint32_t> always;  // programs evaluated for every post
  bool has_raw = false;
  bool has_entities = false;
  std::unordered_map<int64_t, uint32_t> by_id;
  // Field filters as keys ("language\x1fen"), numbered after the patterns,
  // so that a topic can be filed under a field value it requires; they
  // "occur" when the post holds that value (FieldKeys()).
  std::unordered_map<std::string, uint32_t> field_keys;
  size_t slots() const { return patterns.size() + field_keys.size(); }

  ~Impl() {
    if (db != nullptr) hs_free_database(db);
  }
};

namespace {

class Builder {
 public:
  explicit Builder(TopicSet::Impl& set) : set_(set) {}

  uint32_t Intern(std::string regex, Run run, uint32_t tokens) {
    auto [it, fresh] = index_.emplace(regex, static_cast<uint32_t>(set_.patterns.size()));
    if (fresh) {
      set_.patterns.push_back({std::move(regex), run, tokens});
      if (run == Run::kRaw) set_.has_raw = true;
      if (run == Run::kEntities) set_.has_entities = true;
    }
    return it->second;
  }

  // The slot of a field filter's key: numbered from 0 here, offset by the
  // pattern count once every pattern is known.
  uint32_t FieldKey(const std::string& field, const std::string& value) {
    auto [it, fresh] = set_.field_keys.emplace(
        field + '\x1f' + value, static_cast<uint32_t>(set_.field_keys.size()));
    return it->second;
  }

  uint32_t Emit(Program& p, const Node& n, bool positive) {
    Op op;
    switch (n.kind) {
      case NodeKind::kTerm: {
        op.kind = OpKind::kLeaf;
        op.pattern = Intern(TokenRegex(n.match, n.case_sensitive, n.wildcard) + " ",
                            n.case_sensitive ? Run::kRaw : Run::kFolded, 1);
        break;
      }
      case NodeKind::kPhrase: {
        if (n.proximity >= 0) {
          op.kind = OpKind::kProximity;
          op.distance = n.proximity;
          for (const auto& tok : n.tokens) {
            Op leaf;
            leaf.kind = OpKind::kLeaf;
            leaf.pattern = Intern(TokenRegex(tok, n.case_sensitive, false) + " ",
                                  n.case_sensitive ? Run::kRaw : Run::kFolded, 1);
            if (positive) p.positive_patterns.push_back(leaf.pattern);
            op.kids.push_back(Push(p, std::move(leaf)));
          }
          return Push(p, std::move(op));
        }
        std::string regex;
        for (const auto& tok : n.tokens) regex += TokenRegex(tok, n.case_sensitive, false);
        op.kind = OpKind::kLeaf;
        op.pattern = Intern(regex + " ", n.case_sensitive ? Run::kRaw : Run::kFolded,
                            static_cast<uint32_t>(n.tokens.size()));
        break;
      }
      case NodeKind::kEntity: {
        const char* sigil = n.entity == EntityKind::kHashtag   ? "\\x23"
                            : n.entity == EntityKind::kMention ? "\\x40"
                                                               : "\\x24";
        op.kind = OpKind::kLeaf;
        op.pattern = Intern(std::string(" ") + sigil + Escape(n.value) + " ", Run::kEntities, 0);
        break;
      }
      case NodeKind::kField: {
        op.kind = OpKind::kField;
        op.value = n.value;
        if (n.field == "author") op.field = Field::kAuthor;
        if (n.field == "language") op.field = Field::kLanguage;
        if (n.field == "country") op.field = Field::kCountry;
        if (n.field == "network") op.field = Field::kNetwork;
        if (n.field == "sentiment") op.field = Field::kSentiment;
        if (n.field == "intent") op.field = Field::kIntent;
        if (n.field == "site") op.field = Field::kSite;
        op.pattern = FieldKey(n.field, n.value);
        return Push(p, std::move(op));
      }
      case NodeKind::kRange:
        op.kind = OpKind::kRange;
        op.lo = n.lo;
        op.hi = n.hi;
        return Push(p, std::move(op));
      case NodeKind::kAnd:
      case NodeKind::kOr:
      case NodeKind::kNot:
      case NodeKind::kNear: {
        op.kind = n.kind == NodeKind::kAnd  ? OpKind::kAnd
                  : n.kind == NodeKind::kOr ? OpKind::kOr
                  : n.kind == NodeKind::kNot ? OpKind::kNot
                                             : OpKind::kNear;
        op.distance = n.distance;
        op.ordered = n.ordered;
        bool kid_positive = positive && n.kind != NodeKind::kNot;
        for (const auto& c : n.children) op.kids.push_back(Emit(p, c, kid_positive));
        return Push(p, std::move(op));
      }
    }
    if (positive) p.positive_patterns.push_back(op.pattern);
    return Push(p, std::move(op));
  }

 private:
  static uint32_t Push(Program& p, Op op) {
    p.ops.push_back(std::move(op));
    return static_cast<uint32_t>(p.ops.size() - 1);
  }

  TopicSet::Impl& set_;
  std::unordered_map<std::string, uint32_t> index_;
};

uint64_t Cost(const std::vector<uint32_t>& slots, const std::vector<uint32_t>& fanout) {
  uint64_t c = 0;
  for (uint32_t s : slots) c += fanout[s];
  return c;
}

// Slots one of which must occur for op `i` to hold, appended to `out`;
// false when it can hold without any. Of an AND's or NEAR's operands (all
// required) the cheapest is taken: the one whose slots the fewest programs
// use, so that a topic is not woken by every post holding a common word it
// only ANDs with its brand. An OR needs all its branches anchored; NOT and
// ranges never are.
bool Anchors(const Program& p, uint32_t i, const std::vector<uint32_t>& fanout,
             std::vector<uint32_t>& out) {
  const Op& op = p.ops[i];
  switch (op.kind) {
    case OpKind::kLeaf:
    case OpKind::kField:
      out.push_back(op.pattern);
      return true;
    case OpKind::kOr:
      for (uint32_t k : op.kids) {
        if (!Anchors(p, k, fanout, out)) return false;
      }
      return true;
    case OpKind::kAnd:
    case OpKind::kNear:
    case OpKind::kProximity: {
      bool found = false;
      std::vector<uint32_t> best;
      for (uint32_t k : op.kids) {
        std::vector<uint32_t> a;
        if (!Anchors(p, k, fanout, a)) continue;
        if (!found || Cost(a, fanout) < Cost(best, fanout)) best = std::move(a);
        found = true;
      }
      out.insert(out.end(), best.begin(), best.end());
      return found;
    }
    case OpKind::kNot:
    case OpKind::kRange:
      return false;
  }
  return false;
}

// Builds programs and patterns for `topics` (skipping those in `excluded`),
// then compiles the database. On a Vectorscan error names the pattern.
struct BuildResult {
  std::unique_ptr<TopicSet::Impl> impl;
  int failed_pattern = -1;
  std::string error;
};

BuildResult Build(const std::vector<std::pair<int64_t, const Query*>>& queries) {
  BuildResult r;
  r.impl = std::make_unique<TopicSet::Impl>();
  auto& set = *r.impl;
  Builder b(set);
  for (const auto& [id, q] : queries) {
    Program p;
    p.topic_id = id;
    p.root = b.Emit(p, q->root, true);
    std::sort(p.positive_patterns.begin(), p.positive_patterns.end());
    p.positive_patterns.erase(std::unique(p.positive_patterns.begin(), p.positive_patterns.end()),
                              p.positive_patterns.end());
    set.by_id[id] = static_cast<uint32_t>(set.programs.size());
    set.programs.push_back(std::move(p));
  }
  // Field keys take the slots after the patterns.
  const uint32_t base = static_cast<uint32_t>(set.patterns.size());
  for (auto& [key, slot] : set.field_keys) slot += base;
  for (Program& p : set.programs) {
    for (Op& op : p.ops) {
      if (op.kind == OpKind::kField) op.pattern += base;
    }
  }
  // How many programs use each slot: the cost of filing a program under it.
  std::vector<uint32_t> fanout(set.slots(), 0);
  for (const Program& p : set.programs) {
    std::vector<uint32_t> used;
    for (const Op& op : p.ops) {
      if (op.kind == OpKind::kLeaf || op.kind == OpKind::kField) used.push_back(op.pattern);
    }
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    for (uint32_t u : used) ++fanout[u];
  }
  // Each program is filed under its anchors — slots one of which must
  // occur for it to hold — and evaluated only when one does; a program
  // without anchors (a range filter alone, say) is evaluated for every post.
  set.always.clear();
  std::vector<std::vector<uint32_t>> users(set.slots());
  for (uint32_t i = 0; i < set.programs.size(); ++i) {
    std::vector<uint32_t> anchors;
    if (!Anchors(set.programs[i], set.programs[i].root, fanout, anchors)) {
      set.always.push_back(i);
      continue;
    }
    std::sort(anchors.begin(), anchors.end());
    anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
    for (uint32_t a : anchors) users[a].push_back(i);
  }
  set.pattern_offsets.push_back(0);
  for (const auto& u : users) {
    set.pattern_programs.insert(set.pattern_programs.end(), u.begin(), u.end());
    set.pattern_offsets.push_back(static_cast<uint32_t>(set.pattern_programs.size()));
  }
  if (set.patterns.empty()) return r;
  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  for (uint32_t i = 0; i < set.patterns.size(); ++i) {
    exprs.push_back(set.patterns[i].regex.c_str());
    flags.push_back(HS_FLAG_UTF8);
    ids.push_back(i);
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &set.db, &err) != HS_SUCCESS) {
    r.failed_pattern = err != nullptr ? err->expression : -1;
    r.error = err != nullptr && err->message != nullptr ? err->message : "compile failed";
    hs_free_compile_error(err);
    set.db = nullptr;
  }
  return r;
}

}  // namespace

TopicSet::TopicSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TopicSet::~TopicSet() = default;
size_t TopicSet::topic_count() const { return impl_->programs.size(); }
size_t TopicSet::pattern_count() const { return impl_->patterns.size(); }
std::vector<int64_t> TopicSet::topic_ids() const {
  std::vector<int64_t> ids;
  for (const auto& p : impl_->programs) ids.push_back(p.topic_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::shared_ptr<const TopicSet> TopicSet::Compile(const std::vector<TopicQuery>& topics,
                                                  std::vector<CompileError>* errors) {
  std::vector<Query> parsed;
  parsed.reserve(topics.size());
  std::vector<std::pair<int64_t, const Query*>> queries;
  std::vector<int64_t> parsed_ids;
  for (const auto& t : topics) {
    auto q = ParseQuery(t.query);
    if (!q.ok()) {
      if (errors != nullptr) errors->push_back({t.id, q.status().message()});
      continue;
    }
    parsed.push_back(std::move(*q));
    parsed_ids.push_back(t.id);
  }
  for (size_t i = 0; i < parsed.size(); ++i) queries.emplace_back(parsed_ids[i], &parsed[i]);
  for (;;) {
    BuildResult r = Build(queries);
    if (r.failed_pattern < 0 && r.error.empty()) {
      return std::shared_ptr<const TopicSet>(new TopicSet(std::move(r.impl)));
    }
    // Leave out the topics using the refused pattern and try again.
    std::vector<std::pair<int64_t, const Query*>> kept;
    for (uint32_t i = 0; i < r.impl->programs.size(); ++i) {
      bool uses = false;
      for (const Op& op : r.impl->programs[i].ops) {
        uses |= op.kind == OpKind::kLeaf && static_cast<int>(op.pattern) == r.failed_pattern;
      }
      if (uses || r.failed_pattern < 0) {
        if (errors != nullptr) {
          errors->push_back({queries[i].first, "the matcher refused a term: " + r.error});
        }
      } else {
        kept.push_back(queries[i]);
      }
    }
    queries = std::move(kept);
  }
}

// ---------------------------------------------------------------- matching

struct Matcher::State {
  hs_scratch_t* scratch = nullptr;
  const hs_database_t* scratch_for = nullptr;
  std::string buffer;
  size_t folded_end = 0;  // the folded run is buffer[0, folded_end)
  size_t raw_end = 0;     // the raw run is buffer[folded_end, raw_end)
  std::vector<uint32_t> starts;      // folded run: offset of each token's leading space, + end
  std::vector<uint32_t> raw_starts;  // the same for the raw run
  bool starts_ready = false;

  struct Hit {
    uint32_t pattern;
    uint32_t to;
    uint32_t next;  // next hit of the same pattern, or kNone
  };
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  std::vector<Hit> hits;
  std::vector<uint32_t> first_hit;  // per pattern, valid when stamp == gen
  std::vector<uint32_t> stamp;
  std::vector<uint32_t> touched;
  std::vector<uint32_t> program_stamp;
  std::vector<uint32_t> candidates;
  std::string key;  // MarkFieldKeys' buffer
  uint32_t gen = 0;
  const TopicSet::Impl* last_set = nullptr;

  ~State() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }

  void Prepare(const TopicSet::Impl& set) {
    if (set.db != nullptr && scratch_for != set.db) {
      hs_alloc_scratch(set.db, &scratch);  // grows the scratch to fit; keeps it otherwise
      scratch_for = set.db;
    }
    if (last_set != &set) {
      first_hit.assign(set.slots(), kNone);
      stamp.assign(set.slots(), 0);
      program_stamp.assign(set.programs.size(), 0);
      gen = 0;
      last_set = &set;
    }
    if (++gen == 0) {  // wrapped: clear the stamps
      std::fill(stamp.begin(), stamp.end(), 0);
      std::fill(program_stamp.begin(), program_stamp.end(), 0);
      gen = 1;
    }
  }

  bool Occurred(uint32_t pattern) const { return stamp[pattern] == gen; }

  void BuildStarts() {
    if (starts_ready) return;
    starts.clear();
    raw_starts.clear();
    for (uint32_t i = 0; i < folded_end; ++i) {
      if (buffer[i] == ' ') starts.push_back(i);
    }
    for (uint32_t i = static_cast<uint32_t>(folded_end); i < raw_end; ++i) {
      if (buffer[i] == ' ') raw_starts.push_back(i);
    }
    starts_ready = true;
  }

  // The token index of the last token of a match ending at `to` (one past
  // its trailing space) in the run of `run`.
  uint32_t LastToken(Run run, uint32_t to) {
    BuildStarts();
    const auto& s = run == Run::kRaw ? raw_starts : starts;
    auto it = std::lower_bound(s.begin(), s.end(), to - 1);
    return static_cast<uint32_t>(it - s.begin()) - 1;
  }
};

namespace {

struct Instance {
  uint32_t first;
  uint32_t len;
};

bool EqualsAny(const std::vector<std::string_view>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

bool AsciiIEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

class Evaluator {
 public:
  Evaluator(const TopicSet::Impl& set, Matcher::State& st, const PostFacts& post)
      : set_(set), st_(st), post_(post) {}

  bool Eval(const Program& p, uint32_t i) {
    const Op& op = p.ops[i];
    switch (op.kind) {
      case OpKind::kLeaf:
        return st_.Occurred(op.pattern);
      case OpKind::kAnd:
        for (uint32_t k : op.kids) {
          if (!Eval(p, k)) return false;
        }
        return true;
      case OpKind::kOr:
        for (uint32_t k : op.kids) {
          if (Eval(p, k)) return true;
        }
        return false;
      case OpKind::kNot:
        return !Eval(p, op.kids[0]);
      case OpKind::kField:
        return Field(op);
      case OpKind::kRange:
        return post_.author_followers && *post_.author_followers >= op.lo &&
               *post_.author_followers <= op.hi;
      case OpKind::kNear:
        return Near(p, op);
      case OpKind::kProximity:
        return Proximity(p, op);
    }
    return false;
  }

 private:
  bool Field(const Op& op) const {
    switch (op.field) {
      case Field::kAuthor: {
        std::string_view a = post_.author;
        if (AsciiIEquals(a, op.value)) return true;
        size_t at = a.find('@');  // Mastodon: user@instance matches author:user
        return at != std::string_view::npos && AsciiIEquals(a.substr(0, at), op.value);
      }
      case Field::kLanguage:
        return AsciiIEquals(post_.language, op.value);
      case Field::kCountry:
        return AsciiIEquals(post_.country, op.value);
      case Field::kNetwork:
        return AsciiIEquals(post_.network, op.value);
      case Field::kSentiment:
        return post_.sentiment == op.value;
      case Field::kIntent:
        return EqualsAny(post_.intents, op.value);
      case Field::kSite:
        for (std::string_view host : post_.sites) {
          if (host.size() >= op.value.size() &&
              AsciiIEquals(host.substr(host.size() - op.value.size()), op.value) &&
              (host.size() == op.value.size() || host[host.size() - op.value.size() - 1] == '.')) {
            return true;
          }
        }
        return false;
    }
    return false;
  }

  // Every occurrence of operand `i` (a leaf or an OR of operands).
  void Instances(const Program& p, uint32_t i, std::vector<Instance>& out) {
    const Op& op = p.ops[i];
    if (op.kind == OpKind::kLeaf) {
      if (!st_.Occurred(op.pattern)) return;
      const Pattern& pat = set_.patterns[op.pattern];
      for (uint32_t h = st_.first_hit[op.pattern]; h != Matcher::State::kNone;
           h = st_.hits[h].next) {
        uint32_t last = st_.LastToken(pat.run, st_.hits[h].to);
        out.push_back({last + 1 - pat.tokens, pat.tokens});
      }
    } else {
      for (uint32_t k : op.kids) Instances(p, k, out);
    }
  }

  // FTS5's NEAR rule (fts5ExprNearIsMatch): some position M and, for each
  // operand, an occurrence starting in [M - its length - distance, M].
  static bool NearGroup(const std::vector<std::vector<Instance>>& groups, int distance) {
    for (const auto& g : groups) {
      if (g.empty()) return false;
    }
    for (const auto& g : groups) {
      for (const Instance& m : g) {
        const int64_t top = m.first;
        bool all = true;
        for (const auto& other : groups) {
          bool any = false;
          for (const Instance& x : other) {
            if (x.first <= top && top - x.first <= static_cast<int64_t>(x.len) + distance) {
              any = true;
              break;
            }
          }
          if (!any) {
            all = false;
            break;
          }
        }
        if (all) return true;
      }
    }
    return false;
  }

  bool Near(const Program& p, const Op& op) {
    std::vector<std::vector<Instance>> groups(2);
    Instances(p, op.kids[0], groups[0]);
    if (groups[0].empty()) return false;
    Instances(p, op.kids[1], groups[1]);
    if (groups[1].empty()) return false;
    if (!op.ordered) return NearGroup(groups, op.distance);
    for (const Instance& a : groups[0]) {
      for (const Instance& b : groups[1]) {
        int64_t gap = static_cast<int64_t>(b.first) - (a.first + a.len);
        if (gap >= 0 && gap <= op.distance) return true;
      }
    }
    return false;
  }

  bool Proximity(const Program& p, const Op& op) {
    std::vector<std::vector<Instance>> groups(op.kids.size());
    for (size_t k = 0; k < op.kids.size(); ++k) {
      Instances(p, op.kids[k], groups[k]);
      if (groups[k].empty()) return false;
    }
    return NearGroup(groups, op.distance);
  }

  const TopicSet::Impl& set_;
  Matcher::State& st_;
  const PostFacts& post_;
};

int OnMatch(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
            void* ctx) {
  auto& st = *static_cast<Matcher::State*>(ctx);
  uint32_t idx = static_cast<uint32_t>(st.hits.size());
  if (st.stamp[id] != st.gen) {
    st.stamp[id] = st.gen;
    st.first_hit[id] = Matcher::State::kNone;
    st.touched.push_back(id);
  }
  // Each pattern's hits form a list, newest first; order does not matter to
  // the evaluator.
  st.hits.push_back({id, static_cast<uint32_t>(to), st.first_hit[id]});
  st.first_hit[id] = idx;
  return 0;
}

// " #tag", " @handle", " $CASH": hashtags fold like words (as the query
// folds #Tag), handles compare in ASCII lower case, cashtags in upper case.
void AppendEntity(std::string& buf, char sigil, std::string_view value) {
  buf += ' ';
  buf += sigil;
  if (sigil == '#') {
    AppendFolded(value, buf);
  } else {
    for (char c : value) {
      if (sigil == '$' && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (sigil == '@' && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      buf += c;
    }
  }
  buf += ' ';
}

// Marks the field keys the post holds as occurred, exactly as
// Evaluator::Field() would find them true. Keys are built in one reused
// buffer: this runs for every post.
void MarkFieldKeys(const TopicSet::Impl& set, const PostFacts& post, Matcher::State& st) {
  std::string& key = st.key;
  auto mark = [&](std::string_view field, std::string_view value, bool lower) {
    key.assign(field);
    key += '\x1f';
    for (char c : value) key += lower && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    auto it = set.field_keys.find(key);
    if (it == set.field_keys.end() || st.stamp[it->second] == st.gen) return;
    st.stamp[it->second] = st.gen;
    st.first_hit[it->second] = Matcher::State::kNone;
    st.touched.push_back(it->second);
  };
  mark("author", post.author, true);
  if (size_t at = post.author.find('@'); at != std::string_view::npos) {
    mark("author", post.author.substr(0, at), true);
  }
  mark("language", post.language, true);
  mark("country", post.country, true);
  mark("network", post.network, true);
  mark("sentiment", post.sentiment, false);
  for (auto intent : post.intents) mark("intent", intent, false);
  for (auto host : post.sites) {
    for (size_t dot = 0;;) {  // the host and every parent domain
      mark("site", host.substr(dot), true);
      dot = host.find('.', dot);
      if (dot == std::string_view::npos) break;
      ++dot;
    }
  }
}

}  // namespace

Matcher::Matcher() : state_(std::make_unique<State>()) {}
Matcher::~Matcher() = default;

void Matcher::Match(const TopicSet& topics, const PostFacts& post, std::vector<int64_t>& out) {
  out.clear();
  const TopicSet::Impl& set = *topics.impl_;
  State& st = *state_;
  st.Prepare(set);
  st.hits.clear();
  st.touched.clear();
  st.candidates.clear();
  st.starts_ready = false;

  if (set.db != nullptr) {
    st.buffer.clear();
    AppendTokens(post.text, true, st.buffer, nullptr);
    st.folded_end = st.buffer.size();
    if (set.has_raw) {
      std::string raw;
      AppendTokens(post.text, false, raw, nullptr);
      // Mark each raw token: " Tok " → " \x01Tok ".
      for (size_t i = 0; i < raw.size(); ++i) {
        st.buffer += raw[i];
        if (raw[i] == ' ' && i + 1 < raw.size()) st.buffer += kRawMark;
      }
    }
    st.raw_end = st.buffer.size();
    if (set.has_entities) {
      for (auto h : post.hashtags) AppendEntity(st.buffer, '#', h);
      for (auto m : post.mentions) AppendEntity(st.buffer, '@', m);
      for (auto c : post.cashtags) AppendEntity(st.buffer, '$', c);
    }
    if (!st.buffer.empty()) {
      hs_scan(set.db, st.buffer.data(), static_cast<unsigned>(st.buffer.size()), 0, st.scratch,
              OnMatch, &st);
    }
  }

  if (!set.field_keys.empty()) MarkFieldKeys(set, post, st);
  for (uint32_t pat : st.touched) {
    for (uint32_t k = set.pattern_offsets[pat]; k < set.pattern_offsets[pat + 1]; ++k) {
      uint32_t prog = set.pattern_programs[k];
      if (st.program_stamp[prog] != st.gen) {
        st.program_stamp[prog] = st.gen;
        st.candidates.push_back(prog);
      }
    }
  }
  for (uint32_t prog : set.always) {
    if (st.program_stamp[prog] != st.gen) {
      st.program_stamp[prog] = st.gen;
      st.candidates.push_back(prog);
    }
  }
  Evaluator ev(set, st, post);
  for (uint32_t prog : st.candidates) {
    const Program& p = set.programs[prog];
    if (ev.Eval(p, p.root)) out.push_back(p.topic_id);
  }
  std::sort(out.begin(), out.end());
}

std::vector<Highlight> Matcher::Highlights(const TopicSet& topics, const PostFacts& post,
                                           int64_t topic_id) {
  std::vector<Highlight> out;
  const TopicSet::Impl& set = *topics.impl_;
  State& st = *state_;
  auto it = set.by_id.find(topic_id);
  if (it == set.by_id.end() || st.last_set != &set) return out;
  std::vector<TextToken> spans;
  std::string scratch;
  AppendTokens(post.text, true, scratch, &spans);
  for (uint32_t pat : set.programs[it->second].positive_patterns) {
    if (!st.Occurred(pat)) continue;
    const Pattern& pp = set.patterns[pat];
    if (pp.run == Run::kEntities) continue;
    for (uint32_t h = st.first_hit[pat]; h != State::kNone; h = st.hits[h].next) {
      uint32_t last = st.LastToken(pp.run, st.hits[h].to);
      uint32_t first = last + 1 - pp.tokens;
      if (last < spans.size()) out.push_back({spans[first].begin, spans[last].end});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Highlight& a, const Highlight& b) { return a.begin < b.begin; });
  std::vector<Highlight> merged;
  for (const Highlight& h : out) {
    if (!merged.empty() && h.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, h.end);
    } else {
      merged.push_back(h);
    }
  }
  return merged;
}

}  // namespace dandelion::listening
