// Status and Result<T>: how every fallible function in Dandelion reports
// failure. No exceptions cross a module boundary; libraries that throw are
// wrapped where they are called.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace dandelion {

//! The small, closed set of failure kinds. The HTTP layer maps each to one
//! status code; services never see HTTP codes.
enum class Code {
  kOk,
  kInvalidArgument,     //!< the caller sent something wrong; names the field
  kNotFound,            //!< the thing addressed does not exist
  kAlreadyExists,       //!< a unique key is taken
  kUnauthenticated,     //!< no valid session or token
  kPermissionDenied,    //!< authenticated, but not allowed
  kFailedPrecondition,  //!< the state forbids it now (e.g. unit has children)
  kResourceExhausted,   //!< throttled; try later
  kUnavailable,         //!< a dependency (database) is down
  kAborted,             //!< a transaction lost a conflict (serialization, deadlock); retryable
  kInternal,            //!< a bug or an impossible state
};

//! Short snake_case name of a code, as used in the JSON error body.
const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  //! Human-readable, names what was wrong.
  const std::string& message() const { return message_; }
  //! The input field at fault, empty when none applies.
  const std::string& field() const { return field_; }

  std::string ToString() const;
  //! Says that dropping this Status is deliberate (best-effort work whose
  //! failure changes nothing for the caller).
  void IgnoreError() const {}

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

inline Status InvalidArgument(std::string message, std::string field = {}) {
  return Status(Code::kInvalidArgument, std::move(message), std::move(field));
}
inline Status NotFound(std::string message, std::string field = {}) {
  return Status(Code::kNotFound, std::move(message), std::move(field));
}
inline Status AlreadyExists(std::string message, std::string field = {}) {
  return Status(Code::kAlreadyExists, std::move(message), std::move(field));
}
inline Status PermissionDenied(std::string message) {
  return Status(Code::kPermissionDenied, std::move(message));
}
inline Status Unauthenticated(std::string message) {
  return Status(Code::kUnauthenticated, std::move(message));
}
inline Status FailedPrecondition(std::string message, std::string field = {}) {
  return Status(Code::kFailedPrecondition, std::move(message), std::move(field));
}
inline Status Unavailable(std::string message) {
  return Status(Code::kUnavailable, std::move(message));
}
inline Status Aborted(std::string message) { return Status(Code::kAborted, std::move(message)); }
inline Status Internal(std::string message) { return Status(Code::kInternal, std::move(message)); }

//! A value or the Status saying why there is none; shaped like std::expected.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  void IgnoreError() const {}

 private:
  std::variant<T, Status> v_;
};

}  // namespace dandelion

//! Returns early from the enclosing function when `expr` (a Status) failed.
#define DND_RETURN_IF_ERROR(expr)     \
  do {                                \
    ::dandelion::Status _st = (expr); \
    if (!_st.ok()) return _st;        \
  } while (0)

#define DND_CONCAT_INNER(a, b) a##b
#define DND_CONCAT(a, b) DND_CONCAT_INNER(a, b)
//! `DND_ASSIGN_OR_RETURN(auto x, ResultExpr())`: unwraps or returns the Status.
#define DND_ASSIGN_OR_RETURN(lhs, expr)                                               \
  auto DND_CONCAT(_res_, __LINE__) = (expr);                                          \
  if (!DND_CONCAT(_res_, __LINE__).ok()) return DND_CONCAT(_res_, __LINE__).status(); \
  lhs = std::move(DND_CONCAT(_res_, __LINE__)).value()
