#include "metrics/http_metrics.h"

#include <cmath>
#include <exception>
#include <vector>

#include "metrics/fixed_series.h"

namespace tars::metrics {
namespace {

constexpr std::array<std::string_view, 5> kStatusClassLabels = {"1xx", "2xx", "3xx", "4xx", "5xx"};

}  // namespace

void RouteStats::record(int http_status, double seconds) noexcept {
  size_t index = kStatusClasses - 1;  // out-of-range statuses count as 5xx
  if (http_status >= 100 && http_status <= 599) {
    index = static_cast<size_t>(http_status / 100 - 1);
  }
  by_class_[index]->Increment();
  // `!(seconds > 0)` also catches NaN.
  duration_->Observe(seconds > 0 ? seconds : 0.0);
}

StatusOr<std::unique_ptr<HttpMetrics>> HttpMetrics::create(Registry& registry) {
  prometheus::Registry& prom = registry.prom();
  TARS_ASSIGN_OR_RETURN(auto* requests,
                        makeFamily<prometheus::Counter>(
                            prom, "tars_http_requests_total",
                            "HTTP responses by route template, method and status class."));
  TARS_ASSIGN_OR_RETURN(
      auto* duration,
      makeFamily<prometheus::Histogram>(
          prom, "tars_http_request_duration_seconds",
          "Time from request headers received to response written, by route template and method."));
  TARS_ASSIGN_OR_RETURN(auto* in_flight_family,
                        makeFamily<prometheus::Gauge>(prom, "tars_http_requests_in_flight",
                                                      "HTTP requests being served right now."));
  TARS_ASSIGN_OR_RETURN(
      auto* max_connections_family,
      makeFamily<prometheus::Counter>(
          prom, "tars_http_max_connections_reached_total",
          "Times the listener stopped accepting because server.max_connections was reached."));
  TARS_ASSIGN_OR_RETURN(auto in_flight, initSeries(*in_flight_family, {prometheus::Labels{}}));
  TARS_ASSIGN_OR_RETURN(auto max_connections,
                        initSeries(*max_connections_family, {prometheus::Labels{}}));

  try {
    // Not make_unique: the constructor is private.
    std::unique_ptr<HttpMetrics> metrics(
        new HttpMetrics(*requests, *duration, *in_flight[0], *max_connections[0]));
    std::lock_guard lock(metrics->mutex_);
    for (size_t i = 0; i < kUnmatchedMethods.size(); ++i) {
      metrics->unmatched_[i] = metrics->routeStatsLocked(kUnmatchedRoute, kUnmatchedMethods[i]);
    }
    metrics->unmatched_.back() = metrics->routeStatsLocked(kUnmatchedRoute, kOtherMethod);
    return metrics;
  } catch (const std::exception& e) {
    return internalError(std::string("cannot create HTTP metrics: ") + e.what());
  }
}

RouteStats* HttpMetrics::routeStats(std::string_view route_template,
                                    std::string_view method) noexcept {
  std::lock_guard lock(mutex_);
  return routeStatsLocked(route_template, method);
}

RouteStats* HttpMetrics::routeStatsLocked(std::string_view route_template,
                                          std::string_view method) {
  std::pair<std::string, std::string> key(route_template, method);
  auto it = routes_.find(key);
  if (it != routes_.end()) {
    return it->second.get();
  }
  // Label names are constants and the buckets are sorted, so prometheus-cpp can only throw
  // std::bad_alloc here; routeStats() is noexcept, which turns that into termination.
  std::array<prometheus::Counter*, RouteStats::kStatusClasses> by_class{};
  for (size_t i = 0; i < by_class.size(); ++i) {
    by_class[i] = &requests_.Add({{"route", key.first},
                                  {"method", key.second},
                                  {"status_class", std::string(kStatusClassLabels[i])}});
  }
  prometheus::Histogram* duration = &duration_.Add(
      {{"route", key.first}, {"method", key.second}},
      prometheus::Histogram::BucketBoundaries(kDurationBuckets.begin(), kDurationBuckets.end()));
  std::unique_ptr<RouteStats> stats(new RouteStats(by_class, duration));
  RouteStats* result = stats.get();
  routes_.emplace(std::move(key), std::move(stats));
  return result;
}

RouteStats* HttpMetrics::unmatched(std::string_view method) noexcept {
  for (size_t i = 0; i < kUnmatchedMethods.size(); ++i) {
    if (method == kUnmatchedMethods[i]) {
      return unmatched_[i];
    }
  }
  return unmatched_.back();
}

}  // namespace tars::metrics
