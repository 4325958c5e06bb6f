// The plain types of listening: topics, stored mentions, contacts, hourly
// rollups and spike alerts. No behaviour; no JSON, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace dandelion::domain {

//! A unit's listening query.
struct Topic {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string name;   //!< unique within the unit
  std::string query;  //!< as the user wrote it (query language)
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  //! While a back-fill runs: the last mention id it went through, and the
  //! newest when it began (it goes up to there; ingest matches the rest).
  std::optional<int64_t> backfill_after;
  int64_t backfill_until = 0;
};
//! A new topic of `unit_id` (no id yet), created and updated at `at_ms`.
inline Topic NewTopic(int64_t unit_id, std::string name, std::string query, int64_t at_ms) {
  Topic t;
  t.unit_id = unit_id;
  t.name = std::move(name);
  t.query = std::move(query);
  t.created_at_ms = t.updated_at_ms = at_ms;
  return t;
}

//! A person on one network, found by (network, handle).
struct Contact {
  int64_t id = 0;
  std::string network;
  std::string handle;
  std::string external_id;
  std::string display_name;
  std::optional<int64_t> followers;
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
};

//! An inbound post as stored: once, unique on (network, external_id),
//! with what enrichment found.
struct StoredMention {
  int64_t id = 0;
  std::string network;
  std::string external_id;
  std::optional<int64_t> contact_id;
  std::string author_handle;
  std::string author_name;
  std::optional<int64_t> author_followers;
  std::string text;
  std::string url;
  int64_t created_at_ms = 0;
  int64_t ingested_at_ms = 0;
  std::string language;         //!< ISO 639 code or "unknown"
  double sentiment = 0;         //!< VADER compound, -1 … 1
  std::string sentiment_label;  //!< positive | negative | neutral
  std::string intents;          //!< labels, strongest first, comma-separated
  std::string hashtags;         //!< without '#', space-separated
  std::string mentioned;        //!< handles without '@', space-separated
  int64_t pii = 0;              //!< how many pieces of personal data were found
  std::string reply_to;
};

//! Mentions of one topic in one hour with the same network, sentiment,
//! primary intent and language. The dashboards read these, never mentions.
struct RollupRow {
  int64_t topic_id = 0;
  int64_t unit_id = 0;
  int64_t hour_ms = 0;  //!< start of the hour, UTC
  std::string network;
  std::string sentiment;  //!< positive | negative | neutral
  std::string intent;     //!< the strongest intent, or "none"
  std::string language;
  int64_t count = 0;
};

//! A spike: a topic's volume, or its share of negative mentions, in one
//! hour far above its own baseline.
struct Alert {
  int64_t id = 0;
  int64_t topic_id = 0;
  int64_t unit_id = 0;
  std::string kind;      //!< "volume" | "negative"
  int64_t hour_ms = 0;
  double observed = 0;   //!< mentions (volume) or negative share (0…1)
  double expected = 0;   //!< the baseline's mean
  double z = 0;          //!< (observed - mean) / standard deviation
  int64_t created_at_ms = 0;
  std::optional<int64_t> acknowledged_by;
};

//! A line sent to the server that yielded no mention (a dead letter): kept
//! so that an admin can see what was wrong and send it again.
struct RejectedLine {
  int64_t id = 0;
  int64_t received_at_ms = 0;
  std::string source;                   //!< "api" (POST /api/v1/ingest)
  std::optional<int64_t> submitted_by;  //!< the user who sent it
  std::string submitted_by_email;       //!< read back only ("" when none)
  int64_t line = 0;                     //!< 1-based, in the request's body
  std::string reason;                   //!< the normaliser's reason code
  std::string message;                  //!< the whole error message
  std::string raw;                      //!< the line's start, valid UTF-8
  int64_t raw_bytes = 0;                //!< the whole line's size
};

//! How many dead letters there are per reason.
struct RejectedCount {
  std::string reason;
  int64_t count = 0;
};

}  // namespace dandelion::domain
