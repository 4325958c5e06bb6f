// The client's address when Dandelion runs behind a reverse proxy. The
// per-address limits (login failures, requests in flight) must count the
// people, not the proxy: a request from a trusted proxy names its client in
// X-Forwarded-For, read from the right (the entry the nearest proxy added)
// past any other trusted proxy. From anyone else the header is ignored:
// a client could write whatever it likes there.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace dandelion::http {

//! Addresses (IPv4 or IPv6) and networks ("10.0.0.0/8", "fd00::/8").
class TrustedProxies {
 public:
  //! InvalidArgument naming the entry that is neither.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries);
  bool empty() const { return nets_.empty(); }
  bool Contains(std::string_view address) const;

 private:
  struct Net {
    unsigned char bytes[16] = {};
    int family = 0;  // AF_INET or AF_INET6
    int prefix = 0;  // bits
  };
  std::vector<Net> nets_;
};

//! The client's address: `peer` unless it is a trusted proxy, else the
//! rightmost address of `forwarded_for` that is not one (or the leftmost
//! when all are). An entry that is not an address ends the walk there: what
//! lies left of it cannot be trusted.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const TrustedProxies& trusted);

}  // namespace dandelion::http
