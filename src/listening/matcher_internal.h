// The compiled form of a topic set and one matcher's scratch space, shared
// by matcher_compile.cc (which builds a TopicSet::Impl) and matcher.cc
// (which matches posts against it). Not part of the public interface.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "listening/matcher.h"
#include "listening/string_table.h"
#include "listening/unicode61.h"

namespace dandelion::listening {
namespace internal {

inline constexpr uint32_t kNone = 0xFFFFFFFF;

// A slot is one thing that can occur in a post: a word or phrase, a
// wildcard term, an entity or a field value. Topics are filed under slots,
// and a post marks the slots it holds.
//
// Key slots (entities, field values) are found by their key in
// TopicSet::Impl::keys: the key is one byte naming the kind, then the
// value as the post's side writes it.
enum class KeyKind : char {
  kHashtag = '#',
  kMention = '@',
  kCashtag = '$',
  kAuthor = 'a',
  kLanguage = 'l',
  kCountry = 'c',
  kNetwork = 'n',
  kSentiment = 's',
  kIntent = 'i',
  kSite = 'w',
};

enum class OpKind : uint8_t { kLeaf, kAnd, kOr, kNot, kNear, kProximity, kField, kRange };

// One node of a topic's boolean program, all topics' nodes in one array.
struct Op {
  OpKind kind = OpKind::kLeaf;
  bool ordered = false;  // kNear: NEAR/nf
  int32_t distance = 0;  // kNear, kProximity
  uint32_t slot = 0;     // kLeaf, kField: the slot; kRange: index into Impl::ranges
  uint32_t kids = 0;     // the operands: Impl::kids[kids, kids + kid_count)
  uint32_t kid_count = 0;
};

struct Range {
  int64_t lo = 0, hi = 0;
};

struct Program {
  int64_t topic_id = 0;
  uint32_t root = 0;                     // into Impl::ops
  std::vector<uint32_t> positive_slots;  // text slots not under NOT, for highlights
};

// A word or phrase: the dictionary ids of its folded tokens, and for a
// case-sensitive one the tokens as written, which the post's tokens must
// equal.
struct Phrase {
  uint32_t slot = 0;
  uint32_t tokens = 0;      // how many
  uint32_t ids = 0;         // Impl::phrase_ids[ids, ids + tokens)
  uint32_t second = kNone;  // phrase_ids[ids + 1], when there are two or more
  uint32_t raw = kNone;     // Impl::raw_tokens[raw, raw + tokens) when case-sensitive
};

// A wildcard term (`run*`, `co?or`, `{Ko*}`): found through its stem, the
// folded text before the first wildcard, then its glob is checked against
// the token (as written when case-sensitive).
struct Wildcard {
  uint32_t slot = 0;
  bool case_sensitive = false;
  bool prefix_only = false;  // folded `stem*`: every token with the stem matches
  uint8_t tail_length = 0;   // the last bytes of the glob, after its last
  uint32_t tail = 0;         // wildcard (up to four), little-endian
  uint32_t min_length = 0;   // bytes a matching token has at least (folded)
  uint32_t glob = 0;         // Impl::globs[glob, glob + glob_length)
  uint32_t glob_length = 0;
};

}  // namespace internal

struct TopicSet::Impl {
  // Slots: per slot, how many tokens an occurrence spans (0 for key slots,
  // which have no position).
  std::vector<uint32_t> slot_tokens;
  size_t term_count = 0;  // distinct words, phrases, wildcards and entities

  // The folded tokens of all words and phrases → dictionary id; the
  // phrases that start with token id d are phrases[phrase_offsets[d],
  // phrase_offsets[d + 1]).
  StringTable dictionary;
  std::vector<internal::Phrase> phrases;
  std::vector<uint32_t> phrase_ids;
  std::vector<std::string> raw_tokens;
  std::vector<uint32_t> phrase_offsets;

  // Wildcard stems → stem id; the wildcards of stem s are
  // wildcards[stem_offsets[s], stem_offsets[s + 1]).
  StringTable stems;
  std::vector<internal::Wildcard> wildcards;
  std::string globs;  // the wildcards' globs, back to back
  std::vector<uint32_t> stem_offsets;
  // The stem lengths worth looking up in a token, as bit masks (bit n: a
  // stem of n bytes; bit 31: of 31 or more): by the token's first two bytes
  // (Head()), and for stems shorter than two bytes, for every token. A
  // token then probes a few prefixes, not all of them.
  std::vector<uint32_t> stem_lengths_by_head;
  uint32_t short_stem_lengths = 0;
  static constexpr size_t kHeads = 4096;
  static size_t Head(unsigned char b0, unsigned char b1) { return ((b0 << 6) ^ b1) & (kHeads - 1); }
  static uint32_t LengthBit(size_t n) { return 1U << std::min<size_t>(n, 31); }

  StringTable keys;                  // entity and field keys → slot
  std::array<bool, 128> key_used{};  // by KeyKind: some topic uses that kind

  std::vector<internal::Op> ops;
  std::vector<uint32_t> kids;
  std::vector<internal::Range> ranges;
  std::vector<internal::Program> programs;
  // slot → programs filed under it (CSR: slot_offsets, slot_programs).
  std::vector<uint32_t> slot_offsets;
  std::vector<uint32_t> slot_programs;
  std::vector<uint32_t> always;  // programs evaluated for every post
  std::unordered_map<int64_t, uint32_t> by_id;
  uint64_t serial = 0;  // unique per set: tells a Matcher its set changed

  size_t slots() const { return slot_tokens.size(); }
  bool Uses(internal::KeyKind k) const { return key_used[static_cast<unsigned char>(k)]; }
};

struct Matcher::State {
  // The post's tokens: folded back to back in `folded`, and each token's
  // dictionary id (kNone when no term has that token).
  std::string folded;
  std::vector<FoldedToken> tokens;
  std::vector<uint32_t> ids;
  std::vector<uint64_t> hashes;  // StringTable::Hash of each folded token
  std::string raw;               // one token as written, for case-sensitive terms
  std::string key;               // a key slot's key being looked up

  // Occurrences: per slot, marked when stamp == gen, with a list of hits
  // (the index of the occurrence's last token), newest first.
  struct Hit {
    uint32_t last;
    uint32_t next;
  };
  std::vector<Hit> hits;
  std::vector<uint32_t> first_hit;
  std::vector<uint32_t> stamp;
  std::vector<uint32_t> touched;  // slots marked for this post
  std::vector<uint32_t> program_stamp;
  std::vector<uint32_t> candidates;
  uint32_t gen = 0;
  uint64_t serial = 0;  // of the set the arrays are sized for

  // The NEAR evaluation's operand occurrences, reused from post to post.
  struct Instance {
    uint32_t first;
    uint32_t len;
  };
  std::vector<Instance> instances;
  std::vector<uint32_t> group_ends;

  bool Occurred(uint32_t slot) const { return stamp[slot] == gen; }

  // Marks `slot` as occurring; a first mark starts its (empty) hit list.
  void Mark(uint32_t slot) {
    if (stamp[slot] == gen) return;
    stamp[slot] = gen;
    first_hit[slot] = kNoHit;
    touched.push_back(slot);
  }
  // Marks `slot` as occurring with an occurrence ending at token `last`.
  void Hit(uint32_t slot, uint32_t last) {
    Mark(slot);
    hits.push_back({last, first_hit[slot]});
    first_hit[slot] = static_cast<uint32_t>(hits.size() - 1);
  }
  static constexpr uint32_t kNoHit = internal::kNone;
};

}  // namespace dandelion::listening
