#include "http/in_flight.h"

namespace dandelion::http {

bool InFlight::Enter(const std::string& client) {
  std::lock_guard lock(mu_);
  size_t& n = counts_[client];
  if (n >= max_) {
    if (n == 0) counts_.erase(client);
    return false;
  }
  ++n;
  return true;
}

void InFlight::Leave(const std::string& client) {
  std::lock_guard lock(mu_);
  auto it = counts_.find(client);
  if (it == counts_.end()) return;
  // Entries go when they reach zero, so the map holds only active clients.
  if (--it->second == 0) counts_.erase(it);
}

}  // namespace dandelion::http
