#pragma once
// Test helpers for reading the Prometheus text exposition and collector output.

#include <prometheus/metric_family.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tars::metrics::testing {

// The value of the sample whose line starts with `series` (metric name plus its label block,
// exactly as serialized, e.g. `x_total{a="b"}`), or nothing if `text` has no such line.
std::optional<double> sampleValue(std::string_view text, std::string_view series);

// True if `text` has the `# HELP name ...` and `# TYPE name <type>` lines of a family.
bool hasFamily(std::string_view text, std::string_view name, std::string_view type);

// The family named `name` among `families`, or null.
const prometheus::MetricFamily* findFamily(const std::vector<prometheus::MetricFamily>& families,
                                           std::string_view name);

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tars::metrics::testing
