// The baseline for the compiled matcher: every topic evaluated on its own,
// as one would write it without a multi-pattern automaton. The post is
// tokenized once (listening::Unicode61Tokens, folded and as written); then
// each topic's AST is walked and each term looked for by scanning the token
// list. It implements the query language's rules independently of
// listening/matcher.cc, so that the benchmark can also check that both agree.
//
// Thread-compatible: const methods may run concurrently.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "listening/matcher.h"
#include "listening/query.h"

namespace dandelion::bench {

class NaiveMatcher {
 public:
  //! Parses every query; a query that does not parse is left out.
  explicit NaiveMatcher(const std::vector<listening::TopicQuery>& topics);

  size_t topic_count() const { return topics_.size(); }

  //! Replaces `out` with the ids of the topics `post` matches, ascending.
  void Match(const listening::PostFacts& post, std::vector<int64_t>& out) const;

  //! How many topics a term-indexed matcher has to evaluate for `post`:
  //! those with any term, phrase or entity (also under NOT) occurring in the
  //! post, and those that can match without any (filters, NOT alone).
  size_t Candidates(const listening::PostFacts& post) const;

 private:
  std::vector<std::pair<int64_t, listening::Query>> topics_;  // by id
};

}  // namespace dandelion::bench
