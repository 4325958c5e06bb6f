// Matching a post against a compiled topic set (matcher.h): the post's
// tokens looked up in the set's dictionaries, the slots they hold marked,
// then the topics filed under those slots evaluated. Compiling is in
// matcher_compile.cc; the data both share in matcher_internal.h.
#include "listening/matcher.h"

#include <algorithm>

#include "listening/matcher_internal.h"
#include "listening/prefetch.h"
#include "listening/unicode61.h"

namespace dandelion::listening {
namespace {

using internal::KeyKind;
using internal::kNone;
using internal::Op;
using internal::OpKind;
using internal::Program;
using State = Matcher::State;

// The offset of the character after the one starting at `i` in `s`
// (valid UTF-8: the folded text and tokens as written are re-encoded).
size_t NextChar(std::string_view s, size_t i) {
  ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

// Whether the whole of token `s` matches `glob`: `*` any run of characters,
// `?` exactly one, anything else itself. The usual single-star backtracking
// (a later star supersedes an earlier one): O(|s| · |glob|) at worst, so a
// pathological glob on a long token stays bounded.
bool GlobMatch(std::string_view glob, std::string_view s) {
  size_t g = 0, i = 0;
  size_t star = std::string_view::npos, resume = 0;
  while (i < s.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      resume = i;
    } else if (g < glob.size() && glob[g] == '?') {
      ++g;
      i = NextChar(s, i);
    } else if (g < glob.size() && glob[g] == s[i]) {
      ++g;
      ++i;
    } else if (star != std::string_view::npos) {
      // Let the last star take one more character and try again.
      g = star + 1;
      resume = NextChar(s, resume);
      i = resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

// a == b, inline: the strings are words, a few bytes long.
bool Same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool AsciiOnly(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

class Scanner {
 public:
  Scanner(const TopicSet::Impl& set, State& st, std::string_view text)
      : set_(set), st_(st), text_(text) {}

  // The first pass over the text's tokens (st.folded and st.tokens, as
  // FoldTokens makes them): every token's hash, asking for the
  // dictionary's memory on the way, so that the lookups of Scan() wait for
  // memory together, not one after the other (at 100,000 topics the
  // dictionary is megabytes).
  void Hash() {
    const size_t n = st_.tokens.size();
    st_.hashes.resize(n);
    for (size_t i = 0; i < n; ++i) {
      st_.hashes[i] = StringTable::Hash(Folded(i), Readable(i));
      set_.dictionary.Prefetch(st_.hashes[i]);
    }
  }

  // Marks the words, phrases and wildcard terms the text holds, with their
  // positions. After Hash().
  void Scan() {
    const size_t n = st_.tokens.size();
    st_.ids.resize(n);
    const bool wildcards = !set_.wildcards.empty();
    for (size_t i = 0; i < n; ++i) {
      std::string_view tok = Folded(i);
      // The stems a token may start with: its prefixes of the lengths some
      // stem with the same first two bytes has.
      if (wildcards) {
        uint32_t lengths = set_.short_stem_lengths;
        if (tok.size() >= 2) {
          lengths |= set_.stem_lengths_by_head[TopicSet::Impl::Head(
              static_cast<unsigned char>(tok[0]), static_cast<unsigned char>(tok[1]))];
        }
        for (size_t k = 0; lengths >> std::min<size_t>(k, 31) != 0 && k <= tok.size(); ++k) {
          if ((lengths & TopicSet::Impl::LengthBit(k)) == 0) continue;
          std::string_view prefix = tok.substr(0, k);
          uint32_t stem = set_.stems.Find(prefix, StringTable::Hash(prefix, Readable(i)));
          if (stem != kNone) Wildcards(stem, static_cast<uint32_t>(i));
        }
      }
      st_.ids[i] = set_.dictionary.Find(tok, st_.hashes[i]);
    }
    // Phrases, once every token's id is known: found by their first token.
    for (size_t i = 0; i < n; ++i) {
      if (st_.ids[i] != kNone) Phrases(st_.ids[i], i);
    }
  }

 private:
  // The phrases starting with dictionary id `id`, checked at token `i`.
  void Phrases(uint32_t id, size_t i) {
    const size_t n = st_.tokens.size();
    for (uint32_t k = set_.phrase_offsets[id]; k < set_.phrase_offsets[id + 1]; ++k) {
      const internal::Phrase& ph = set_.phrases[k];
      if (i + ph.tokens > n) continue;
      // Words match on the id alone; a phrase's second token is kept in
      // its record (most phrases have two), the rest in phrase_ids.
      bool ok = ph.tokens < 2 || st_.ids[i + 1] == ph.second;
      for (uint32_t t = 2; ok && t < ph.tokens; ++t) {
        ok = st_.ids[i + t] == set_.phrase_ids[ph.ids + t];
      }
      for (uint32_t t = 0; ok && ph.raw != kNone && t < ph.tokens; ++t) {
        ok = Same(Raw(i + t), set_.raw_tokens[ph.raw + t]);
      }
      if (ok) st_.Hit(ph.slot, static_cast<uint32_t>(i + ph.tokens - 1));
    }
  }

  // The bytes of the folded buffer from token `i` on, for Hash().
  size_t Readable(size_t i) const { return st_.folded.size() - st_.tokens[i].begin; }

  std::string_view Folded(size_t i) const {
    const FoldedToken& t = st_.tokens[i];
    return std::string_view(st_.folded).substr(t.begin, t.end - t.begin);
  }

  // Token `i` as written (as AppendTokens(…, false, …) writes it): its bytes
  // in the text when they are ASCII, else re-read from them.
  std::string_view Raw(size_t i) {
    const FoldedToken& t = st_.tokens[i];
    std::string_view bytes = text_.substr(t.text_begin, t.text_end - t.text_begin);
    if (AsciiOnly(bytes)) return bytes;
    st_.raw.clear();
    AppendTokens(bytes, false, st_.raw, nullptr);  // " Tok "
    return std::string_view(st_.raw).substr(1, st_.raw.size() - 2);
  }

  // The wildcard terms of stem `stem`, checked on token `i`.
  void Wildcards(uint32_t stem, uint32_t i) {
    for (uint32_t k = set_.stem_offsets[stem]; k < set_.stem_offsets[stem + 1]; ++k) {
      const internal::Wildcard& w = set_.wildcards[k];
      if (w.prefix_only) {
        st_.Hit(w.slot, i);
        continue;
      }
      // Cheap tests first, on the record alone (most wildcards sharing a
      // stem fail them): the folded token's length and its last bytes.
      std::string_view tok = Folded(i);
      if (!w.case_sensitive) {
        if (tok.size() < w.min_length) continue;
        const char* end = tok.data() + tok.size() - w.tail_length;
        uint32_t last = 0;
        for (size_t b = 0; b < w.tail_length; ++b) {
          last |= static_cast<uint32_t>(static_cast<unsigned char>(end[b])) << (8 * b);
        }
        if (last != w.tail) continue;
      }
      std::string_view glob = std::string_view(set_.globs).substr(w.glob, w.glob_length);
      if (GlobMatch(glob, w.case_sensitive ? Raw(i) : tok)) st_.Hit(w.slot, i);
    }
  }

  const TopicSet::Impl& set_;
  State& st_;
  std::string_view text_;
};

// Marks the entity and field keys the post holds. Each is looked up as the
// query side wrote it: hashtags folded, handles in ASCII lower case,
// cashtags in upper case; field values in ASCII lower case (sentiment and
// intents as given); a site as the host and each of its parent domains.
void MarkKeys(const TopicSet::Impl& set, const PostFacts& post, State& st) {
  auto mark = [&](KeyKind kind, std::string_view value, int case_change) {
    // Built in a local buffer (values are short): no string to update per
    // byte. A longer value takes the state's string.
    char local[64];
    char* key = local;
    if (value.size() + 1 > sizeof local) {
      st.key.resize(value.size() + 1);
      key = st.key.data();
    }
    key[0] = static_cast<char>(kind);
    for (size_t i = 0; i < value.size(); ++i) {
      char c = value[i];
      if (case_change > 0 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (case_change < 0 && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      key[i + 1] = c;
    }
    uint32_t slot = set.keys.Find(std::string_view(key, value.size() + 1));
    if (slot != kNone) st.Mark(slot);
  };
  constexpr int kAsIs = 0, kUpper = 1, kLower = -1;
  if (set.Uses(KeyKind::kHashtag)) {
    for (auto h : post.hashtags) {
      std::string& key = st.key;
      key.assign(1, static_cast<char>(KeyKind::kHashtag));
      AppendFolded(h, key);
      uint32_t slot = set.keys.Find(key);
      if (slot != kNone) st.Mark(slot);
    }
  }
  if (set.Uses(KeyKind::kMention)) {
    for (auto m : post.mentions) mark(KeyKind::kMention, m, kLower);
  }
  if (set.Uses(KeyKind::kCashtag)) {
    for (auto c : post.cashtags) mark(KeyKind::kCashtag, c, kUpper);
  }
  if (set.Uses(KeyKind::kAuthor)) {
    mark(KeyKind::kAuthor, post.author, kLower);
    // Mastodon: user@instance matches author:user.
    if (size_t at = post.author.find('@'); at != std::string_view::npos) {
      mark(KeyKind::kAuthor, post.author.substr(0, at), kLower);
    }
  }
  if (set.Uses(KeyKind::kLanguage)) mark(KeyKind::kLanguage, post.language, kLower);
  if (set.Uses(KeyKind::kCountry)) mark(KeyKind::kCountry, post.country, kLower);
  if (set.Uses(KeyKind::kNetwork)) mark(KeyKind::kNetwork, post.network, kLower);
  if (set.Uses(KeyKind::kSentiment)) mark(KeyKind::kSentiment, post.sentiment, kAsIs);
  if (set.Uses(KeyKind::kIntent)) {
    for (auto intent : post.intents) mark(KeyKind::kIntent, intent, kAsIs);
  }
  if (set.Uses(KeyKind::kSite)) {
    for (auto host : post.sites) {
      for (size_t dot = 0;;) {  // the host and every parent domain
        mark(KeyKind::kSite, host.substr(dot), kLower);
        dot = host.find('.', dot);
        if (dot == std::string_view::npos) break;
        ++dot;
      }
    }
  }
}

class Evaluator {
 public:
  Evaluator(const TopicSet::Impl& set, State& st, const PostFacts& post)
      : set_(set), st_(st), post_(post) {}

  bool Eval(uint32_t i) {
    const Op& op = set_.ops[i];
    const uint32_t* kids = set_.kids.data() + op.kids;
    switch (op.kind) {
      case OpKind::kLeaf:
      case OpKind::kField:  // MarkKeys marked the post's field values
        return st_.Occurred(op.slot);
      case OpKind::kAnd:
        for (uint32_t k = 0; k < op.kid_count; ++k) {
          if (!Eval(kids[k])) return false;
        }
        return true;
      case OpKind::kOr:
        for (uint32_t k = 0; k < op.kid_count; ++k) {
          if (Eval(kids[k])) return true;
        }
        return false;
      case OpKind::kNot:
        return !Eval(kids[0]);
      case OpKind::kRange: {
        const internal::Range& r = set_.ranges[op.slot];
        return post_.author_followers && *post_.author_followers >= r.lo &&
               *post_.author_followers <= r.hi;
      }
      case OpKind::kNear:
      case OpKind::kProximity:
        return Near(op);
    }
    return false;
  }

 private:
  using Instance = State::Instance;

  // Every occurrence of operand `i` (a leaf, or an OR of operands), into
  // the scratch list.
  void Instances(uint32_t i) {
    const Op& op = set_.ops[i];
    if (op.kind == OpKind::kLeaf) {
      if (!st_.Occurred(op.slot)) return;
      const uint32_t len = set_.slot_tokens[op.slot];
      for (uint32_t h = st_.first_hit[op.slot]; h != State::kNoHit; h = st_.hits[h].next) {
        st_.instances.push_back({st_.hits[h].last + 1 - len, len});
      }
    } else {
      for (uint32_t k = 0; k < op.kid_count; ++k) Instances(set_.kids[op.kids + k]);
    }
  }

  // A NEAR or a `"…"~n`: each operand's occurrences as one group of the
  // scratch list (group g ends at group_ends[g]), then FTS5's rule; NEAR/nf
  // wants the right operand to start at most `distance` tokens after the
  // left one ends. The lists are reused: nothing is allocated per post once
  // they have grown.
  bool Near(const Op& op) {
    auto& inst = st_.instances;
    auto& ends = st_.group_ends;
    inst.clear();
    ends.clear();
    for (uint32_t k = 0; k < op.kid_count; ++k) {
      const size_t before = inst.size();
      Instances(set_.kids[op.kids + k]);
      if (inst.size() == before) return false;
      ends.push_back(static_cast<uint32_t>(inst.size()));
    }
    if (op.kind == OpKind::kNear && op.ordered) {
      for (uint32_t a = 0; a < ends[0]; ++a) {
        for (uint32_t b = ends[0]; b < ends[1]; ++b) {
          int64_t gap = static_cast<int64_t>(inst[b].first) - (inst[a].first + inst[a].len);
          if (gap >= 0 && gap <= op.distance) return true;
        }
      }
      return false;
    }
    return NearGroups(op.distance);
  }

  // FTS5's NEAR rule (fts5ExprNearIsMatch): some position M and, for each
  // operand, an occurrence starting in [M - its length - distance, M].
  bool NearGroups(int distance) const {
    const auto& inst = st_.instances;
    const auto& ends = st_.group_ends;
    for (const Instance& m : inst) {
      const int64_t top = m.first;
      bool all = true;
      for (size_t g = 0, begin = 0; all && g < ends.size(); begin = ends[g++]) {
        bool any = false;
        for (size_t x = begin; x < ends[g]; ++x) {
          if (inst[x].first <= top &&
              top - inst[x].first <= static_cast<int64_t>(inst[x].len) + distance) {
            any = true;
            break;
          }
        }
        all = any;
      }
      if (all) return true;
    }
    return false;
  }

  const TopicSet::Impl& set_;
  State& st_;
  const PostFacts& post_;
};

// Asks for the post's field values the keys will be read from, all at
// once, so that their cache misses overlap with other work instead of
// adding up one after the other in MarkKeys. On the ingest path the facts
// were just written and are in cache; a post read back from a large batch
// may not be. The lists of views first (`lists` false), then, once those
// have arrived, the values they point to.
void PrefetchFacts(const PostFacts& post, bool lists) {
  const std::vector<std::string_view>* all[] = {&post.hashtags, &post.mentions, &post.cashtags,
                                                &post.intents, &post.sites};
  if (!lists) {
    for (auto v : {post.author, post.language, post.country, post.network, post.sentiment}) {
      Prefetch(v.data());
    }
    for (const auto* l : all) Prefetch(l->data());
    return;
  }
  for (const auto* l : all) {
    for (std::string_view v : *l) Prefetch(v.data());
  }
}

// Sizes `st` for `set` (when the set changed) and starts a new post.
void Prepare(const TopicSet::Impl& set, State& st) {
  if (st.serial != set.serial) {
    st.first_hit.assign(set.slots(), State::kNoHit);
    st.stamp.assign(set.slots(), 0);
    st.program_stamp.assign(set.programs.size(), 0);
    st.gen = 0;
    st.serial = set.serial;
  }
  if (++st.gen == 0) {  // wrapped: clear the stamps
    std::fill(st.stamp.begin(), st.stamp.end(), 0);
    std::fill(st.program_stamp.begin(), st.program_stamp.end(), 0);
    st.gen = 1;
  }
  st.hits.clear();
  st.touched.clear();
  st.candidates.clear();
}

}  // namespace

Matcher::Matcher() : state_(std::make_unique<State>()) {}
Matcher::~Matcher() = default;

void Matcher::Match(const TopicSet& topics, const PostFacts& post, std::vector<int64_t>& out) {
  out.clear();
  const TopicSet::Impl& set = *topics.impl_;
  State& st = *state_;
  Prepare(set, st);
  PrefetchFacts(post, false);
  if (!set.phrases.empty() || !set.wildcards.empty()) {
    FoldTokens(post.text, st.folded, st.tokens);
    Scanner scanner(set, st, post.text);
    scanner.Hash();
    PrefetchFacts(post, true);
    scanner.Scan();
  } else {
    PrefetchFacts(post, true);
  }
  MarkKeys(set, post, st);

  // The candidates: the programs filed under a slot the post holds, and
  // those evaluated for every post, each once (the program stamps). At
  // many topics each step reads memory far from the last: the prefetches
  // let the reads of all slots, then of all programs, overlap.
  for (uint32_t slot : st.touched) Prefetch(&set.slot_offsets[slot]);
  for (uint32_t slot : st.touched) {
    for (uint32_t k = set.slot_offsets[slot]; k < set.slot_offsets[slot + 1]; ++k) {
      uint32_t prog = set.slot_programs[k];
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
  for (uint32_t prog : st.candidates) Prefetch(&set.programs[prog]);
  for (uint32_t prog : st.candidates) Prefetch(&set.ops[set.programs[prog].root]);
  Evaluator ev(set, st, post);
  for (uint32_t prog : st.candidates) {
    const Program& p = set.programs[prog];
    if (ev.Eval(p.root)) out.push_back(p.topic_id);
  }
  std::sort(out.begin(), out.end());
}

std::vector<Highlight> Matcher::Highlights(const TopicSet& topics, const PostFacts& post,
                                           int64_t topic_id) {
  std::vector<Highlight> out;
  const TopicSet::Impl& set = *topics.impl_;
  State& st = *state_;
  auto it = set.by_id.find(topic_id);
  if (it == set.by_id.end() || st.serial != set.serial) return out;
  // The hits are token positions; the tokens' byte ranges come from the
  // post's text, tokenized again (off the ingest path: only for display).
  std::string folded;
  std::vector<FoldedToken> tokens;
  FoldTokens(post.text, folded, tokens);
  for (uint32_t slot : set.programs[it->second].positive_slots) {
    if (!st.Occurred(slot)) continue;
    const uint32_t len = set.slot_tokens[slot];
    for (uint32_t h = st.first_hit[slot]; h != State::kNoHit; h = st.hits[h].next) {
      const uint32_t last = st.hits[h].last;
      if (last < tokens.size()) {
        out.push_back({tokens[last + 1 - len].text_begin, tokens[last].text_end});
      }
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
