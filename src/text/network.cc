#include "text/network.h"

namespace dandelion::text {

std::string_view NetworkName(Network n) {
  switch (n) {
    case Network::kX: return "x";
    case Network::kMastodon: return "mastodon";
    case Network::kBluesky: return "bluesky";
    case Network::kLinkedIn: return "linkedin";
    case Network::kFacebook: return "facebook";
    case Network::kInstagram: return "instagram";
    case Network::kOther: return "other";
  }
  return "other";
}

std::string_view NetworkDisplayName(Network n) {
  switch (n) {
    case Network::kX:
      return "X";
    case Network::kMastodon:
      return "Mastodon";
    case Network::kBluesky:
      return "Bluesky";
    case Network::kLinkedIn:
      return "LinkedIn";
    case Network::kFacebook:
      return "Facebook";
    case Network::kInstagram:
      return "Instagram";
    case Network::kOther:
      return "other networks";
  }
  return "other networks";
}

std::optional<Network> ParseNetwork(std::string_view name) {
  if (name == "x" || name == "twitter") return Network::kX;
  if (name == "mastodon") return Network::kMastodon;
  if (name == "bluesky") return Network::kBluesky;
  if (name == "linkedin") return Network::kLinkedIn;
  if (name == "facebook") return Network::kFacebook;
  if (name == "instagram") return Network::kInstagram;
  if (name == "other") return Network::kOther;
  return std::nullopt;
}

}  // namespace dandelion::text
