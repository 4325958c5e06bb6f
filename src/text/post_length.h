// Post length as each network counts it, with the limit and where the text
// goes over it.
//
//  - X: the weighted length of twitter-text's v3 configuration: the text is
//    NFC-normalised; code points in U+0000–U+10FF, U+2000–U+200D,
//    U+2010–U+201F and U+2032–U+2037 weigh 1, every other code point 2;
//    an emoji sequence (one RGI emoji grapheme, however many code points)
//    weighs 2; every URL weighs 23. Limit 280.
//  - Mastodon: characters (code points), every URL counting 23. Limit 500.
//  - Bluesky: graphemes (user-perceived characters, ICU). Limit 300.
//  - LinkedIn: 3,000 characters. Facebook: 63,206 characters.
//    Instagram: 2,200 characters and at most 30 hashtags.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/network.h"

namespace dandelion::text {

//! A range of code points [start, end) in the original (not normalised) text.
struct Span {
  int32_t start = 0;
  int32_t end = 0;
};

struct PostLength {
  Network network = Network::kX;
  int length = 0;  //!< in the network's own unit
  int limit = 0;
  std::string unit;  //!< "weighted characters", "characters" or "graphemes"
  bool valid = true;
  //! Code-point index in the original text of the first character past the
  //! limit; -1 when the text fits.
  int over_at = -1;
  std::vector<std::string> problems;  //!< why it is not valid, in words
};

//! Measures `text` (code points, as decoded by DecodeUtf8) for `network`.
//! `urls` are the URL spans of the text (from the entity extractor) and
//! `hashtags` how many hashtags it has (Instagram caps them). Thread-safe.
PostLength MeasurePost(std::u32string_view text, std::span<const Span> urls, int hashtags,
                       Network network);

}  // namespace dandelion::text
