#include "identity/authn/auth_metrics.h"

#include <string_view>

#include "metrics/fixed_series.h"

namespace tars::identity {
namespace {

using prometheus::Counter;
using prometheus::Gauge;
using prometheus::Histogram;

// 1e-6 … 1e-2 seconds, ×2.5 per bucket (tars.md §10.1).
Histogram::BucketBoundaries verificationBuckets() {
  Histogram::BucketBoundaries b;
  for (double v = 1e-6; v <= 1e-2 * 1.0001; v *= 2.5)
    b.push_back(v);
  return b;
}

}  // namespace

StatusOr<std::unique_ptr<AuthMetrics>> AuthMetrics::create(
    metrics::Registry& registry, const std::vector<RouteRequirement>& protected_routes) {
  using metrics::initLabelled;
  using metrics::makeFamily;
  std::unique_ptr<AuthMetrics> m(new AuthMetrics());
  prometheus::Registry& prom = registry.prom();

  TARS_ASSIGN_OR_RETURN(auto* login, makeFamily<Counter>(prom, "tars_auth_login_attempts_total",
                                                         "Login attempts by result."));
  TARS_ASSIGN_OR_RETURN(m->login_,
                        initLabelled(*login, "result", {"success", "failure", "rate_limited"}));

  TARS_ASSIGN_OR_RETURN(auto* issued, makeFamily<Counter>(prom, "tars_auth_jwt_issued_total",
                                                          "Tokens issued by token type."));
  TARS_ASSIGN_OR_RETURN(m->issued_,
                        initLabelled(*issued, "token_type", {"access", "refresh", "client"}));

  TARS_ASSIGN_OR_RETURN(
      auto* verifications,
      makeFamily<Counter>(prom, "tars_auth_jwt_verifications_total",
                          "Credential checks on routes that need credentials, by outcome."));
  std::vector<std::string_view> outcomes;
  for (jwt::Outcome o : jwt::kAllOutcomes)
    outcomes.push_back(jwt::metricLabel(o));
  TARS_ASSIGN_OR_RETURN(m->verifications_, initLabelled(*verifications, "outcome", outcomes));

  TARS_ASSIGN_OR_RETURN(auto* duration,
                        makeFamily<Histogram>(prom, "tars_auth_jwt_verification_duration_seconds",
                                              "Time to authenticate one credential."));
  TARS_ASSIGN_OR_RETURN(auto durations, metrics::initSeries(*duration, {prometheus::Labels{}},
                                                            verificationBuckets()));
  m->verification_duration_ = durations.front();

  TARS_ASSIGN_OR_RETURN(auto* refresh, makeFamily<Counter>(prom, "tars_auth_refresh_total",
                                                           "Refresh-token uses by outcome."));
  TARS_ASSIGN_OR_RETURN(
      m->refresh_, initLabelled(*refresh, "outcome", {"success", "invalid", "reuse_detected"}));

  TARS_ASSIGN_OR_RETURN(auto* keys, makeFamily<Gauge>(prom, "tars_auth_signing_keys",
                                                      "Signing keys in the ring by status."));
  TARS_ASSIGN_OR_RETURN(m->signing_keys_,
                        initLabelled(*keys, "status", {"current", "verify_only"}));

  TARS_ASSIGN_OR_RETURN(auto* rotations,
                        makeFamily<Counter>(prom, "tars_auth_signing_key_rotations_total",
                                            "Signing-key rotations made by this process."));
  TARS_ASSIGN_OR_RETURN(auto rotation_series, metrics::initSeries(*rotations, {{}}));
  m->rotations_ = rotation_series.front();

  TARS_ASSIGN_OR_RETURN(auto* checks, makeFamily<Counter>(prom, "tars_api_key_checks_total",
                                                          "API key checks by outcome."));
  TARS_ASSIGN_OR_RETURN(m->key_checks_, initLabelled(*checks, "outcome",
                                                     {"success", "invalid", "expired", "revoked"}));

  TARS_ASSIGN_OR_RETURN(auto* events, makeFamily<Counter>(prom, "tars_api_key_events_total",
                                                          "API key lifecycle events."));
  TARS_ASSIGN_OR_RETURN(m->key_events_,
                        initLabelled(*events, "event", {"created", "rotated", "revoked"}));

  TARS_ASSIGN_OR_RETURN(auto* active,
                        makeFamily<Gauge>(prom, "tars_api_keys_active", "API keys not revoked."));
  TARS_ASSIGN_OR_RETURN(auto active_series, metrics::initSeries(*active, {{}}));
  m->keys_active_ = active_series.front();

  TARS_ASSIGN_OR_RETURN(
      auto* families,
      makeFamily<Gauge>(
          prom, "tars_auth_active_refresh_families",
          "Refresh-token families (logged-in sessions) neither revoked nor expired."));
  TARS_ASSIGN_OR_RETURN(auto families_series, metrics::initSeries(*families, {{}}));
  m->families_active_ = families_series.front();

  TARS_ASSIGN_OR_RETURN(auto* denials,
                        makeFamily<Counter>(prom, "tars_authz_denials_total",
                                            "Requests refused for role or scope, by route."));
  std::vector<prometheus::Labels> label_sets;
  for (const auto& [route, required] : protected_routes)
    label_sets.push_back({{"route", route}, {"required", required}});
  TARS_ASSIGN_OR_RETURN(m->denials_, metrics::initSeries(*denials, label_sets));

  TARS_ASSIGN_OR_RETURN(auto* audit, makeFamily<Counter>(prom, "tars_audit_events_total",
                                                         "Audit events stored, by type."));
  TARS_ASSIGN_OR_RETURN(m->audit_events_, initLabelled(*audit, "event_type", auditEventTypes()));
  TARS_ASSIGN_OR_RETURN(auto* failures, makeFamily<Counter>(prom, "tars_audit_write_failures_total",
                                                            "Audit events lost or not written."));
  TARS_ASSIGN_OR_RETURN(auto failure_series, metrics::initSeries(*failures, {{}}));
  m->audit_failures_ = failure_series.front();
  return m;
}

const std::vector<std::string_view>& AuthMetrics::auditEventTypes() {
  static const std::vector<std::string_view> kTypes = {"auth.login.success",
                                                       "auth.login.failure",
                                                       "auth.logout",
                                                       "auth.token.refresh",
                                                       "auth.token.reuse_detected",
                                                       "auth.token.invalid",
                                                       "oauth.token.issued",
                                                       "oauth.token.denied",
                                                       "api_key.created",
                                                       "api_key.rotated",
                                                       "api_key.revoked",
                                                       "api_key.invalid",
                                                       "authz.denied",
                                                       "rate_limit.exceeded",
                                                       "signing_key.created",
                                                       "signing_key.rotated",
                                                       "signing_key.revoked",
                                                       "user.created",
                                                       "user.updated",
                                                       "user.disabled",
                                                       "user.password_changed",
                                                       "admin.agent.reload",
                                                       "admin.training.started",
                                                       "admin.model.register",
                                                       "admin.model.promote",
                                                       "automl.job.created",
                                                       "automl.job.cancelled",
                                                       "hypersync.propose",
                                                       "hypersync.approve",
                                                       "hypersync.reject",
                                                       "hypersync.apply",
                                                       "hypersync.rollback",
                                                       "system.startup",
                                                       "system.shutdown"};
  return kTypes;
}

void AuthMetrics::auditWritten(std::string_view type) {
  const auto& types = auditEventTypes();
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (types[i] == type) {
      audit_events_[i]->Increment();
      return;
    }
  }
}

void AuthMetrics::verification(jwt::Outcome o, std::chrono::nanoseconds took) {
  verifications_[static_cast<std::size_t>(o)]->Increment();
  verification_duration_->Observe(std::chrono::duration<double>(took).count());
}

void AuthMetrics::signingKeys(std::size_t current, std::size_t verify_only) {
  signing_keys_[0]->Set(static_cast<double>(current));
  signing_keys_[1]->Set(static_cast<double>(verify_only));
}

void AuthMetrics::authzDenied(std::size_t route_index) {
  if (route_index < denials_.size())
    denials_[route_index]->Increment();
}

}  // namespace tars::identity
