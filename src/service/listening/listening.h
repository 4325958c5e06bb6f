// The listening capability's services over one store, wired together: the
// compiled-topic runtime, topics, analytics, ingest and its dead letters. What the command
// line and the HTTP routes hold; each service also stands on its own.
#pragma once

#include "service/listening/analytics_service.h"
#include "service/listening/backfill_jobs.h"
#include "service/listening/dead_letter_service.h"
#include "service/listening/ingest_service.h"
#include "service/listening/topic_runtime.h"
#include "service/listening/topics_service.h"

namespace dandelion::service {

struct ListeningServices {
  ListeningServices(store::Store& store, const Clock& clock, engine::TopicRegistry& registry,
                    AlertNotifier* notifier = nullptr, BackfillOptions backfill = {})
      : runtime(store, registry),
        backfills(store, runtime, std::move(backfill)),
        topics(store, clock, runtime, {}, &backfills),
        analytics(store, clock),
        ingest(store, clock, registry, notifier, &runtime),
        dead_letters(store, clock) {}

  TopicRuntime runtime;
  BackfillJobs backfills;  //!< topic back-fills, off the request threads
  TopicsService topics;
  AnalyticsService analytics;
  IngestService ingest;
  DeadLetterService dead_letters;
};

}  // namespace dandelion::service
