// A mention between its two forms: what the engine produced and what the
// store keeps (ToStored), and back again for matching stored mentions
// (FromStored: back-fill, highlights, preview); and the hourly rollup row
// a match adds to.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/listening.h"
#include "engine/pipeline.h"
#include "service/listening/listening_views.h"

namespace dandelion::service {

inline constexpr int64_t kHourMs = 3600 * 1000;

//! The start of the hour holding `ms` (also for times before 1970).
inline int64_t HourOf(int64_t ms) { return ms - ((ms % kHourMs) + kHourMs) % kHourMs; }

//! `s` cut at each `sep`, empty pieces dropped.
std::vector<std::string> SplitList(const std::string& s, char sep);

//! The stored form of a processed mention.
domain::StoredMention ToStored(const engine::ProcessedMention& p, int64_t ingested_at_ms);

//! A stored mention as the matcher sees it: the enrichment is stored, the
//! entities other than hashtags are read off the text again (cheap).
engine::ProcessedMention FromStored(const domain::StoredMention& m);

//! The rollup row one match of `m` to `topic_id` adds 1 to.
domain::RollupRow RollupOf(const domain::StoredMention& m, int64_t topic_id, int64_t unit_id);

//! `mentions` with the byte ranges of their text that `topic` matched.
std::vector<MentionView> WithHighlights(const domain::Topic& topic,
                                        std::vector<domain::StoredMention> mentions);

}  // namespace dandelion::service
