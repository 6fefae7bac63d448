#pragma once
// AuthnFilter: checks 1–15 of tars.md §3.2 on every route that needs credentials, before the body
// is read. Success attaches the Principal to the request context; a refusal answers with the
// variant's problem (auth_problem.h) (or defers it to the rate-limit filter), counts it and records
// an aggregated audit event (auth.token.invalid / api_key.invalid). Routes whose credential is in
// the body
// (/auth/refresh, /oauth/token) and public routes pass untouched; /metrics needs credentials
// only when metrics.auth says so.
//
// onResponse counts tars_auth_jwt_verifications_total once per request with the final outcome
// (authz may have replaced a success with a denial).
//
// Thread safety: one instance serves every thread; everything it references is thread-safe.

#include <functional>
#include <string_view>

#include "http/filter/filter.h"
#include "identity/authn/auth_metrics.h"
#include "identity/authn/authenticator.h"

namespace tars::identity {
class AuditRecorder;
}

namespace tars::http::filters {

class AuthnFilter final : public Filter {
 public:
  // `metrics_open(remote_address)`: whether /metrics may be read without credentials.
  // `audit` may be null (no audit records). With `defer_refusals` a refusal is left in
  // RequestContext::deferred_refusal for the rate-limit filter, which charges the request to
  // `public` and then sends it (tars.md §4.1); without, it is answered here.
  AuthnFilter(const identity::Authenticator& authenticator, identity::AuthMetrics& metrics,
              identity::AuditRecorder* audit, const Clock& clock,
              std::function<bool(std::string_view)> metrics_open, bool defer_refusals = false);

  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) override;
  void onResponse(const Request& request, RequestContext& ctx, Response& response) override;

 private:
  const identity::Authenticator& authenticator_;
  identity::AuthMetrics& metrics_;
  identity::AuditRecorder* const audit_;
  const Clock& clock_;
  const std::function<bool(std::string_view)> metrics_open_;
  const bool defer_refusals_;
};

}  // namespace tars::http::filters
