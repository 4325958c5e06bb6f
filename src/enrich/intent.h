// Intent classification of an inbound post: what the author wants from us
// (support, complaint, purchase, praise, question, press, crisis, job, spam),
// so that routing can send it to the right team. The rules are data: a small
// line format (src/enrich/intent_rules.txt, embedded in the binary) that a hub
// admin can read and edit; every label names the cues that fired it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace dandelion::enrich {

//! What the classifier looks at: the decoded text plus what earlier stages
//! (entities, sentiment) found in it.
struct IntentSignals {
  std::u32string_view text;       //!< the post, decoded (text::DecodeUtf8)
  double sentiment_compound = 0;  //!< -1..1 (VADER compound)
  int urls = 0;                   //!< entity counts from text::entities
  int mentions = 0;
  int hashtags = 0;
  int cashtags = 0;
  bool has_email = false;
  bool has_phone = false;
};

//! One intent the post carries.
struct IntentLabel {
  std::string intent;  //!< the block name in the rules ("complaint")
  double score = 0;    //!< sum of the weights of the cues that fired
  std::vector<std::string>
      cues;  //!< the cues that fired, as written in the rules (spaces collapsed), in file order
};

struct IntentModel;  // the compiled rules (intent.cc)

//! Longer posts are classified on their beginning (far beyond any network's
//! limit; it bounds time and memory for hostile input).
inline constexpr size_t kIntentMaxCodePoints = size_t{1} << 22;

//! Classifies posts by weighted cues over words, phrases, sentiment, question
//! form and entities. Build one with Parse() (or use Default(), the embedded
//! rules); a built classifier is immutable and Classify() is thread-safe.
//! Copies are cheap (they share the compiled rules).
class IntentClassifier {
 public:
  //! Compiles rules in the format described at the top of intent_rules.txt.
  //! Returns InvalidArgument naming the line ("line 12: ...") and what was
  //! expected there when the text does not parse; field() is "line N"
  //! (empty when the text holds no intent at all).
  static Result<IntentClassifier> Parse(std::string_view rules_text);

  //! The rules embedded from src/enrich/intent_rules.txt, compiled on first
  //! use. Crashes loudly if they do not parse (the unit test guards this).
  static const IntentClassifier& Default();

  //! Every intent whose cues reach its threshold, highest score first (ties
  //! in file order). Empty for posts with no intent (and for empty text).
  //! Cost is linear in the text's length; only the first
  //! kIntentMaxCodePoints code points are read.
  std::vector<IntentLabel> Classify(const IntentSignals& signals) const;

  //! The intent names in file order.
  std::vector<std::string> Intents() const;

  //! The rules text as embedded in the binary.
  static std::string_view DefaultRulesText();

 private:
  explicit IntentClassifier(std::shared_ptr<const IntentModel> model) : model_(std::move(model)) {}

  std::shared_ptr<const IntentModel> model_;  //!< never null
};

//! Splits `text` into lower-cased, accent-folded words as the classifier sees
//! them (letters, digits and marks; apostrophes kept inside words; links,
//! mentions and e-mail addresses skipped; each emoji its own word). Exposed
//! for tests and for admins checking how a cue will match.
std::vector<std::u32string> IntentWords(std::u32string_view text);

}  // namespace dandelion::enrich
