#pragma once
// Test helpers for reading the Prometheus text exposition and collector output.

#include <prometheus/metric_family.h>

#include <optional>
#include <string>
#include <string_view>

#include <vector>
#include "harness/temp_dir.h"

namespace tars::metrics::testing {

// The value of the sample whose line starts with `series` (metric name plus its label block,
// exactly as serialized, e.g. `x_total{a="b"}`), or nothing if `text` has no such line.
std::optional<double> sampleValue(std::string_view text, std::string_view series);

// True if `text` has the `# HELP name ...` and `# TYPE name <type>` lines of a family.
bool hasFamily(std::string_view text, std::string_view name, std::string_view type);

// The family named `name` among `families`, or null.
const prometheus::MetricFamily* findFamily(const std::vector<prometheus::MetricFamily>& families,
                                           std::string_view name);

using ::tars::test::TempDir;  // harness/temp_dir.h

}  // namespace tars::metrics::testing
