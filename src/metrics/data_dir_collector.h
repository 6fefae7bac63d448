#pragma once
// tars_data_dir_free_bytes and tars_data_dir_size_bytes (spec/tars.md §10.1): the space of the
// file system holding `data_dir`, from statvfs(3) at each scrape, so an alert sees the disk fill up
// without tars polling it. Free bytes are those available to an unprivileged process (f_bavail),
// i.e. to tars, not the root reserve.
//
// Both families are exposed at every scrape; if statvfs fails (the directory was removed) their
// samples are left out rather than reported as a false 0.
//
// Thread safety: Collect() is const, keeps no state and may run concurrently.

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <string>
#include <utility>
#include <vector>

namespace tars::metrics {

class DataDirCollector : public prometheus::Collectable {
 public:
  explicit DataDirCollector(std::string data_dir) : data_dir_(std::move(data_dir)) {}

  // prometheus::Collectable::
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const std::string data_dir_;
};

}  // namespace tars::metrics
