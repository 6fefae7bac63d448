#pragma once
// Building block of the scrape-time collectors: a family with one unlabelled sample.

#include <prometheus/metric_family.h>
#include <prometheus/metric_type.h>

#include <optional>
#include <string>

namespace tars::metrics {

// A family `name` of `type` (Counter or Gauge) holding `value` as its one unlabelled sample, or no
// sample when `value` is empty: the family is still exposed (# HELP, # TYPE) but a value that
// could not be read is left out instead of being reported as a false 0.
prometheus::MetricFamily scalarFamily(std::string name, std::string help,
                                      prometheus::MetricType type, std::optional<double> value);

}  // namespace tars::metrics
