// The HTTP request and response as the API layer sees them: plain structs,
// so that handlers are tested without a socket and the server library stays
// behind server.cc.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dandelion::http {

struct Request {
  std::string method;                          //!< upper case: GET, POST, ...
  std::string path;                            //!< without the query string, not decoded
  std::string query;                           //!< after '?', raw
  std::map<std::string, std::string> headers;  //!< names lower-cased
  std::string body;
  std::string remote_ip;

  //! The header's value, or "" when absent. `name` lower-case.
  const std::string& Header(const std::string& name) const;
  //! The value of cookie `name`, or "".
  std::string Cookie(const std::string& name) const;
  //! The decoded value of query parameter `name`, or nullopt-like "" with
  //! found=false.
  bool QueryParam(const std::string& name, std::string* value) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  //! The first header `name` (as written, case-insensitive), or "".
  std::string Header(std::string_view name) const;
};

//! Decodes %XX and '+' in a query component.
std::string UrlDecode(std::string_view s);

}  // namespace dandelion::http
