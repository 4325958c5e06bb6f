// CheckStore: whether a store is sound after whatever happened to it (a
// kill -9, a full disk, a restore from backup): the database's own checks
// of its files, every rollup against a recount of the matches it sums, and
// the audit log's hash chain. What `dandelion check` prints, and what the
// reliability tests assert after each fault.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "store/store.h"

namespace dandelion::service {

struct StoreCheck {
  //! One line per problem found; empty when the store is sound.
  std::vector<std::string> problems;
  int64_t mentions = 0;       //!< mentions stored
  //! Each topic's matches, by topic id (what the reliability tests compare
  //! with the posts they sent).
  struct TopicMatches {
    int64_t topic_id = 0;
    std::string name;
    int64_t matches = 0;
  };
  std::vector<TopicMatches> topics;
  int64_t audit_entries = 0;  //!< audit entries verified
  bool ok() const { return problems.empty(); }
};

//! At most this many rollup differences are listed (the first tell).
inline constexpr int kMaxListedDifferences = 20;

//! Reads the whole store (minutes on a large one): for the command line and
//! tests, never a request.
Result<StoreCheck> CheckStore(store::Store& store, const Clock& clock);

}  // namespace dandelion::service
