#include "http/filters/auth/auth_problem.h"

#include "http/filter/problem.h"

namespace tars::http {

Response authProblem(identity::AuthFailure failure, const Request& request,
                     const RequestContext& ctx, std::string_view min_role,
                     std::string_view required_scope) {
  const identity::AuthFailureInfo& info = identity::authFailureInfo(failure);
  Response r =
      problemResponse(info.status, info.slug, identity::authFailureDetail(failure, min_role),
                      request.path(), ctx.request_id);
  if (info.send_challenge)
    r.setHeader("WWW-Authenticate", identity::wwwAuthenticate(failure, required_scope));
  if (failure == identity::AuthFailure::kJwksFetchFailed)
    r.setHeader("Retry-After", "30");
  return r;
}

}  // namespace tars::http
