#include "http/text/text_codec.h"

#include <cmath>

namespace dandelion::http {
namespace {

const char* EntityTypeName(text::EntityType t) {
  switch (t) {
    case text::EntityType::kHashtag: return "hashtag";
    case text::EntityType::kMention: return "mention";
    case text::EntityType::kList: return "list";
    case text::EntityType::kUrl: return "url";
    case text::EntityType::kCashtag: return "cashtag";
  }
  return "unknown";
}

// Rounded so that the output is stable and short.
double Round4(double v) { return std::round(v * 10000.0) / 10000.0; }

}  // namespace

Json Encode(const enrich::Enrichment& e) {
  Json entities = Json::array();
  for (const text::Entity& en : e.entities) {
    Json j = {{"type", EntityTypeName(en.type)}, {"text", en.value}, {"start", en.start},
              {"end", en.end}};
    if (!en.list_slug.empty()) j["list"] = en.list_slug;
    entities.push_back(std::move(j));
  }
  Json length = {{"length", e.length.length},   {"limit", e.length.limit},
                 {"unit", e.length.unit},       {"valid", e.length.valid},
                 {"problems", e.length.problems}};
  length["over_at"] = e.length.over_at < 0 ? Json(nullptr) : Json(e.length.over_at);
  Json intents = Json::array();
  for (const enrich::IntentLabel& l : e.intents) {
    intents.push_back({{"intent", l.intent}, {"score", Round4(l.score)}, {"cues", l.cues}});
  }
  Json pii = Json::array();
  for (const text::PiiMatch& m : e.pii) {
    pii.push_back({{"kind", text::PiiKindName(m.kind)}, {"start", m.span.start}, {"end", m.span.end}});
  }
  return {
      {"network", text::NetworkName(e.network)},
      {"code_points", e.code_points},
      {"invalid_utf8", e.invalid_utf8},
      {"entities", entities},
      {"length", length},
      {"language",
       {{"code", e.language.code},
        {"confidence", Round4(e.language.confidence)},
        {"reliable", e.language.reliable}}},
      {"sentiment",
       {{"positive", Round4(e.sentiment.positive)},
        {"neutral", Round4(e.sentiment.neutral)},
        {"negative", Round4(e.sentiment.negative)},
        {"compound", Round4(e.sentiment.compound)},
        {"label", sentiment::LabelName(e.sentiment_label)}}},
      {"intents", intents},
      {"pii", pii},
      {"masked", e.masked},
  };
}

}  // namespace dandelion::http
