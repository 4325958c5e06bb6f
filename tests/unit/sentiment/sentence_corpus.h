// A deterministic corpus of tweet-like sentences that exercise every VADER
// rule: negations, boosters, dampeners, ALL CAPS, "but", "least", "kind of",
// idioms, emoticons, emoji, punctuation runs, non-ASCII and odd whitespace.
// Shared by the agreement test (sentiment_test) and the benchmarks
// (bench/sentiment_bench.cc, which can print it for bench/vader_js_bench.mjs).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dandelion::sentiment {

//! The fixed sentences (the paper's and the reference's examples) followed
//! by generated ones, `count` in all (at least the fixed ones). The same
//! `seed` gives the same corpus on every platform.
std::vector<std::string> SentenceCorpus(size_t count, uint64_t seed = 20140601);

//! `count` strings of rule words glued to stray characters: case and
//! punctuation clusters, every JavaScript whitespace and near-whitespace
//! (U+00A0, U+2028, U+FEFF; U+200B and U+0085, which are not), characters
//! whose lowercase is odd (U+212A KELVIN SIGN, U+0130, U+01C5), emoji. Valid
//! UTF-8; for agreement on the text model rather than on prose.
std::vector<std::string> HostileCorpus(size_t count, uint64_t seed = 404);

}  // namespace dandelion::sentiment
