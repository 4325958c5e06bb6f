#include "http/listening/listening_codec.h"

#include <algorithm>

#include "common/clock.h"
#include "http/handlers.h"

namespace dandelion::http {
namespace {

// UTF-16 length of the first `bytes` bytes of valid UTF-8 `s`.
int64_t Utf16Offset(const std::string& s, uint32_t bytes) {
  int64_t units = 0;
  for (uint32_t i = 0; i < bytes && i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;   // continuation byte
    units += c >= 0xF0 ? 2 : 1;          // 4-byte sequences are surrogate pairs
  }
  return units;
}

Json Counts(const std::vector<service::Count>& v) {
  Json out = Json::array();
  for (const auto& c : v) out.push_back({{"value", c.value}, {"count", c.count}});
  return out;
}

Json OptInt(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

namespace {

// How far the topic's back-fill is: done, or running with the share of the
// stored mentions (by id, up to the newest when it began) gone through.
Json EncodeBackfill(const domain::Topic& t) {
  if (!t.backfill_after) return {{"state", "done"}, {"percent", 100}};
  int64_t percent = t.backfill_until > 0 ? *t.backfill_after * 100 / t.backfill_until : 0;
  return {{"state", "running"}, {"percent", std::clamp<int64_t>(percent, 0, 99)}};
}

}  // namespace

Json Encode(const service::TopicView& t) {
  return {{"id", t.topic.id},
          {"unit", t.unit_slug},
          {"unit_name", t.unit_name},
          {"name", t.topic.name},
          {"query", t.topic.query},
          {"created_at", FormatTimestamp(t.topic.created_at_ms)},
          {"updated_at", FormatTimestamp(t.topic.updated_at_ms)},
          {"mentions", t.mentions},
          {"backfill", EncodeBackfill(t.topic)}};
}

Json Encode(const service::MentionView& v) {
  const auto& m = v.mention;
  Json hl = Json::array();
  for (const auto& h : v.highlights) {
    hl.push_back({Utf16Offset(m.text, h.begin), Utf16Offset(m.text, h.end)});
  }
  Json intents = Json::array();
  size_t i = 0;
  while (i < m.intents.size()) {
    size_t j = m.intents.find(',', i);
    if (j == std::string::npos) j = m.intents.size();
    intents.push_back(m.intents.substr(i, j - i));
    i = j + 1;
  }
  return {{"id", m.id},
          {"network", m.network},
          {"external_id", m.external_id},
          {"author", {{"handle", m.author_handle}, {"name", m.author_name},
                      {"followers", OptInt(m.author_followers)}}},
          {"contact_id", OptInt(m.contact_id)},
          {"text", m.text},
          {"url", m.url},
          {"created_at", FormatTimestamp(m.created_at_ms)},
          {"language", m.language},
          {"sentiment", {{"compound", m.sentiment}, {"label", m.sentiment_label}}},
          {"intents", intents},
          {"pii", m.pii},
          {"highlights", hl}};
}

Json Encode(const service::TopicStats& s) {
  Json hours = Json::array();
  for (const auto& h : s.hours) {
    hours.push_back({{"hour", FormatTimestamp(h.hour_ms)},
                     {"total", h.total},
                     {"positive", h.positive},
                     {"neutral", h.neutral},
                     {"negative", h.negative}});
  }
  return {{"total", s.total},
          {"hours", hours},
          {"networks", Counts(s.networks)},
          {"languages", Counts(s.languages)},
          {"intents", Counts(s.intents)},
          {"hashtags", Counts(s.hashtags)},
          {"authors", Counts(s.authors)},
          {"sample", s.sample}};
}

Json Encode(const service::ShareOfVoice& s) {
  Json topics = Json::array();
  for (const auto& e : s.topics) {
    topics.push_back({{"id", e.topic_id},
                      {"name", e.name},
                      {"count", e.count},
                      {"share", s.total > 0 ? static_cast<double>(e.count) /
                                                  static_cast<double>(s.total)
                                            : 0.0}});
  }
  return {{"total", s.total}, {"topics", topics}};
}

Json Encode(const domain::Alert& a) {
  return {{"id", a.id},
          {"topic_id", a.topic_id},
          {"unit_id", a.unit_id},
          {"kind", a.kind},
          {"hour", FormatTimestamp(a.hour_ms)},
          {"observed", a.observed},
          {"expected", a.expected},
          {"z", a.z},
          {"created_at", FormatTimestamp(a.created_at_ms)},
          {"acknowledged", a.acknowledged_by.has_value()}};
}

Json Encode(const service::IngestReport& r) {
  Json reasons = Json::object();
  for (const auto& [k, v] : r.reasons) reasons[k] = v;
  Json alerts = Json::array();
  for (const auto& a : r.alerts) alerts.push_back(Encode(a));
  Json rejected = Json::array();
  for (const auto& l : r.rejected_lines) {
    rejected.push_back({{"line", l.line}, {"reason", l.reason}, {"message", l.message}});
  }
  return {{"lines", r.lines},
          {"accepted", r.accepted},
          {"duplicates", r.duplicates},
          {"rejected", r.rejected},
          {"matches", r.matches},
          {"reasons", reasons},
          {"alerts", alerts},
          {"rejected_lines", rejected},
          {"rejected_lines_cut", r.rejected_lines_cut}};
}

Json Encode(const domain::RejectedLine& l) {
  return {{"id", l.id},
          {"received_at", FormatTimestamp(l.received_at_ms)},
          {"source", l.source},
          {"submitted_by", l.submitted_by_email.empty() ? Json(nullptr) : Json(l.submitted_by_email)},
          {"line", l.line},
          {"reason", l.reason},
          {"message", l.message},
          {"raw", l.raw},
          {"raw_bytes", l.raw_bytes},
          {"raw_cut", static_cast<size_t>(l.raw_bytes) > l.raw.size()}};
}

Json Encode(const service::RejectedPage& p) {
  Json items = Json::array();
  for (const auto& l : p.lines) items.push_back(Encode(l));
  Json page = ListJson(std::move(items), p.next);
  Json reasons = Json::array();
  for (const auto& c : p.reasons) reasons.push_back({{"reason", c.reason}, {"count", c.count}});
  page["reasons"] = reasons;
  page["total"] = p.total;
  return page;
}

Json Encode(const listening::QueryError& e) {
  return {{"column", e.column}, {"message", e.message}, {"expected", e.expected}};
}

}  // namespace dandelion::http
