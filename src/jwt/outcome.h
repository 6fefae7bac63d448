#pragma once
// Outcome: the variants of tars.md §3.2 (the one verification contract for every route), each
// with its metric label, and Result<T>: a value or the Failure that refused it.
//
// jwt/ itself produces kInvalidToken, kIssuerMismatch, kKeyIdNotFound, kJwkParseError,
// kJwksFetchFailed, kInvalidSignature, kTokenExpired, kTokenNotYetValid, kAudienceMismatch,
// kWrongTokenType and kInternalError; the other variants are listed so that the authn filter maps
// every refusal through this one enum (status, detail, slug and WWW-Authenticate are produced in
// http/filter/problem, not here).
//
// A Failure's reason is for logs and the audit record: a fixed phrase chosen by our code, never
// token contents, key material, URLs or personal data.
//
// Thread safety: values.

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/status.h"

namespace tars::jwt {

enum class Outcome {
  kSuccess,
  kMissingAuthHeader,
  kInvalidAuthFormat,
  kInvalidToken,
  kIssuerMismatch,
  kKeyIdNotFound,
  kJwkParseError,
  kJwksFetchFailed,
  kInvalidSignature,
  kTokenExpired,
  kTokenNotYetValid,
  kAudienceMismatch,
  kWrongTokenType,
  kTokenRevoked,
  kInvalidApiKey,
  kInsufficientRole,
  kInsufficientScope,
  kInternalError,
};

// Every outcome, in the order above (to create each metric series at start).
inline constexpr std::array<Outcome, 18> kAllOutcomes = {
    Outcome::kSuccess,          Outcome::kMissingAuthHeader, Outcome::kInvalidAuthFormat,
    Outcome::kInvalidToken,     Outcome::kIssuerMismatch,    Outcome::kKeyIdNotFound,
    Outcome::kJwkParseError,    Outcome::kJwksFetchFailed,   Outcome::kInvalidSignature,
    Outcome::kTokenExpired,     Outcome::kTokenNotYetValid,  Outcome::kAudienceMismatch,
    Outcome::kWrongTokenType,   Outcome::kTokenRevoked,      Outcome::kInvalidApiKey,
    Outcome::kInsufficientRole, Outcome::kInsufficientScope, Outcome::kInternalError,
};

// The `outcome`/`reason` label of tars_auth_jwt_verifications_total and
// cap_verifier_auth_failures_total: "success", "invalid_token", "jwks_fetch_failed", ...
std::string_view metricLabel(Outcome outcome);

// The variant name of the spec: "Success", "InvalidToken", ...
std::string_view outcomeName(Outcome outcome);

// Why a credential was refused.
class Failure {
 public:
  Failure(Outcome outcome, std::string reason) : outcome_(outcome), reason_(std::move(reason)) {}

  Outcome outcome() const { return outcome_; }
  const std::string& reason() const { return reason_; }

  // "InvalidToken: <reason>" (for logs and test output).
  std::string toString() const;

 private:
  Outcome outcome_;
  std::string reason_;
};

// The Status for code that only speaks Status: kUnavailable for JwksFetchFailed, kInternal for
// InternalError, kPermissionDenied for InsufficientRole/Scope, kUnauthenticated otherwise. The
// message is the variant name (the reason is not carried).
Status toStatus(const Failure& failure);

// A T, or the Failure that refused it.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Result(Failure failure) : value_(std::move(failure)) {}  // NOLINT(google-explicit-constructor)

  bool isOk() const { return std::holds_alternative<T>(value_); }
  explicit operator bool() const { return isOk(); }

  // kSuccess when a value is held.
  Outcome outcome() const {
    return isOk() ? Outcome::kSuccess : std::get<Failure>(value_).outcome();
  }
  // REQUIRES: !isOk().
  const Failure& failure() const { return std::get<Failure>(value_); }

  // REQUIRES: isOk().
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Failure> value_;
};

}  // namespace tars::jwt
