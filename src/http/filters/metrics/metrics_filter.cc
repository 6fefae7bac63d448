#include "http/filters/metrics/metrics_filter.h"

namespace tars::http::filters {

MetricsFilter::MetricsFilter(metrics::HttpMetrics& metrics, const std::vector<RouteSpec>& routes,
                             const Clock& clock)
    : metrics_(metrics), clock_(clock), head_by_route_(routes.size(), nullptr) {
  by_route_.reserve(routes.size());
  for (const auto& r : routes) {
    by_route_.push_back(metrics_.routeStats(r.path, methodName(r.method)));
    if (r.method == Method::kGet)
      head_by_route_[r.index] = metrics_.routeStats(r.path, "HEAD");
  }
}

FilterResult MetricsFilter::onRequestHeaders(const Request&, RequestContext&) {
  metrics_.inFlightInc();
  return std::nullopt;
}

void MetricsFilter::onResponse(const Request& request, RequestContext& ctx, Response& response) {
  metrics_.inFlightDec();
  metrics::RouteStats* stats;
  if (ctx.route == nullptr) {
    stats = metrics_.unmatched(request.methodText());
  } else {
    stats = request.method() == Method::kHead && head_by_route_[ctx.route->index] != nullptr
                ? head_by_route_[ctx.route->index]
                : by_route_[ctx.route->index];
  }
  std::chrono::duration<double> elapsed = clock_.monotonicNow() - ctx.start;
  stats->record(response.status, elapsed.count());
}

}  // namespace tars::http::filters
