#include "metrics/dependency_metrics.h"

#include <algorithm>
#include <exception>
#include <span>
#include <vector>

#include "metrics/fixed_series.h"

namespace tars::metrics {

StatusOr<std::unique_ptr<DependencyMetrics>> DependencyMetrics::create(Registry& registry) {
  TARS_ASSIGN_OR_RETURN(auto* family, makeFamily<prometheus::Gauge>(
                                          registry.prom(), "tars_dependency_up",
                                          "Whether a dependency is reachable: 1 up, 0 down."));
  TARS_ASSIGN_OR_RETURN(std::vector<prometheus::Gauge*> series,
                        initLabelled(*family, "dependency", std::span(kDependencies)));
  std::array<prometheus::Gauge*, kDependencies.size()> up{};
  std::copy(series.begin(), series.end(), up.begin());
  try {
    return std::unique_ptr<DependencyMetrics>(new DependencyMetrics(up));
  } catch (const std::exception& e) {
    return internalError(std::string("cannot create dependency metrics: ") + e.what());
  }
}

bool DependencyMetrics::set(std::string_view dependency, bool up) noexcept {
  for (size_t i = 0; i < kDependencies.size(); ++i) {
    if (kDependencies[i] == dependency) {
      up_[i]->Set(up ? 1 : 0);
      return true;
    }
  }
  return false;
}

}  // namespace tars::metrics
