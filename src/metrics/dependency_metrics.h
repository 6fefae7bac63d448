#pragma once
// tars_dependency_up{dependency} (spec/tars.md §10.1): 1 while a dependency is reachable, 0 when
// it is down. Every dependency of the fixed set has its series from start, at 0 until the first
// health check sets it, so an alert on `tars_dependency_up == 0` also fires before the first check.
//
// Thread safety: every method is thread-safe and lock-free.
// Lifetimes: the Registry it was created on must outlive it.

#include <prometheus/gauge.h>

#include <array>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "metrics/registry.h"

namespace tars::metrics {

class DependencyMetrics {
 public:
  // The fixed set of the `dependency` label.
  static constexpr std::array<std::string_view, 6> kDependencies = {
      "store", "redis", "keyring", "orchestration", "automl", "hypersync"};

  // Creates (or joins) the family and one series per kDependencies entry, all at 0.
  // Fails with kInvalidArgument if the name is taken by a family of another type.
  static StatusOr<std::unique_ptr<DependencyMetrics>> create(Registry& registry);

  DependencyMetrics(const DependencyMetrics&) = delete;
  DependencyMetrics& operator=(const DependencyMetrics&) = delete;

  // Sets the gauge of `dependency` to 1 (up) or 0 (down).
  // Returns false, changing nothing, if `dependency` is not in kDependencies: a series outside the
  // fixed set is never created.
  bool set(std::string_view dependency, bool up) noexcept;

 private:
  explicit DependencyMetrics(const std::array<prometheus::Gauge*, kDependencies.size()>& up)
      : up_(up) {}

  const std::array<prometheus::Gauge*, kDependencies.size()> up_;
};

}  // namespace tars::metrics
