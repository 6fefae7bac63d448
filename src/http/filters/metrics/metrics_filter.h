#pragma once
// MetricsFilter: RED metrics per route template (tars.md §10.1). Per-route series are created
// once at start (HttpMetrics::routeStats) and indexed by RouteSpec::index, so a request costs no
// label lookup.

#include <vector>

#include "core/clock.h"
#include "http/filter/filter.h"
#include "metrics/http_metrics.h"

namespace tars::http::filters {

class MetricsFilter final : public Filter {
 public:
  // `routes` is the router's table; its order must not change afterwards.
  MetricsFilter(metrics::HttpMetrics& metrics, const std::vector<RouteSpec>& routes,
                const Clock& clock);

  // Filter::
  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) override;
  void onResponse(const Request& request, RequestContext& ctx, Response& response) override;

 private:
  metrics::HttpMetrics& metrics_;
  const Clock& clock_;
  // [route.index] for GET/POST/...; HEAD requests on GET routes share the GET series' route
  // label but have their own method label.
  std::vector<metrics::RouteStats*> by_route_;
  std::vector<metrics::RouteStats*> head_by_route_;
};

}  // namespace tars::http::filters
