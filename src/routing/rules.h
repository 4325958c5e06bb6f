// The compiled routing rules: which rule takes a stored mention, evaluated
// in the engine for every new mention (service/care/case_router.h). Every
// unit's chain (its own rules by position, then its parent's, … up to the
// hub) is laid out once at compile time, each rule's lists sorted and its
// intents a bit mask, and every rule's keywords compiled together into one
// listening TopicSet (a rule's id as the topic id), matched at most once
// per mention and only when a rule with keywords is reached. So routing a
// mention costs a few comparisons per rule of its chain.
//
// A RuleSet is immutable and shared by all threads; a change of rules
// compiles a new one and swaps it in (RuleRegistry). A Scratch holds one
// thread's matching state.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "domain/care.h"
#include "listening/matcher.h"

namespace dandelion::routing {

//! What routing reads of one mention. Views must outlive the call.
struct MentionFacts {
  listening::PostFacts post;  //!< text, network, language, author, intents, …
  double sentiment = 0;       //!< VADER compound
  std::vector<int64_t> topic_ids;    //!< the topics it matched, ascending
  std::vector<int64_t> channel_ids;  //!< the channels it addresses, ascending
  std::string_view contact_tier;
  std::vector<std::string_view> contact_tags;
};

//! Checks what can be known of a rule without the store: the ranges
//! (sentiment within -1…1, min ≤ max), the intents and networks known, the
//! language codes well formed, the keywords a valid query, the tags and the
//! name. InvalidArgument naming the field ("when.sentiment_min", …).
Status ValidateRule(const domain::RoutingRule& rule);

//! One rule of a chain in a dry run: whether it took the mention, and when
//! not, why (its first condition that failed, in words).
struct Verdict {
  int64_t rule_id = 0;
  int64_t unit_id = 0;
  bool took = false;
  std::string reason;
};

class Scratch;

//! Every unit's rules, compiled. Immutable and thread-safe once built.
class RuleSet {
 public:
  //! Compiles `rules` (of any units; disabled ones are left out) over the
  //! tree given as `parent_of` (unit id → parent id; the hub absent or 0).
  //! A rule whose keywords do not compile is left out and named in
  //! `errors` (may be null).
  static std::shared_ptr<const RuleSet> Compile(
      std::vector<domain::RoutingRule> rules,
      const std::unordered_map<int64_t, int64_t>& parent_of, std::vector<std::string>* errors);
  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  //! The first rule of `unit_id`'s chain whose condition `facts` meet, or
  //! nullptr when none does (the mention goes to the default).
  const domain::RoutingRule* Route(int64_t unit_id, const MentionFacts& facts,
                                   Scratch& scratch) const;
  //! The chain's rules in order up to and including the one that takes the
  //! mention (all of them when none does), each with its verdict.
  std::vector<Verdict> Explain(int64_t unit_id, const MentionFacts& facts, Scratch& scratch) const;

  size_t rule_count() const;

  struct Impl;

 private:
  explicit RuleSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

//! One thread's routing state. Not thread-safe; cheap to keep per thread.
class Scratch {
 public:
  Scratch();
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

 private:
  friend class RuleSet;
  listening::Matcher matcher_;
  std::vector<int64_t> matched_;  //!< rule ids whose keywords matched (ascending)
  bool matched_valid_ = false;    //!< matched_ is of the mention being routed
};

//! The rules in force: replaced whole when rules change, read by every
//! routing thread. Thread-safe.
class RuleRegistry {
 public:
  RuleRegistry();
  std::shared_ptr<const RuleSet> Current() const;
  void Replace(std::shared_ptr<const RuleSet> set);

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const RuleSet> set_;
};

}  // namespace dandelion::routing
