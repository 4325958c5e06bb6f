#include "http/json_io.h"

#include <fmt/format.h>

#include "common/crypto.h"
#include "common/log.h"

namespace dandelion::http {

Result<JsonBody> JsonBody::Parse(const std::string& body,
                                 std::initializer_list<std::string_view> allowed) {
  JsonBody out;
  try {
    out.j_ = Json::parse(body);
  } catch (const Json::parse_error& e) {
    return InvalidArgument(fmt::format("the body is not valid JSON (at byte {})", e.byte));
  }
  if (!out.j_.is_object()) return InvalidArgument("the body must be a JSON object");
  for (const auto& [key, value] : out.j_.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) return InvalidArgument(fmt::format("unknown field '{}'", key), key);
  }
  return out;
}

Result<std::string> JsonBody::String(const std::string& name) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return InvalidArgument(name + " is required", name);
  if (!it->is_string()) return InvalidArgument(name + " must be a string", name);
  return it->get<std::string>();
}

Result<int64_t> JsonBody::Int(const std::string& name) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return InvalidArgument(name + " is required", name);
  if (!it->is_number_integer()) return InvalidArgument(name + " must be an integer", name);
  return it->get<int64_t>();
}

Result<std::string> JsonBody::StringOr(const std::string& name, const std::string& fallback) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return fallback;
  return String(name);
}

Result<int64_t> JsonBody::IntOr(const std::string& name, int64_t fallback) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return fallback;
  return Int(name);
}

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kNotFound:
      return 404;
    case Code::kAlreadyExists:
      return 409;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kFailedPrecondition:
      return 409;
    case Code::kResourceExhausted:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kAborted:
      return 503;  // the store retried; the client may too
    case Code::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       std::string_view field) {
  Json err = {{"code", code}, {"message", message}};
  err["field"] = field.empty() ? Json(nullptr) : Json(field);
  return JsonResponse(http_status, Json{{"error", err}});
}

Response ErrorResponse(const Status& st) {
  // What went wrong inside (SQL text, a library's words, a path on the
  // server) stays in the log under a request id; the answer says only what
  // kind of failure it was and that id, to quote when reporting it.
  if (st.code() == Code::kInternal || st.code() == Code::kUnavailable ||
      st.code() == Code::kAborted) {
    const std::string id = RandomHex(6);
    LogError(
        fmt::format("request_id={} code={} error=\"{}\"", id, CodeName(st.code()), st.message()));
    std::string message =
        st.code() == Code::kInternal
            ? fmt::format("internal error (request id {})", id)
            : fmt::format("the service is unavailable right now; try again shortly (request id {})",
                          id);
    Response r = ErrorResponse(HttpStatusFor(st.code()), CodeName(st.code()), message, "");
    r.headers.emplace_back("X-Request-Id", id);
    return r;
  }
  return ErrorResponse(HttpStatusFor(st.code()), CodeName(st.code()), st.message(), st.field());
}

Response JsonResponse(int http_status, const Json& body) {
  Response r;
  r.status = http_status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

}  // namespace dandelion::http
