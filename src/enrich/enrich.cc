#include "enrich/enrich.h"

#include "text/utf8.h"

namespace dandelion::enrich {

Enrichment Enrich(std::string_view utf8, text::Network network, const EnrichOptions& options) {
  Enrichment e;
  e.network = network;
  text::Decoded d = text::DecodeUtf8(utf8);
  e.invalid_utf8 = d.replaced;
  e.code_points = static_cast<int>(d.code_points.size());
  e.text = d.replaced == 0 ? std::string(utf8) : text::EncodeUtf8(d.code_points);
  const std::u32string& cps = d.code_points;

  e.entities = text::ExtractEntities(std::u32string_view(cps));
  std::vector<text::Span> urls;
  int hashtags = 0, mentions = 0, cashtags = 0;
  for (const text::Entity& en : e.entities) {
    switch (en.type) {
      case text::EntityType::kUrl: urls.push_back({en.start, en.end}); break;
      case text::EntityType::kHashtag: ++hashtags; break;
      case text::EntityType::kMention:
      case text::EntityType::kList: ++mentions; break;
      case text::EntityType::kCashtag: ++cashtags; break;
    }
  }
  if (options.measure_length) e.length = text::MeasurePost(cps, urls, hashtags, network);

  // Language and sentiment read the words, not the URLs and handles.
  std::string words;
  if (e.entities.empty()) {
    words = e.text;
  } else {
    std::u32string plain;
    plain.reserve(cps.size());
    size_t pos = 0;
    for (const text::Entity& en : e.entities) {
      if (static_cast<size_t>(en.start) < pos) continue;
      plain.append(cps, pos, en.start - pos);
      bool keep_word = en.type == text::EntityType::kHashtag;  // #delayed is a word
      if (keep_word) plain.append(cps, en.start + 1, en.end - en.start - 1);
      plain += U' ';
      pos = static_cast<size_t>(en.end);
    }
    if (pos < cps.size()) plain.append(cps, pos);
    words = text::EncodeUtf8(plain);
  }
  e.language = text::DetectLanguage(words);
  e.sentiment = sentiment::Analyzer::Default().Score(words);
  e.sentiment_label = sentiment::LabelFor(e.sentiment.compound);

  e.pii = text::FindPii(cps);
  e.masked = e.pii.empty() ? e.text : text::MaskPii(cps, e.pii);
  bool has_email = false, has_phone = false;
  for (const text::PiiMatch& m : e.pii) {
    has_email = has_email || m.kind == text::PiiKind::kEmail;
    has_phone = has_phone || m.kind == text::PiiKind::kPhone;
  }
  IntentSignals sig{cps,      e.sentiment.compound, static_cast<int>(urls.size()), mentions,
                    hashtags, cashtags,             has_email,                     has_phone};
  e.intents = IntentClassifier::Default().Classify(sig);
  return e;
}

}  // namespace dandelion::enrich
