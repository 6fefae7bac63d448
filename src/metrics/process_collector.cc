#include "metrics/process_collector.h"

#include <unistd.h>

#include <charconv>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/scalar_family.h"

namespace tars::metrics {
namespace {

using prometheus::MetricType;

std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  // procfs files report size 0, so read until EOF instead of sizing a buffer.
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return std::nullopt;
  }
  return std::move(content).str();
}

std::optional<double> parseNumber(std::string_view token) {
  long long value = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc() || end != token.data() + token.size()) {
    return std::nullopt;
  }
  return static_cast<double>(value);
}

// The fields of <proc>/stat that we expose (proc(5)), in their raw units.
struct ProcStat {
  std::optional<double> cpu_ticks;    // utime + stime
  std::optional<double> start_ticks;  // starttime, clock ticks after boot
  std::optional<double> vsize_bytes;
  std::optional<double> rss_pages;
};

ProcStat parseProcStat(std::string_view text) {
  // Field 2, the command name, is in parentheses and may itself contain spaces and ')', so the
  // numeric fields start after the LAST ')'. Token 0 after it is field 3 (state).
  constexpr size_t kUtime = 14 - 3, kStime = 15 - 3, kStartTime = 22 - 3, kVsize = 23 - 3,
                   kRss = 24 - 3;
  ProcStat stat;
  size_t close = text.rfind(')');
  if (close == std::string_view::npos) {
    return stat;
  }
  std::istringstream fields{std::string(text.substr(close + 1))};
  std::vector<std::string> tokens;
  for (std::string token; tokens.size() <= kRss && fields >> token;) {
    tokens.push_back(std::move(token));
  }
  if (tokens.size() <= kRss) {
    return stat;
  }
  std::optional<double> utime = parseNumber(tokens[kUtime]);
  std::optional<double> stime = parseNumber(tokens[kStime]);
  if (utime && stime) {
    stat.cpu_ticks = *utime + *stime;
  }
  stat.start_ticks = parseNumber(tokens[kStartTime]);
  stat.vsize_bytes = parseNumber(tokens[kVsize]);
  stat.rss_pages = parseNumber(tokens[kRss]);
  return stat;
}

// The first whitespace-separated token after the line that starts with `prefix`.
std::optional<std::string> valueAfter(std::string_view text, std::string_view prefix) {
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(prefix)) {
      std::istringstream rest(line.substr(prefix.size()));
      std::string token;
      if (rest >> token) {
        return token;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<double> bootTimeSeconds(const std::string& proc_stat_path) {
  std::optional<std::string> text = readFile(proc_stat_path);
  if (!text) {
    return std::nullopt;
  }
  std::optional<std::string> btime = valueAfter(*text, "btime ");
  return btime ? parseNumber(*btime) : std::nullopt;
}

// Soft limit on open files; empty when "unlimited" (no meaningful number to expose).
std::optional<double> maxFds(const std::string& limits_path) {
  std::optional<std::string> text = readFile(limits_path);
  if (!text) {
    return std::nullopt;
  }
  std::optional<std::string> soft = valueAfter(*text, "Max open files");
  return soft ? parseNumber(*soft) : std::nullopt;
}

std::optional<double> openFds(const std::string& fd_dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(fd_dir, ec);
  if (ec) {
    return std::nullopt;
  }
  // The iterator's own descriptor is among the entries, as in the Go client's count.
  double count = 0;
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) {
      return std::nullopt;
    }
    ++count;
  }
  return count;
}

std::optional<double> times(std::optional<double> value, double factor) {
  return value ? std::optional<double>(*value * factor) : std::nullopt;
}

}  // namespace

ProcessCollector::ProcessCollector(std::string proc_self_dir, std::string proc_stat_path)
    : proc_self_dir_(std::move(proc_self_dir)),
      proc_stat_path_(std::move(proc_stat_path)),
      clock_ticks_per_second_(sysconf(_SC_CLK_TCK)),
      page_size_bytes_(sysconf(_SC_PAGESIZE)) {}

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  try {
    ProcStat stat;
    if (std::optional<std::string> text = readFile(proc_self_dir_ + "/stat")) {
      stat = parseProcStat(*text);
    }
    std::optional<double> start_time;
    if (clock_ticks_per_second_ > 0 && stat.start_ticks) {
      if (std::optional<double> boot = bootTimeSeconds(proc_stat_path_)) {
        start_time = *boot + *stat.start_ticks / static_cast<double>(clock_ticks_per_second_);
      }
    }
    std::optional<double> cpu_seconds;
    if (clock_ticks_per_second_ > 0) {
      cpu_seconds = times(stat.cpu_ticks, 1.0 / static_cast<double>(clock_ticks_per_second_));
    }
    std::optional<double> rss;
    if (page_size_bytes_ > 0) {
      rss = times(stat.rss_pages, static_cast<double>(page_size_bytes_));
    }

    std::vector<prometheus::MetricFamily> families;
    families.push_back(scalarFamily("process_cpu_seconds_total",
                                    "Total user and system CPU time spent in seconds.",
                                    MetricType::Counter, cpu_seconds));
    families.push_back(scalarFamily("process_resident_memory_bytes",
                                    "Resident memory size in bytes.", MetricType::Gauge, rss));
    families.push_back(scalarFamily("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                                    MetricType::Gauge, stat.vsize_bytes));
    families.push_back(scalarFamily("process_open_fds", "Number of open file descriptors.",
                                    MetricType::Gauge, openFds(proc_self_dir_ + "/fd")));
    families.push_back(scalarFamily("process_max_fds", "Maximum number of open file descriptors.",
                                    MetricType::Gauge, maxFds(proc_self_dir_ + "/limits")));
    families.push_back(scalarFamily("process_start_time_seconds",
                                    "Start time of the process since unix epoch in seconds.",
                                    MetricType::Gauge, start_time));
    return families;
  } catch (const std::exception&) {
    // Only allocation failure gets here; a scrape without process metrics beats a failed scrape.
    return {};
  }
}

}  // namespace tars::metrics
