// VADER sentiment scoring (Hutto & Gilbert, "VADER: A Parsimonious Rule-based
// Model for Sentiment Analysis of Social Media Text", ICWSM 2014).
//
// A lexicon of ~7,500 words, slang and emoticons rated from -4 to +4, and the
// paper's rules on top of it: boosters and dampeners ("very", "kind of"),
// negation within the three preceding words, "never so", "least", a
// contrastive "but" (halves what comes before, adds half to what follows),
// ALL-CAPS emphasis when the text mixes case, "!" and "?" emphasis, and a few
// idioms ("the bomb", "yeah right").
//
// The behaviour, quirks included, is that of the npm package vader-sentiment
// 1.1.3 (the JavaScript port), against which tests/unit/sentiment checks
// agreement: for instance "But" (capitalised) is no contrast, a word followed
// by "...." keeps its punctuation and so is not found in the lexicon, and
// emoji carry no valence (that port has no emoji lexicon; they count as
// neutral words).
#pragma once

#include <memory>
#include <string_view>

namespace dandelion::sentiment {

namespace internal {
struct VaderTable;  //!< the look-up table of vader.cc
}  // namespace internal

//! VADER's four scores of one text, rounded as the reference rounds them.
struct Scores {
  double negative = 0;  //!< share of the text's weight that is negative, [0, 1], 3 decimals
  double neutral = 0;   //!< share that is neutral, [0, 1], 3 decimals
  double positive = 0;  //!< share that is positive, [0, 1], 3 decimals
  //! Normalised sum of the words' valences, [-1, 1], 4 decimals; the score
  //! to label a text by (LabelFor).
  double compound = 0;

  friend bool operator==(const Scores&, const Scores&) = default;
};

enum class Label { kNegative, kNeutral, kPositive };

//! The label VADER's authors recommend for a compound score: positive from
//! 0.05 up, negative from -0.05 down, neutral in between.
Label LabelFor(double compound);

//! "negative", "neutral" or "positive".
std::string_view LabelName(Label label);

//! Scores texts with the VADER lexicon and rules.
//!
//! Immutable after construction, so one instance is safely shared by any
//! number of threads; Score allocates nothing for texts under a few hundred
//! bytes. Any byte string is accepted: invalid UTF-8 is read as U+FFFD per
//! maximal invalid sequence (as a browser or Node.js decodes it), never
//! crashes, and costs time linear in the input's size.
class Analyzer {
 public:
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  //! The analyzer over the lexicon compiled into the library, built on first
  //! use (about a millisecond) and never destroyed.
  static const Analyzer& Default();

  //! The scores of `utf8`. A text with no word (empty, blank, or only
  //! one-character tokens) scores all zeros, neutral included, as in the
  //! reference. Never fails.
  Scores Score(std::string_view utf8) const;

 private:
  explicit Analyzer(std::unique_ptr<const internal::VaderTable> table);

  std::unique_ptr<const internal::VaderTable> table_;  //!< the lexicon and the rule words
};

}  // namespace dandelion::sentiment
