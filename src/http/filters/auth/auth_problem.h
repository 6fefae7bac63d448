#pragma once
// The response of a §3.2 refusal: problem+json with the variant's status, slug and detail, its
// WWW-Authenticate challenge, and Retry-After: 30 for JwksFetchFailed (tars.md §1.4).

#include <string_view>

#include "http/filter/request_context.h"
#include "http/request.h"
#include "http/response.h"
#include "identity/auth_failure.h"

namespace tars::http {

// `min_role` fills InsufficientRole's detail; `required_scope` InsufficientScope's challenge.
Response authProblem(identity::AuthFailure failure, const Request& request,
                     const RequestContext& ctx, std::string_view min_role = {},
                     std::string_view required_scope = {});

}  // namespace tars::http
