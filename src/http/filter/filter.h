#pragma once
// Filter: one step of the request chain (ARCHITECTURE.md "Request flow"; Envoy-style).
//
// onRequestHeaders runs once the head is parsed and the route is known, before the body is read,
// so authentication and rate limiting never pay for a body they refuse. A filter either lets the
// request continue or answers it. onResponse runs, in reverse order, on every filter whose
// onRequestHeaders ran, whoever produced the response (handler, router, another filter).
//
// Thread safety: one Filter instance serves every connection and thread; per-request state lives
// in RequestContext, shared state in the filter's immutable config.

#include <optional>

#include "http/filter/request_context.h"
#include "http/request.h"
#include "http/response.h"

namespace tars::http {

// nullopt = continue; a Response = stop the chain and send it.
using FilterResult = std::optional<Response>;

class Filter {
 public:
  virtual ~Filter() = default;
  virtual FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) = 0;
  virtual void onResponse(const Request& request, RequestContext& ctx, Response& response) = 0;
};

}  // namespace tars::http
