#pragma once
// The identity metric families of tars.md §10.1 (logins, token issue and verification, refresh,
// signing keys, API keys, authorisation denials). Every series with a fixed label set exists at 0
// from start; hot paths increment a pointer chosen by enum index, never by a label lookup.
// Label values never carry user names, key ids or tokens.
//
// Thread safety: every method is thread-safe and lock-free.
// Lifetimes: the Registry it was created on must outlive it.

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "jwt/outcome.h"
#include "metrics/registry.h"

namespace tars::identity {

enum class LoginAttempt { kSuccess, kFailure, kRateLimited };
enum class IssuedTokenType { kAccess, kRefresh, kClient };
enum class RefreshOutcome { kSuccess, kInvalid, kReuseDetected };
enum class ApiKeyCheckOutcome { kSuccess, kInvalid, kExpired, kRevoked };
enum class ApiKeyEvent { kCreated, kRotated, kRevoked };

class AuthMetrics {
 public:
  // A route and the requirement it declares (`admin`, `developer+`, `scope:verify:run`): the
  // fixed label set of tars_authz_denials_total.
  using RouteRequirement = std::pair<std::string, std::string>;

  static StatusOr<std::unique_ptr<AuthMetrics>> create(
      metrics::Registry& registry, const std::vector<RouteRequirement>& protected_routes);

  void login(LoginAttempt r) { login_[static_cast<std::size_t>(r)]->Increment(); }
  void issued(IssuedTokenType t) { issued_[static_cast<std::size_t>(t)]->Increment(); }
  void verification(jwt::Outcome o, std::chrono::nanoseconds took);
  void refresh(RefreshOutcome o) { refresh_[static_cast<std::size_t>(o)]->Increment(); }
  void signingKeys(std::size_t current, std::size_t verify_only);
  void signingKeyRotated() { rotations_->Increment(); }
  void apiKeyCheck(ApiKeyCheckOutcome o) { key_checks_[static_cast<std::size_t>(o)]->Increment(); }
  void apiKeyEvent(ApiKeyEvent e) { key_events_[static_cast<std::size_t>(e)]->Increment(); }
  void apiKeysActive(std::int64_t n) { keys_active_->Set(static_cast<double>(n)); }
  void refreshFamiliesActive(std::int64_t n) { families_active_->Set(static_cast<double>(n)); }
  // Denial on the route at `route_index` of `protected_routes` (out of range: ignored).
  void authzDenied(std::size_t route_index);
  // An audit event of `type` was stored (a type outside tars.md §3.9's list is not counted).
  void auditWritten(std::string_view type);
  void auditWriteFailed() { audit_failures_->Increment(); }

  // The event types of tars.md §3.9 (the label set of tars_audit_events_total).
  static const std::vector<std::string_view>& auditEventTypes();

 private:
  AuthMetrics() = default;

  std::vector<prometheus::Counter*> login_, issued_, verifications_, refresh_, key_checks_,
      key_events_, denials_;
  std::vector<prometheus::Gauge*> signing_keys_;
  prometheus::Histogram* verification_duration_ = nullptr;
  prometheus::Counter* rotations_ = nullptr;
  prometheus::Gauge* keys_active_ = nullptr;
  prometheus::Gauge* families_active_ = nullptr;
  std::vector<prometheus::Counter*> audit_events_;  // by auditEventTypes() index
  prometheus::Counter* audit_failures_ = nullptr;
};

}  // namespace tars::identity
