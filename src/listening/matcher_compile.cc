// Compiling a topic set (matcher.h): every query parsed, its terms interned
// as slots in the set's dictionaries, its boolean form flattened into ops,
// and each topic filed under the slots one of which it requires.
#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "listening/matcher.h"
#include "listening/matcher_internal.h"
#include "listening/query.h"
#include "listening/unicode61.h"

namespace dandelion::listening {
namespace {

using internal::KeyKind;
using internal::Op;
using internal::OpKind;
using internal::Program;

std::string Folded(std::string_view s) {
  std::string out;
  AppendFolded(s, out);
  return out;
}

// True when `node` can only be true if some term under it occurred: such a
// topic is evaluated only for posts where one of its terms occurred.
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

void CollectAnchors(const Node& n, std::vector<std::string>& out) {
  switch (n.kind) {
    case NodeKind::kTerm: {
      std::string folded = Folded(n.match);
      size_t wild = folded.find_first_of("*?");
      out.push_back(wild == std::string::npos ? folded : folded.substr(0, wild) + "*");
      return;
    }
    case NodeKind::kPhrase:
      if (!n.tokens.empty()) out.push_back(Folded(n.tokens[0]));
      return;
    case NodeKind::kEntity:
      out.push_back(Folded(n.value));
      return;
    case NodeKind::kNot:
    case NodeKind::kField:
    case NodeKind::kRange:
      return;
    default:
      for (const auto& c : n.children) CollectAnchors(c, out);
  }
}

KeyKind FieldKind(const std::string& field) {
  if (field == "author") return KeyKind::kAuthor;
  if (field == "language") return KeyKind::kLanguage;
  if (field == "country") return KeyKind::kCountry;
  if (field == "network") return KeyKind::kNetwork;
  if (field == "sentiment") return KeyKind::kSentiment;
  if (field == "intent") return KeyKind::kIntent;
  return KeyKind::kSite;
}

class Builder {
 public:
  explicit Builder(TopicSet::Impl& set) : set_(set) {}

  // The slot of a word or phrase (tokens in match form: folded, or as
  // written when case-sensitive).
  uint32_t PhraseSlot(const std::vector<std::string>& tokens, bool case_sensitive) {
    std::string name = case_sensitive ? "C" : "F";
    for (const auto& t : tokens) (name += ' ') += t;
    auto [it, fresh] = names_.emplace(std::move(name), 0);
    if (!fresh) return it->second;
    it->second = NewSlot(static_cast<uint32_t>(tokens.size()));
    ++set_.term_count;
    if (tokens.empty()) return it->second;  // the parser refuses these: never occurs
    internal::Phrase p;
    p.slot = it->second;
    p.tokens = static_cast<uint32_t>(tokens.size());
    p.ids = static_cast<uint32_t>(set_.phrase_ids.size());
    for (const auto& t : tokens) {
      // A case-sensitive token is looked up by its folded form, then
      // compared as written.
      std::string key = case_sensitive ? Folded(t) : t;
      set_.phrase_ids.push_back(
          set_.dictionary.Insert(key, static_cast<uint32_t>(set_.dictionary.size())));
    }
    if (tokens.size() >= 2) p.second = set_.phrase_ids[p.ids + 1];
    if (case_sensitive) {
      p.raw = static_cast<uint32_t>(set_.raw_tokens.size());
      set_.raw_tokens.insert(set_.raw_tokens.end(), tokens.begin(), tokens.end());
    }
    set_.phrases.push_back(p);
    return p.slot;
  }

  uint32_t WildcardSlot(const std::string& glob, bool case_sensitive) {
    auto [it, fresh] = names_.emplace((case_sensitive ? "W" : "w") + glob, 0);
    if (!fresh) return it->second;
    it->second = NewSlot(1);
    internal::Wildcard w;
    w.slot = it->second;
    w.case_sensitive = case_sensitive;
    w.glob = static_cast<uint32_t>(set_.globs.size());
    w.glob_length = static_cast<uint32_t>(glob.size());
    set_.wildcards.push_back(w);
    set_.globs += glob;
    ++set_.term_count;
    return it->second;
  }

  uint32_t KeySlot(KeyKind kind, const std::string& value) {
    std::string key(1, static_cast<char>(kind));
    key += value;
    uint32_t slot = set_.keys.Insert(key, static_cast<uint32_t>(set_.slots()));
    if (slot == set_.slots()) {
      NewSlot(0);
      if (kind == KeyKind::kHashtag || kind == KeyKind::kMention || kind == KeyKind::kCashtag) {
        ++set_.term_count;
      }
    }
    set_.key_used[static_cast<unsigned char>(kind)] = true;
    return slot;
  }

  // Appends the ops of `n` (and its operands) to the set; returns its index.
  uint32_t Emit(Program& p, const Node& n, bool positive) {
    Op op;
    switch (n.kind) {
      case NodeKind::kTerm:
        op.kind = OpKind::kLeaf;
        op.slot = n.wildcard ? WildcardSlot(n.match, n.case_sensitive)
                             : PhraseSlot({n.match}, n.case_sensitive);
        if (positive) p.positive_slots.push_back(op.slot);
        return Push(op, {});
      case NodeKind::kPhrase: {
        if (n.proximity < 0) {
          op.kind = OpKind::kLeaf;
          op.slot = PhraseSlot(n.tokens, n.case_sensitive);
          if (positive) p.positive_slots.push_back(op.slot);
          return Push(op, {});
        }
        // `"a b"~n`: each token a leaf, evaluated with FTS5's NEAR rule.
        std::vector<uint32_t> kids;
        for (const auto& tok : n.tokens) {
          Op leaf;
          leaf.kind = OpKind::kLeaf;
          leaf.slot = PhraseSlot({tok}, n.case_sensitive);
          if (positive) p.positive_slots.push_back(leaf.slot);
          kids.push_back(Push(leaf, {}));
        }
        op.kind = OpKind::kProximity;
        op.distance = n.proximity;
        return Push(op, kids);
      }
      case NodeKind::kEntity:
        op.kind = OpKind::kLeaf;
        op.slot = KeySlot(n.entity == EntityKind::kHashtag   ? KeyKind::kHashtag
                          : n.entity == EntityKind::kMention ? KeyKind::kMention
                                                             : KeyKind::kCashtag,
                          n.value);
        return Push(op, {});
      case NodeKind::kField:
        // The post marks the field values it holds (MarkKeys in matcher.cc):
        // the filter holds when its value's slot was marked.
        op.kind = OpKind::kField;
        op.slot = KeySlot(FieldKind(n.field), n.value);
        return Push(op, {});
      case NodeKind::kRange:
        op.kind = OpKind::kRange;
        op.slot = static_cast<uint32_t>(set_.ranges.size());
        set_.ranges.push_back({n.lo, n.hi});
        return Push(op, {});
      case NodeKind::kAnd:
      case NodeKind::kOr:
      case NodeKind::kNot:
      case NodeKind::kNear: {
        op.kind = n.kind == NodeKind::kAnd   ? OpKind::kAnd
                  : n.kind == NodeKind::kOr  ? OpKind::kOr
                  : n.kind == NodeKind::kNot ? OpKind::kNot
                                             : OpKind::kNear;
        op.distance = n.distance;
        op.ordered = n.ordered;
        bool kid_positive = positive && n.kind != NodeKind::kNot;
        std::vector<uint32_t> kids;
        for (const auto& c : n.children) kids.push_back(Emit(p, c, kid_positive));
        return Push(op, kids);
      }
    }
    return Push(op, {});
  }

 private:
  uint32_t NewSlot(uint32_t tokens) {
    set_.slot_tokens.push_back(tokens);
    return static_cast<uint32_t>(set_.slot_tokens.size() - 1);
  }

  uint32_t Push(Op op, const std::vector<uint32_t>& kids) {
    op.kids = static_cast<uint32_t>(set_.kids.size());
    op.kid_count = static_cast<uint32_t>(kids.size());
    set_.kids.insert(set_.kids.end(), kids.begin(), kids.end());
    set_.ops.push_back(op);
    return static_cast<uint32_t>(set_.ops.size() - 1);
  }

  TopicSet::Impl& set_;
  std::unordered_map<std::string, uint32_t> names_;  // term → slot
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
bool Anchors(const TopicSet::Impl& set, uint32_t i, const std::vector<uint32_t>& fanout,
             std::vector<uint32_t>& out) {
  const Op& op = set.ops[i];
  const uint32_t* kids = set.kids.data() + op.kids;
  switch (op.kind) {
    case OpKind::kLeaf:
    case OpKind::kField:
      out.push_back(op.slot);
      return true;
    case OpKind::kOr:
      for (uint32_t k = 0; k < op.kid_count; ++k) {
        if (!Anchors(set, kids[k], fanout, out)) return false;
      }
      return true;
    case OpKind::kAnd:
    case OpKind::kNear:
    case OpKind::kProximity: {
      bool found = false;
      std::vector<uint32_t> best;
      for (uint32_t k = 0; k < op.kid_count; ++k) {
        std::vector<uint32_t> a;
        if (!Anchors(set, kids[k], fanout, a)) continue;
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

// The slots used by the ops of the tree at `i`.
void UsedSlots(const TopicSet::Impl& set, uint32_t i, std::vector<uint32_t>& out) {
  const Op& op = set.ops[i];
  if (op.kind == OpKind::kLeaf || op.kind == OpKind::kField) out.push_back(op.slot);
  for (uint32_t k = 0; k < op.kid_count; ++k) UsedSlots(set, set.kids[op.kids + k], out);
}

// `lists` flattened: the items of list k are list[offsets[k], offsets[k + 1]).
void ToCsr(const std::vector<std::vector<uint32_t>>& lists, std::vector<uint32_t>& offsets,
           std::vector<uint32_t>& list) {
  offsets.assign(1, 0);
  list.clear();
  for (const auto& l : lists) {
    list.insert(list.end(), l.begin(), l.end());
    offsets.push_back(static_cast<uint32_t>(list.size()));
  }
}

template <typename T>
std::vector<T> Reordered(const std::vector<T>& items, const std::vector<uint32_t>& order) {
  std::vector<T> out;
  out.reserve(order.size());
  for (uint32_t i : order) out.push_back(items[i]);
  return out;
}

std::unique_ptr<TopicSet::Impl> Build(
    const std::vector<std::pair<int64_t, const Query*>>& queries) {
  static std::atomic<uint64_t> serials{0};
  auto impl = std::make_unique<TopicSet::Impl>();
  auto& set = *impl;
  set.serial = ++serials;
  Builder b(set);
  for (const auto& [id, q] : queries) {
    Program p;
    p.topic_id = id;
    p.root = b.Emit(p, q->root, true);
    std::sort(p.positive_slots.begin(), p.positive_slots.end());
    p.positive_slots.erase(std::unique(p.positive_slots.begin(), p.positive_slots.end()),
                           p.positive_slots.end());
    set.by_id[id] = static_cast<uint32_t>(set.programs.size());
    set.programs.push_back(std::move(p));
  }

  // Phrases grouped by the dictionary id of their first token, so that a
  // token's phrases are one run of the array.
  std::vector<std::vector<uint32_t>> lists(set.dictionary.size());
  for (uint32_t i = 0; i < set.phrases.size(); ++i) {
    lists[set.phrase_ids[set.phrases[i].ids]].push_back(i);
  }
  std::vector<uint32_t> order;
  ToCsr(lists, set.phrase_offsets, order);
  set.phrases = Reordered(set.phrases, order);

  // Wildcards grouped by their stem: the folded text before the first
  // wildcard (a token holding the glob, folded or as written, starts with
  // it folded).
  lists.clear();
  for (uint32_t i = 0; i < set.wildcards.size(); ++i) {
    internal::Wildcard& w = set.wildcards[i];
    std::string_view glob = std::string_view(set.globs).substr(w.glob, w.glob_length);
    const size_t wild = glob.find_first_of("*?");
    std::string stem = Folded(glob.substr(0, wild));
    uint32_t id = set.stems.Insert(stem, static_cast<uint32_t>(lists.size()));
    if (id == lists.size()) lists.emplace_back();
    lists[id].push_back(i);
    if (set.stem_lengths_by_head.empty()) set.stem_lengths_by_head.assign(set.kHeads, 0);
    if (stem.size() < 2) {
      set.short_stem_lengths |= set.LengthBit(stem.size());
    } else {
      set.stem_lengths_by_head[set.Head(static_cast<unsigned char>(stem[0]),
                                        static_cast<unsigned char>(stem[1]))] |=
          set.LengthBit(stem.size());
    }
    // What a token needs before the glob is tried: its length, and its
    // last bytes, those of the glob after its last wildcard (up to four).
    w.prefix_only = !w.case_sensitive && wild + 1 == glob.size() && glob[wild] == '*';
    const size_t after = glob.find_last_of("*?") + 1;
    w.tail_length = static_cast<uint8_t>(std::min<size_t>(glob.size() - after, 4));
    w.tail = 0;
    for (size_t k = 0; k < w.tail_length; ++k) {
      w.tail |=
          static_cast<uint32_t>(static_cast<unsigned char>(glob[glob.size() - w.tail_length + k]))
          << (8 * k);
    }
    w.min_length = 0;
    for (char c : glob) w.min_length += c != '*';
  }
  ToCsr(lists, set.stem_offsets, order);
  set.wildcards = Reordered(set.wildcards, order);
  // The globs again, in the new order: a stem's globs side by side.
  std::string globs;
  for (internal::Wildcard& w : set.wildcards) {
    const uint32_t at = static_cast<uint32_t>(globs.size());
    globs.append(set.globs, w.glob, w.glob_length);
    w.glob = at;
  }
  set.globs = std::move(globs);

  // How many programs use each slot: the cost of filing a program under it.
  std::vector<uint32_t> fanout(set.slots(), 0);
  for (const Program& p : set.programs) {
    std::vector<uint32_t> used;
    UsedSlots(set, p.root, used);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    for (uint32_t u : used) ++fanout[u];
  }
  // Each program is filed under its anchors — slots one of which must
  // occur for it to hold — and evaluated only when one does; a program
  // without anchors (a range filter alone, say) is evaluated for every post.
  lists.assign(set.slots(), {});
  for (uint32_t i = 0; i < set.programs.size(); ++i) {
    std::vector<uint32_t> anchors;
    if (!Anchors(set, set.programs[i].root, fanout, anchors)) {
      set.always.push_back(i);
      continue;
    }
    std::sort(anchors.begin(), anchors.end());
    anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
    for (uint32_t a : anchors) lists[a].push_back(i);
  }
  ToCsr(lists, set.slot_offsets, set.slot_programs);
  return impl;
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

TopicSet::TopicSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TopicSet::~TopicSet() = default;
size_t TopicSet::topic_count() const { return impl_->programs.size(); }
size_t TopicSet::pattern_count() const { return impl_->term_count; }
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
  for (const auto& t : topics) {
    auto q = ParseQuery(t.query);
    if (!q.ok()) {
      if (errors != nullptr) errors->push_back({t.id, q.status().message()});
      continue;
    }
    parsed.push_back(std::move(*q));
    queries.emplace_back(t.id, &parsed.back());  // reserved: no reallocation
  }
  return std::shared_ptr<const TopicSet>(new TopicSet(Build(queries)));
}

}  // namespace dandelion::listening
