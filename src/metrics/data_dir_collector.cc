#include "metrics/data_dir_collector.h"

#include <sys/statvfs.h>

#include <exception>
#include <optional>

#include "metrics/scalar_family.h"

namespace tars::metrics {

std::vector<prometheus::MetricFamily> DataDirCollector::Collect() const {
  try {
    std::optional<double> free_bytes;
    std::optional<double> size_bytes;
    struct statvfs fs {};
    if (statvfs(data_dir_.c_str(), &fs) == 0) {
      free_bytes = static_cast<double>(fs.f_bavail) * static_cast<double>(fs.f_frsize);
      size_bytes = static_cast<double>(fs.f_blocks) * static_cast<double>(fs.f_frsize);
    }
    std::vector<prometheus::MetricFamily> families;
    families.push_back(
        scalarFamily("tars_data_dir_free_bytes",
                     "Bytes available to tars on the file system holding the data directory.",
                     prometheus::MetricType::Gauge, free_bytes));
    families.push_back(scalarFamily("tars_data_dir_size_bytes",
                                    "Total size in bytes of the file system holding the data "
                                    "directory.",
                                    prometheus::MetricType::Gauge, size_bytes));
    return families;
  } catch (const std::exception&) {
    // Only allocation failure gets here; a scrape without these beats a failed scrape.
    return {};
  }
}

}  // namespace tars::metrics
