// Mention: one inbound post, as every normaliser produces it and the
// pipeline (enrich → listen → route → store) consumes it. Stored once
// however many units care, keyed by (network, external_id).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text/network.h"

namespace dandelion::engine {

struct Author {
  std::string external_id;   //!< the network's id of the account
  std::string handle;        //!< without '@'; for Mastodon "user@instance"
  std::string display_name;
  std::optional<int64_t> followers;
};

struct Mention {
  text::Network network = text::Network::kOther;
  std::string external_id;      //!< the network's id of the post (unique per network)
  std::string text;             //!< plain text (HTML removed), valid UTF-8
  int64_t created_at_ms = 0;    //!< when the network says it was posted
  Author author;
  std::string url;              //!< a link to the post, when known
  std::string language_hint;    //!< the network's own language tag, if any ("en")
  std::string reply_to;         //!< external id of the post it answers, if any
  std::string conversation_id;  //!< thread id, if the network has one
  std::vector<std::string> hashtags;  //!< as the network reports them (without '#')
  std::vector<std::string> mentioned; //!< handles the network reports as mentioned
};

}  // namespace dandelion::engine
