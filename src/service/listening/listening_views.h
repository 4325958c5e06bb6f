// What the listening services answer: topics with their unit and counts,
// mentions with the ranges that matched, statistics, share of voice, and
// what an ingest run did.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/listening.h"
#include "listening/matcher.h"

namespace dandelion::service {

struct TopicView {
  domain::Topic topic;
  std::string unit_slug;
  std::string unit_name;
  int64_t mentions = 0;  //!< mentions matched so far
};

//! A stored mention with the byte ranges of its text that matched.
struct MentionView {
  domain::StoredMention mention;
  std::vector<listening::Highlight> highlights;
};

struct MentionPage {
  std::vector<MentionView> mentions;
  std::optional<std::string> next;  //!< cursor for the next page, absent at the end
};

//! A query tried on the newest stored mentions.
struct Preview {
  int scanned = 0;
  int matched = 0;
  std::vector<MentionView> mentions;  //!< the first matches, newest first
};

//! One hour of a topic's volume, split by sentiment.
struct HourPoint {
  int64_t hour_ms = 0;
  int64_t total = 0, positive = 0, neutral = 0, negative = 0;
};
struct Count {
  std::string value;
  int64_t count = 0;
};
struct TopicStats {
  std::vector<HourPoint> hours;                     //!< every hour of the range, zeros included
  std::vector<Count> networks, languages, intents;  //!< from the rollups, largest first
  std::vector<Count> hashtags, authors;             //!< from the newest matches (`sample`)
  int64_t sample = 0;
  int64_t total = 0;
};
struct ShareOfVoice {
  struct Entry {
    int64_t topic_id = 0;
    std::string name;
    int64_t count = 0;
  };
  std::vector<Entry> topics;
  int64_t total = 0;
};

//! A line of an ingest that yielded no mention, as its answer reports it.
struct RejectedReport {
  int64_t line = 0;  //!< 1-based
  std::string reason;
  std::string message;
};

//! What an ingest run did.
struct IngestReport {
  int64_t lines = 0;                       //!< lines read (blank ones included)
  int64_t accepted = 0;                    //!< new mentions stored
  int64_t duplicates = 0;                  //!< mentions already stored (nothing written)
  int64_t rejected = 0;                    //!< lines that yielded no mention
  int64_t matches = 0;                     //!< (topic, mention) pairs recorded
  std::map<std::string, int64_t> reasons;  //!< rejected lines per reason
  std::vector<domain::Alert> alerts;       //!< alerts raised by this run
  //! The first rejected lines (kMaxReportedRejections), each with its line
  //! number; `rejected_lines_cut` when there were more (`reasons` counts all).
  std::vector<RejectedReport> rejected_lines;
  bool rejected_lines_cut = false;
  void Add(const IngestReport& other);
};
inline constexpr size_t kMaxReportedRejections = 1000;

//! A page of the server's dead letters, newest first, and how many there
//! are per reason (all of them, whatever the page).
struct RejectedPage {
  std::vector<domain::RejectedLine> lines;
  std::optional<std::string> next;  //!< cursor for the next page, absent at the end
  std::vector<domain::RejectedCount> reasons;
  int64_t total = 0;
};

}  // namespace dandelion::service
