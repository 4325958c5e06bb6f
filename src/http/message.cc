#include "http/message.h"

#include <algorithm>
#include <cctype>

namespace dandelion::http {

const std::string& Request::Header(const std::string& name) const {
  static const std::string kEmpty;
  auto it = headers.find(name);
  return it == headers.end() ? kEmpty : it->second;
}

std::string Request::Cookie(const std::string& name) const {
  const std::string& all = Header("cookie");
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    std::string_view part(all.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return "";
}

bool Request::QueryParam(const std::string& name, std::string* value) const {
  size_t pos = 0;
  while (pos <= query.size() && !query.empty()) {
    size_t end = query.find('&', pos);
    if (end == std::string::npos) end = query.size();
    std::string_view part(query.data() + pos, end - pos);
    size_t eq = part.find('=');
    std::string key = UrlDecode(part.substr(0, eq));
    if (key == name) {
      *value = eq == std::string_view::npos ? "" : UrlDecode(part.substr(eq + 1));
      return true;
    }
    pos = end + 1;
  }
  return false;
}

std::string UrlDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() + 0 && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string Response::Header(std::string_view name) const {
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(),
                   [&](char a, char b) { return lower(a) == lower(b); })) {
      return v;
    }
  }
  return "";
}

}  // namespace dandelion::http
