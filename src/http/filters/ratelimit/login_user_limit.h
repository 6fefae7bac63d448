#pragma once
// LoginUserLimit: the second limit of POST /auth/login (tars.md §4.1, §4.3): `login_user`, keyed
// by the first 16 hex of SHA-256 of the lowercased username, so password spraying one account
// from many addresses is stopped. The login handler calls check() once the body is parsed and
// before the password is verified.
//
// Thread safety: thread-safe (immutable config, thread-safe limiter).

#include <optional>
#include <string_view>

#include "http/filter/request_context.h"
#include "http/request.h"
#include "http/response.h"
#include "ratelimit/client_address.h"
#include "ratelimit/limiter.h"
#include "ratelimit/policy.h"

namespace tars::identity {
class AuditRecorder;
}

namespace tars::http::filters {

class LoginUserLimit {
 public:
  // `limiter` and `audit` (may be null) must outlive this object.
  LoginUserLimit(ratelimit::PolicyConstSharedPtr policy, ratelimit::TrustedProxies trusted,
                 ratelimit::Limiter& limiter, identity::AuditRecorder* audit)
      : policy_(std::move(policy)),
        trusted_(std::move(trusted)),
        limiter_(limiter),
        audit_(audit) {}

  // Charges `username` to login_user. Allowed: nullopt, and ctx.rate_limit becomes the tighter of
  // the `auth` decision already there and this one. Refused: the 429 (ctx.rate_limit describes
  // login_user). Undecidable (failure_mode closed): the 503.
  std::optional<Response> check(std::string_view username, const Request& request,
                                RequestContext& ctx) const;

 private:
  const ratelimit::PolicyConstSharedPtr policy_;
  const ratelimit::TrustedProxies trusted_;
  ratelimit::Limiter& limiter_;
  identity::AuditRecorder* const audit_;
};

}  // namespace tars::http::filters
