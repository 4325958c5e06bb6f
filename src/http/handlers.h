// What every capability's handlers share: unwrapping a Result into an error
// response (DND_TRY), reading path ids and query parameters with errors
// that name them, and the shapes every answer of a kind has (204, lists).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"
#include "http/json_io.h"
#include "http/message.h"
#include "http/router.h"

namespace dandelion::http {

//! `DND_TRY(auto x, ResultExpr())` in a handler: unwraps, or returns the
//! error response for its Status.
#define DND_TRY(lhs, expr)                                                                       \
  auto DND_CONCAT(_r_, __LINE__) = (expr);                                                       \
  if (!DND_CONCAT(_r_, __LINE__).ok()) return ErrorResponse(DND_CONCAT(_r_, __LINE__).status()); \
  lhs = std::move(DND_CONCAT(_r_, __LINE__)).value()

//! The session cookie's name. Served over HTTPS it is "__Host-" prefixed:
//! the browser then only accepts it Secure, for this exact host and path /,
//! so that no sibling subdomain can set or shadow it.
inline const char* SessionCookieName(bool secure) {
  return secure ? "__Host-dandelion_session" : "dandelion_session";
}

//! Lists: the default and largest page sizes.
inline constexpr int kDefaultLimit = 50;
inline constexpr int kMaxLimit = 200;

//! `v` as an integer in [min, max]; InvalidArgument naming `name` otherwise.
Result<int64_t> ParseInt(const std::string& v, const std::string& name, int64_t min, int64_t max);
//! ?name=N in [min, max], `fallback` when absent.
Result<int64_t> QueryInt(const Request& req, const std::string& name, int64_t fallback, int64_t min,
                         int64_t max);
//! ?limit= in [1, kMaxLimit], kDefaultLimit when absent.
Result<int> QueryLimit(const Request& req);
//! The path segment `name` as a positive id.
Result<int64_t> PathId(const RouteMatch& m, const std::string& name);
//! ?name= as a UTC time ("2026-01-01T00:00:00.000Z"), in milliseconds;
//! `fallback` when absent; InvalidArgument naming `name` otherwise.
Result<int64_t> QueryTime(const Request& req, const std::string& name, int64_t fallback);
//! ?cursor= (the `next` of the previous page), "" when absent.
std::string QueryCursor(const Request& req);

//! A list answer: {"items": [...], "next": cursor or null}, the one shape
//! of every list (unpaged lists answer next: null).
Json ListJson(Json items, const std::optional<std::string>& next = std::nullopt);

//! 204 No Content.
Response NoContent();

}  // namespace dandelion::http
