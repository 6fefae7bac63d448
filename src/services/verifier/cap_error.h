#pragma once
// Errors of the CAP verifier library: a Status (its code gives the HTTP status, its message the
// problem detail, its field errors the `errors[]`) plus the domain problem type of spec/cap.md
// §4–§5 and §13, which a Status code alone cannot tell apart (four different 422s, for example).
// The HTTP layer turns a CapError into problem+json; nothing here knows HTTP.
//
// Thread safety: values.

#include <string_view>
#include <utility>
#include <variant>

#include "core/status.h"

namespace tars::verifier {

enum class CapProblem {
  kGeneric,  // the slug of the Status code (tars.md §1.3: bad-request, validation-error, …)
  kMissingPolicy,       // cap/missing-policy: neither policy_yaml nor policy (400)
  kInvalidPolicy,       // cap/invalid-policy: structure or type (legacy v1: 400; PolicyV2: 422)
  kTooDeep,             // cap/too-deep: nesting over 32 (422)
  kTooManyRules,        // cap/too-many-rules: more rules than the limit (422)
  kLintFailed,          // cap/policy-lint-failed: an error-level lint (422)
  kVerifyMode,          // cap/verify-mode: both or neither of policy_id and ir (422)
  kInvalidContext,      // cap/invalid-context: the /verify context (422)
  kInvalidIr,           // cap/invalid-ir: an embedded IR that is not IR v1 (422)
  kIrHashMismatch,      // cap/ir-hash-mismatch: a submitted ir_hash that differs (422)
  kPolicyNotFound,      // cap/policy-not-found: Mode A id not stored (404)
  kEmbeddedIrDisabled,  // cap/embedded-ir-disabled: Mode B switched off (403)
  kAdaptiveSelectionFailed,  // cap/adaptive-selection-failed: selector or planner error (422)
  kInvalidCsv,               // cap/invalid-csv: wrong header, bad row, no rows (422)
  kListTooLarge,             // cap/list-too-large: more rows than the limit (413)
};

// "cap/invalid-policy", …; empty for kGeneric.
std::string_view capProblemSlug(CapProblem problem);

struct CapError {
  CapProblem problem = CapProblem::kGeneric;
  Status status;
};

// A T, or the CapError saying why there is none.
template <typename T>
class [[nodiscard]] CapOr {
 public:
  CapOr(T value) : value_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  CapOr(CapError error) : value_(std::move(error)) {  // NOLINT(google-explicit-constructor)
    if (std::get<CapError>(value_).status.isOk())
      std::get<CapError>(value_).status = internalError("CapOr constructed from an OK status");
  }

  bool isOk() const { return std::holds_alternative<T>(value_); }
  // REQUIRES: !isOk().
  const CapError& error() const { return std::get<CapError>(value_); }
  // OK when a value is held.
  Status status() const { return isOk() ? Status::ok() : error().status; }

  // REQUIRES: isOk().
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, CapError> value_;
};

}  // namespace tars::verifier
