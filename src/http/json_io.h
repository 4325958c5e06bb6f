// Strict reading of JSON request bodies and the uniform error body.
// nlohmann::json throws; every throw is caught here and becomes a Status
// that names the field at fault.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/status.h"
#include "http/message.h"

namespace dandelion::http {

using Json = nlohmann::json;

//! A parsed JSON object body whose fields are all among `allowed`.
class JsonBody {
 public:
  //! InvalidArgument when the body is not JSON (with the byte offset), not
  //! an object, or holds a field not in `allowed` (field named).
  static Result<JsonBody> Parse(const std::string& body,
                                std::initializer_list<std::string_view> allowed);

  //! The string field `name`: InvalidArgument (field `name`) when missing
  //! or not a string.
  Result<std::string> String(const std::string& name) const;
  //! The integer field `name`: InvalidArgument when missing or not an integer.
  Result<int64_t> Int(const std::string& name) const;
  //! The integer field `name`, or `fallback` when it is absent or null.
  Result<int64_t> IntOr(const std::string& name, int64_t fallback) const;
  //! The string field `name`, or `fallback` when it is absent or null.
  Result<std::string> StringOr(const std::string& name, const std::string& fallback) const;

 private:
  Json j_;
};

//! HTTP status for a Status code.
int HttpStatusFor(Code code);
//! {"error":{"code","message","field"}} with the matching HTTP status.
Response ErrorResponse(const Status& st);
//! The same with an explicit status and code (for 404/405/413/415).
Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       std::string_view field = {});
//! A JSON response.
Response JsonResponse(int http_status, const Json& body);

}  // namespace dandelion::http
