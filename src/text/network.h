// The networks Dandelion publishes to and listens on.
#pragma once

#include <optional>
#include <string_view>

namespace dandelion::text {

enum class Network { kX, kMastodon, kBluesky, kLinkedIn, kFacebook, kInstagram, kOther };

//! "x", "mastodon", "bluesky", "linkedin", "facebook", "instagram", "other".
std::string_view NetworkName(Network n);
//! "X", "Mastodon", "Bluesky", "LinkedIn", "Facebook", "Instagram", "other networks".
std::string_view NetworkDisplayName(Network n);
//! The network named `name` ("twitter" is accepted for X); nullopt when
//! unknown.
std::optional<Network> ParseNetwork(std::string_view name);

}  // namespace dandelion::text
