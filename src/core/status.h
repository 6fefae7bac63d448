#pragma once
// Status and StatusOr<T>: the one error type of tars (STYLE.md rule 2).
//
// A Status is a canonical code plus a human message that is safe to show a client (it never
// carries secrets). Optional `field` errors describe 422 validation failures. HTTP statuses are
// derived from codes only in http/filter/problem.cc.
//
// Thread safety: values; copy freely.

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tars {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,       // malformed input the client can fix (400)
  kValidation,            // well-formed but invalid (422); field errors say where
  kUnauthenticated,       // 401
  kPermissionDenied,      // 403
  kNotFound,              // 404
  kAlreadyExists,         // 409 (duplicate)
  kFailedPrecondition,    // 409 (state does not allow the operation)
  kResourceExhausted,     // 429 or a full queue
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415
  kUnavailable,           // 503
  kDeadlineExceeded,      // 504
  kInternal,              // 500
};

// Name of a code as used in logs ("INVALID_ARGUMENT", ...).
const char* statusCodeName(StatusCode code);

struct FieldError {
  std::string field;    // dotted path, e.g. "server.port" or "payoffs[1][0]"
  std::string message;  // what is wrong with it
  bool operator==(const FieldError&) const = default;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Status(StatusCode code, std::string message, std::vector<FieldError> field_errors)
      : code_(code), message_(std::move(message)), field_errors_(std::move(field_errors)) {}

  static Status ok() { return {}; }

  bool isOk() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fieldErrors() const { return field_errors_; }

  // "INVALID_ARGUMENT: message" (for logs and test failure output).
  std::string toString() const;

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::vector<FieldError> field_errors_;
};

// Convenience constructors.
inline Status invalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status validationError(std::string m, std::vector<FieldError> f = {}) {
  return {StatusCode::kValidation, std::move(m), std::move(f)};
}
inline Status notFound(std::string m) {
  return {StatusCode::kNotFound, std::move(m)};
}
inline Status alreadyExists(std::string m) {
  return {StatusCode::kAlreadyExists, std::move(m)};
}
inline Status failedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status unavailable(std::string m) {
  return {StatusCode::kUnavailable, std::move(m)};
}
inline Status internalError(std::string m) {
  return {StatusCode::kInternal, std::move(m)};
}
inline Status permissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status unauthenticated(std::string m) {
  return {StatusCode::kUnauthenticated, std::move(m)};
}

// StatusOr<T>: a T, or a non-OK Status explaining why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  StatusOr(Status status) : value_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(value_).isOk()) {
      value_ = Status(StatusCode::kInternal, "StatusOr constructed from an OK status");
    }
  }

  bool isOk() const { return std::holds_alternative<T>(value_); }
  explicit operator bool() const { return isOk(); }

  // The error; OK when a value is held.
  Status status() const { return isOk() ? Status::ok() : std::get<Status>(value_); }

  // REQUIRES: isOk().
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace tars

#define TARS_STATUS_CONCAT_INNER(a, b) a##b
#define TARS_STATUS_CONCAT(a, b) TARS_STATUS_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
#define TARS_RETURN_IF_ERROR(expr)            \
  do {                                        \
    ::tars::Status tars_status_tmp_ = (expr); \
    if (!tars_status_tmp_.isOk())             \
      return tars_status_tmp_;                \
  } while (0)

// `TARS_ASSIGN_OR_RETURN(auto x, f())`: binds the value or returns the error.
#define TARS_ASSIGN_OR_RETURN(lhs, expr) \
  TARS_ASSIGN_OR_RETURN_IMPL(TARS_STATUS_CONCAT(tars_statusor_, __LINE__), lhs, expr)
#define TARS_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.isOk())                                 \
    return tmp.status();                           \
  lhs = std::move(tmp).value()
