#include "http/filters/request_id/request_id_filter.h"

namespace tars::http::filters {
namespace {

bool isLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  }
  return true;
}

bool allZero(std::string_view s) {
  return s.find_first_not_of('0') == std::string_view::npos;
}

}  // namespace

std::string_view traceIdFromTraceparent(std::string_view h) {
  // version "-" trace-id "-" parent-id "-" flags : 2+1+32+1+16+1+2 = 55 chars.
  if (h.size() != 55 || h[2] != '-' || h[35] != '-' || h[52] != '-')
    return {};
  auto version = h.substr(0, 2), trace = h.substr(3, 32), parent = h.substr(36, 16),
       flags = h.substr(53, 2);
  if (version != "00" || !isLowerHex(trace) || !isLowerHex(parent) || !isLowerHex(flags))
    return {};
  if (allZero(trace) || allZero(parent))
    return {};
  return trace;
}

FilterResult RequestIdFilter::onRequestHeaders(const Request& request, RequestContext& ctx) {
  auto given = request.header("X-Request-Id");
  if (given && isAcceptableRequestId(*given)) {
    ctx.request_id = std::string(*given);
  } else {
    ctx.request_id = ids_.newId("req_");
  }
  if (auto tp = request.header("traceparent"))
    ctx.trace_id = std::string(traceIdFromTraceparent(*tp));
  return std::nullopt;
}

void RequestIdFilter::onResponse(const Request&, RequestContext& ctx, Response& response) {
  response.setHeader("X-Request-Id", ctx.request_id);
}

}  // namespace tars::http::filters
