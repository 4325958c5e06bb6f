#include "http/client_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace dandelion::http {
namespace {

// `text` as an address: family and bytes; false when it is none.
// An IPv4 address mapped into IPv6 (::ffff:a.b.c.d, how a dual-stack
// socket sees IPv4 peers) counts as the IPv4 address.
bool ParseAddress(std::string_view text, int* family, unsigned char* bytes) {
  std::string s(text);
  if (inet_pton(AF_INET, s.c_str(), bytes) == 1) {
    *family = AF_INET;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), bytes) == 1) {
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(bytes, kMapped, 12) == 0) {
      std::memmove(bytes, bytes + 12, 4);
      *family = AF_INET;
      return true;
    }
    *family = AF_INET6;
    return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const auto& e : entries) {
    Net n;
    std::string_view text = e;
    size_t slash = text.find('/');
    if (!ParseAddress(text.substr(0, slash), &n.family, n.bytes)) {
      return InvalidArgument("trusted proxy '" + e + "' is not an IP address or network");
    }
    const int bits = n.family == AF_INET ? 32 : 128;
    n.prefix = bits;
    if (slash != std::string_view::npos) {
      std::string_view len = text.substr(slash + 1);
      int v = 0;
      bool ok = !len.empty() && len.size() <= 3;
      for (char c : len) {
        ok = ok && c >= '0' && c <= '9';
        v = v * 10 + (c - '0');
      }
      if (!ok || v > bits) {
        return InvalidArgument("trusted proxy '" + e + "' has a prefix length that is not 0.." +
                               std::to_string(bits));
      }
      n.prefix = v;
    }
    out.nets_.push_back(n);
  }
  return out;
}

bool TrustedProxies::Contains(std::string_view address) const {
  int family = 0;
  unsigned char bytes[16] = {};
  if (!ParseAddress(Trim(address), &family, bytes)) return false;
  for (const Net& n : nets_) {
    if (n.family != family) continue;
    const int whole = n.prefix / 8, rest = n.prefix % 8;
    if (std::memcmp(n.bytes, bytes, static_cast<size_t>(whole)) != 0) continue;
    if (rest != 0) {
      const unsigned char mask = static_cast<unsigned char>(0xFF << (8 - rest));
      if ((n.bytes[whole] & mask) != (bytes[whole] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const TrustedProxies& trusted) {
  if (trusted.empty() || !trusted.Contains(peer)) return std::string(peer);
  std::string client(peer);
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view entry =
        Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    int family = 0;
    unsigned char bytes[16] = {};
    if (!ParseAddress(entry, &family, bytes)) break;
    client = std::string(entry);
    if (!trusted.Contains(entry)) break;
  }
  return client;
}

}  // namespace dandelion::http
