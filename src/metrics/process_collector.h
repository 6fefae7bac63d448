#pragma once
// Process metrics under the standard names of the Prometheus client libraries, computed at each
// scrape from procfs (the only place tars reads /proc):
//   process_cpu_seconds_total       counter  user + system CPU time          (<proc>/stat)
//   process_resident_memory_bytes   gauge    resident set size               (<proc>/stat)
//   process_virtual_memory_bytes    gauge    virtual memory size             (<proc>/stat)
//   process_open_fds                gauge    open file descriptors           (<proc>/fd)
//   process_max_fds                 gauge    soft limit on open files        (<proc>/limits)
//   process_start_time_seconds      gauge    start, seconds since the epoch  (<proc>/stat + btime)
//
// Every family is exposed (# HELP, # TYPE) at every scrape; a value that cannot be read (file
// missing or malformed, limit "unlimited") is left out rather than reported as a false 0.
//
// Thread safety: Collect() is const, keeps no state and may run concurrently.

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <string>
#include <vector>

namespace tars::metrics {

class ProcessCollector : public prometheus::Collectable {
 public:
  // `proc_self_dir` is the procfs directory of the process (stat, fd/, limits) and
  // `proc_stat_path` the system-wide stat file holding `btime`; tests point both at a fake tree.
  explicit ProcessCollector(std::string proc_self_dir = "/proc/self",
                            std::string proc_stat_path = "/proc/stat");

  // prometheus::Collectable::
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const std::string proc_self_dir_;
  const std::string proc_stat_path_;
  // From sysconf at construction: both are fixed for the life of the process.
  const long clock_ticks_per_second_;
  const long page_size_bytes_;
};

}  // namespace tars::metrics
