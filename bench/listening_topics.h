// Generated data for the listening benchmarks, shaped like a brand-monitoring
// deployment: a world of made-up brands (invented names, and ordinary words
// used as names: "Summit", "Harbor Bank") with products, handles, hashtags
// and tickers; topics written over them as analysts write Brandwatch
// queries; and posts that mention them at a realistic rate, mixed with the
// general posts of bench/post_corpus.cc.
//
// Everything is deterministic: the same sizes and seed give the same world,
// topics and posts. The topics of a smaller set are the first topics of a
// larger one (the most mentioned brands first), and the posts do not depend
// on how many topics are tracked, so sets of different sizes can be compared
// on one corpus.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "listening/matcher.h"

namespace dandelion::bench {

//! One brand of the generated world.
struct Brand {
  std::string name;                   //!< as posts write it: "Korvana", "Harbor Bank"
  std::string handle;                 //!< without '@'
  std::string hashtag;                //!< without '#'
  std::string cashtag;                //!< without '$'; empty for a private company
  std::string site;                   //!< "korvana.com"
  bool common_word = false;           //!< the name is also an ordinary word
  uint32_t sector = 0;                //!< what it sells (airline, bank, …): its vocabulary
  std::vector<std::string> products;  //!< as posts write them: "Korvana Air 3"
  std::string campaign;               //!< a campaign hashtag, without '#'
  std::vector<uint32_t> competitors;  //!< indices of other brands
};

//! The brands, most mentioned first.
struct BrandWorld {
  std::vector<Brand> brands;
};

//! A world of `brands` brands.
BrandWorld GenerateBrandWorld(size_t brands, uint64_t seed = 7);

//! How many brands a world needs for `topics` topics (each brand has three
//! to seven, five on average).
size_t BrandsForTopics(size_t topics);

//! The first `n` topics over `world` (ids 1…n), a brand's topics together,
//! brands in order of popularity. Needs a world of at least
//! BrandsForTopics(n) brands. Every query parses.
std::vector<listening::TopicQuery> GenerateTopics(const BrandWorld& world, size_t n,
                                                  uint64_t seed = 11);

//! One post with everything the matcher reads, owned (PostFacts holds views).
struct ListeningPost {
  std::string text;
  std::string network;
  std::string language;
  std::string author;
  std::optional<int64_t> followers;
  std::string sentiment;
  std::vector<std::string> intents;
  std::vector<std::string> hashtags;
  std::vector<std::string> mentions;
  std::vector<std::string> cashtags;
  std::vector<std::string> sites;
  int brand = -1;  //!< the brand the generator wrote about; -1 for a general post

  //! Views of this post's fields; valid while the post lives unchanged.
  listening::PostFacts Facts() const;
};

//! `n` posts: `brand_share` of them about a brand of `world` (picked with
//! Zipf's law over the world's order), the rest general posts. Entities,
//! language, sentiment and intents come from enrich::Enrich, as on the
//! ingest path.
std::vector<ListeningPost> GenerateListeningPosts(const BrandWorld& world, size_t n,
                                                  double brand_share = 0.15, uint64_t seed = 42);

}  // namespace dandelion::bench
