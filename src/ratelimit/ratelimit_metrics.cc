#include "ratelimit/ratelimit_metrics.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "metrics/fixed_series.h"

namespace tars::ratelimit {
namespace {

template <std::size_t N>
std::vector<std::string> toStrings(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

}  // namespace

StatusOr<std::unique_ptr<RateLimitMetrics>> RateLimitMetrics::Create(metrics::Registry& registry) {
  std::unique_ptr<RateLimitMetrics> m(new RateLimitMetrics());

  TARS_ASSIGN_OR_RETURN(auto* decisions,
                        metrics::makeFamily<prometheus::Counter>(
                            registry.prom(), "tars_ratelimit_decisions_total",
                            "Rate-limit decisions by class, outcome and backend."));
  TARS_ASSIGN_OR_RETURN(std::vector<prometheus::Counter*> decision_series,
                        metrics::initSeries(*decisions, metrics::labelProduct({
                                                            {"class", toStrings(kClassNames)},
                                                            {"outcome", {"allowed", "limited"}},
                                                            {"backend", toStrings(kBackendNames)},
                                                        })));
  std::copy(decision_series.begin(), decision_series.end(), m->decisions_.begin());

  TARS_ASSIGN_OR_RETURN(auto* errors,
                        metrics::makeFamily<prometheus::Counter>(
                            registry.prom(), "tars_ratelimit_backend_errors_total",
                            "Redis rate-limit calls that failed, by reason (timeout, connection, "
                            "script)."));
  TARS_ASSIGN_OR_RETURN(std::vector<prometheus::Counter*> error_series,
                        metrics::initLabelled(*errors, "reason", std::span(kErrorReasonNames)));
  std::copy(error_series.begin(), error_series.end(), m->errors_.begin());

  TARS_ASSIGN_OR_RETURN(auto* fallback, metrics::makeFamily<prometheus::Gauge>(
                                            registry.prom(), "tars_ratelimit_fallback_active",
                                            "1 while the Redis circuit breaker is open and the "
                                            "memory limiter decides, else 0."));
  TARS_ASSIGN_OR_RETURN(std::vector<prometheus::Gauge*> fallback_series,
                        metrics::initSeries(*fallback, {prometheus::Labels{}}));
  m->fallback_active_ = fallback_series.front();

  TARS_ASSIGN_OR_RETURN(auto* keys, metrics::makeFamily<prometheus::Gauge>(
                                        registry.prom(), "tars_ratelimit_memory_keys",
                                        "Token buckets held by the in-memory rate limiter."));
  TARS_ASSIGN_OR_RETURN(std::vector<prometheus::Gauge*> key_series,
                        metrics::initSeries(*keys, {prometheus::Labels{}}));
  m->memory_keys_ = key_series.front();
  return m;
}

}  // namespace tars::ratelimit
