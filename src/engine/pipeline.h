// The engine's per-post work, without storage: a batch of NDJSON lines in;
// each line normalised (normalize.h), enriched (enrich.h) and matched
// against every topic at once (listening/matcher.h); the processed mentions
// and the rejected lines (with their reason, for the dead-letter file) out.
// The service layer stores the result (service/listening_service.h).
//
// A Processor holds one thread's matcher scratch: use one per thread. The
// TopicSet comes from a TopicRegistry, which swaps in a newly compiled set
// without stopping anyone (each batch uses the set it started with).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/mention.h"
#include "engine/normalize.h"
#include "listening/matcher.h"

namespace dandelion::engine {

//! One mention, normalised, enriched and matched.
struct ProcessedMention {
  Mention mention;
  std::string language;         //!< detected ("unknown" when unsure)
  double sentiment = 0;         //!< VADER compound
  std::string sentiment_label;  //!< positive | negative | neutral
  std::vector<std::string> intents;   //!< strongest first
  std::vector<std::string> hashtags;  //!< extracted from the text, without '#'
  std::vector<std::string> mentioned; //!< handles, without '@'
  std::vector<std::string> cashtags;
  std::vector<std::string> sites;     //!< hosts of the links
  int pii = 0;                        //!< pieces of personal data found
  std::vector<int64_t> topics;        //!< ids of the topics it matched, ascending
};

//! A line that did not yield mentions.
struct RejectedLine {
  int64_t line = 0;    //!< 1-based line number in its input
  std::string reason;  //!< normalize.h's reason ("truncated_json")
  std::string message; //!< the whole error message
};

struct ProcessedBatch {
  std::vector<ProcessedMention> mentions;
  std::vector<RejectedLine> rejected;
  int64_t lines = 0;  //!< lines read, blank ones included
  //! The store's topic version the batch was matched at (TopicSnapshot::
  //! store_version): it may be stored only while that is still the version.
  int64_t topics_version = -1;
};

//! The compiled topics in force. A topic change does not recompile every
//! topic (seconds at 10,000 topics): the topics created or changed since
//! the base set was compiled are compiled on their own into `changes`, and
//! whatever the base set says of topics changed or deleted since (`stale`)
//! is dropped. A full compile folds them back into one set.
struct TopicSnapshot {
  std::shared_ptr<const listening::TopicSet> set;      //!< the base set
  std::shared_ptr<const listening::TopicSet> changes;  //!< null when none
  std::vector<int64_t> stale;                          //!< ascending
  //! The query each topic of `set` was compiled from.
  std::unordered_map<int64_t, std::string> base_queries;
  //! The query in force for every topic (base or changes).
  std::unordered_map<int64_t, std::string> queries;
  std::unordered_map<int64_t, int64_t> unit_of;  //!< topic id → unit id
  int64_t version = 0;
  //! The store's topic version these topics were loaded at (-1: unknown).
  int64_t store_version = -1;

  //! A snapshot of `set` alone (no changes).
  static TopicSnapshot Of(std::shared_ptr<const listening::TopicSet> set);
  //! Ids of the topics `facts` matches, ascending, into `out`. One
  //! matcher per layer: a matcher keeps scratch space sized for the last
  //! set it ran, and switching sets on every post would rebuild it.
  void Match(listening::Matcher& base, listening::Matcher& changed,
             const listening::PostFacts& facts, std::vector<int64_t>& out) const;
};

//! Holds the current TopicSnapshot; thread-safe. Swap() publishes a new one
//! atomically: batches already running finish with the old set.
class TopicRegistry {
 public:
  TopicRegistry();
  std::shared_ptr<const TopicSnapshot> Current() const;
  //! Publishes `next` (compiled off the ingest path) as the next version,
  //! which it returns.
  int64_t Swap(TopicSnapshot next);
  //! Held by whoever computes the next snapshot from the current one, so
  //! that two reloads cannot publish out of order.
  std::unique_lock<std::mutex> LockForReload() { return std::unique_lock(reload_mu_); }

 private:
  mutable std::mutex mu_;
  std::mutex reload_mu_;
  std::shared_ptr<const TopicSnapshot> current_;
};

//! The lower-cased host of a link as extracted ("https://www.acme.com/x"
//! and "acme.com/x" both have a host).
std::string LinkHost(std::string_view url);

//! What the matcher reads of a processed mention (views into `m`).
listening::PostFacts FactsOf(const ProcessedMention& m);

class Processor {
 public:
  //! Processes `lines` (numbered from `first_line`), read as `format`, or
  //! by their shape when `format` is nullopt, against `topics`. Blank lines
  //! are counted but neither processed nor rejected.
  ProcessedBatch Process(std::span<const std::string_view> lines, int64_t first_line,
                         const TopicSnapshot& topics, std::optional<Format> format);

  //! Enriches and matches one already-normalised mention.
  ProcessedMention ProcessMention(Mention mention, const TopicSnapshot& topics);
  //! Enriches one mention without matching it (`topics` left empty): what
  //! the matcher will read of it. Thread-safe.
  static ProcessedMention Enriched(Mention mention);

  //! The matcher, e.g. for highlights after ProcessMention().
  listening::Matcher& matcher() { return matcher_; }

 private:
  listening::Matcher matcher_;          // the base set
  listening::Matcher changes_matcher_;  // the changes since (TopicSnapshot)
};

}  // namespace dandelion::engine
