// Enrich: everything Dandelion reads off one post, in one call, used by the
// inbound engine (every mention) and the outbound composer (every draft):
// entities, length against the network's limit, language, sentiment,
// intent with the cues that fired, and personal data with a masked copy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "enrich/intent.h"
#include "sentiment/vader.h"
#include "text/entities.h"
#include "text/language.h"
#include "text/network.h"
#include "text/pii.h"
#include "text/post_length.h"

namespace dandelion::enrich {

struct Enrichment {
  std::string text;          //!< the input as valid UTF-8 (invalid bytes → U+FFFD)
  int invalid_utf8 = 0;      //!< how many invalid sequences were replaced
  int code_points = 0;
  text::Network network = text::Network::kOther;
  std::vector<text::Entity> entities;  //!< code-point indices into `text`
  text::PostLength length;  //!< left empty unless EnrichOptions::measure_length
  text::LanguageGuess language;
  sentiment::Scores sentiment;
  sentiment::Label sentiment_label = sentiment::Label::kNeutral;
  std::vector<IntentLabel> intents;  //!< strongest first, each with its cues
  std::vector<text::PiiMatch> pii;
  std::string masked;  //!< `text` with personal data replaced (== text when none)
};

struct EnrichOptions {
  //! Measure the post against its network's length limit (grapheme
  //! segmentation with ICU: a fifth of Enrich's time). Drafts need it;
  //! posts already published, on the ingest path, do not.
  bool measure_length = true;
};

//! Enriches one post. Never fails: any input, however malformed or large,
//! gets a result (a 1 MB text is handled in linear time). Thread-safe.
Enrichment Enrich(std::string_view utf8, text::Network network, const EnrichOptions& options = {});

}  // namespace dandelion::enrich
