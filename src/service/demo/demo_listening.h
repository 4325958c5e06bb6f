// The listening half of the demo: topics for the hub and each spoke, and a
// generated week of posts about a fictional company "Acme" and its phone
// "Lumo" (several networks and languages; complaints, questions, praise,
// purchase intent, press, job posts; a competitor "Globex"; an outage that
// makes a spike of negative mentions five hours ago), ingested through the
// same path as real posts so that the Listening page, its charts and an
// alert are alive on the first run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "service/listening/listening.h"

namespace dandelion::service {

struct DemoTopic {
  std::string unit, name, query;
};

//! The demo's topics.
std::vector<DemoTopic> DemoTopics();

//! `count` generated posts as native NDJSON lines, oldest first, spread
//! over the week before `now_ms`, with the outage spike; deterministic for
//! a given seed.
std::vector<std::string> DemoStream(int64_t now_ms, int count, uint32_t seed = 7);

//! Creates the demo topics and ingests the demo stream, unless the store
//! already has topics (FailedPrecondition then). Returns the ingest report.
Result<IngestReport> SeedDemoListening(store::Store& store, ListeningServices& listening,
                                       const Clock& clock,
                                       int posts = 4000);

}  // namespace dandelion::service
