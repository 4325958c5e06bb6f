// JSON encoding of the listening types (topics, mentions with highlights,
// statistics, alerts, ingest reports, dead letters).
#pragma once

#include "http/json_io.h"
#include "listening/query.h"
#include "service/listening/listening_views.h"

namespace dandelion::http {

Json Encode(const service::TopicView& t);
//! A mention; its highlights as [start, end) in UTF-16 code units of
//! `text`, the unit JavaScript strings index by.
Json Encode(const service::MentionView& m);
Json Encode(const service::TopicStats& s);
Json Encode(const service::ShareOfVoice& s);
Json Encode(const domain::Alert& a);
Json Encode(const service::IngestReport& r);
Json Encode(const domain::RejectedLine& l);
//! A list answer (items, next) with the counts per reason and the total.
Json Encode(const service::RejectedPage& p);
Json Encode(const listening::QueryError& e);

}  // namespace dandelion::http
