#include "metrics/scalar_family.h"

#include <utility>

namespace tars::metrics {

prometheus::MetricFamily scalarFamily(std::string name, std::string help,
                                      prometheus::MetricType type, std::optional<double> value) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  if (value) {
    prometheus::ClientMetric sample;
    if (type == prometheus::MetricType::Counter) {
      sample.counter.value = *value;
    } else {
      sample.gauge.value = *value;
    }
    family.metric.push_back(std::move(sample));
  }
  return family;
}

}  // namespace tars::metrics
