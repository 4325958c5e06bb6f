// A deterministic generator of realistic social posts for the benchmarks:
// customer-service complaints and questions, praise, purchase intent, press,
// spam, in several languages and scripts, with emoji, URLs (with and without
// protocol), mentions, hashtags, cashtags and the odd e-mail or phone number.
#pragma once

#include <string>
#include <vector>

#include "text/network.h"

namespace dandelion::bench {

struct Post {
  std::string text;
  text::Network network;
};

//! `n` posts; the same `seed` gives the same posts.
std::vector<Post> GeneratePosts(size_t n, uint64_t seed = 42);

}  // namespace dandelion::bench
