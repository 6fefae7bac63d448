// The whole exposition of this module, checked the way Prometheus will read it: every family of
// spec/tars.md §10.1 owned here is present from start, and the REAL `promtool check metrics`
// (Debian package `prometheus`) finds nothing to complain about once every metric is exercised.

#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "metrics/data_dir_collector.h"
#include "metrics/dependency_metrics.h"
#include "metrics/fixed_series.h"
#include "metrics/http_metrics.h"
#include "metrics/process_collector.h"
#include "metrics/registry.h"
#include "unit/metrics/exposition_util.h"

namespace tars::metrics {
namespace {

using testing::hasFamily;
using testing::TempDir;

// A registry wired like the App wires it.
struct Wired {
  explicit Wired(const std::string& data_dir)
      : process(std::make_shared<ProcessCollector>()),
        data_dir(std::make_shared<DataDirCollector>(data_dir)) {
    http = std::move(HttpMetrics::create(registry)).value();
    dependencies = std::move(DependencyMetrics::create(registry)).value();
    registry.addCollectable(process);
    registry.addCollectable(this->data_dir);
  }

  Registry registry{"0.1.0", "0123456789ab"};
  std::unique_ptr<HttpMetrics> http;
  std::unique_ptr<DependencyMetrics> dependencies;
  std::shared_ptr<ProcessCollector> process;
  std::shared_ptr<DataDirCollector> data_dir;
};

// The absolute path of `name` found on PATH, or empty.
std::string findOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

struct RunResult {
  int exit_code = -1;
  std::vector<std::string> lines;  // stdout and stderr together
};

RunResult runPromtool(const std::string& promtool, const std::string& input_file) {
  RunResult result;
  std::string command = "'" + promtool + "' check metrics < '" + input_file + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  std::string output;
  std::array<char, 4096> buffer;
  for (size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) {
    output.append(buffer.data(), n);
  }
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) {
      result.lines.push_back(line);
    }
  }
  return result;
}

TEST(ExpositionTest, EveryFamilyIsExposedBeforeAnyTraffic) {
  TempDir dir;
  Wired wired(dir.path());
  std::string text = wired.registry.serialize();
  const std::vector<std::pair<const char*, const char*>> families = {
      {"tars_build_info", "gauge"},
      {"tars_http_requests_total", "counter"},
      {"tars_http_request_duration_seconds", "histogram"},
      {"tars_http_requests_in_flight", "gauge"},
      {"tars_http_max_connections_reached_total", "counter"},
      {"tars_dependency_up", "gauge"},
      {"tars_data_dir_free_bytes", "gauge"},
      {"tars_data_dir_size_bytes", "gauge"},
      {"process_cpu_seconds_total", "counter"},
      {"process_resident_memory_bytes", "gauge"},
      {"process_virtual_memory_bytes", "gauge"},
      {"process_open_fds", "gauge"},
      {"process_max_fds", "gauge"},
      {"process_start_time_seconds", "gauge"},
  };
  for (const auto& [name, type] : families) {
    EXPECT_TRUE(hasFamily(text, name, type)) << name << "\n" << text;
  }
}

TEST(ExpositionTest, PromtoolCheckMetricsFindsNoProblem) {
  const std::string promtool = findOnPath("promtool");
  ASSERT_FALSE(promtool.empty())
      << "promtool not found on PATH; run scripts/install-deps.sh (Debian package `prometheus`)";

  TempDir dir;
  Wired wired(dir.path());
  // Exercise everything: routes with every status class, unmatched, gauges, dependencies, and a
  // family made with the fixed-series helpers the other modules will use.
  for (const char* route : {"/health", "/auth/login", "/api/v1/models/{id}"}) {
    for (const char* method : {"GET", "POST"}) {
      RouteStats* stats = wired.http->routeStats(route, method);
      for (int status : {101, 200, 302, 404, 503}) {
        stats->record(status, 0.0042);
      }
    }
  }
  wired.http->unmatched("GET")->record(404, 0.0001);
  wired.http->unmatched("BREW")->record(405, 0.0001);
  wired.http->inFlightInc();
  wired.http->maxConnectionsReached();
  EXPECT_TRUE(wired.dependencies->set("store", true));
  auto family =
      makeFamily<prometheus::Counter>(wired.registry.prom(), "tars_ratelimit_decisions_total",
                                      "Rate-limit decisions by class and outcome.");
  ASSERT_TRUE(family.isOk());
  auto series = initSeries(**family, labelProduct({{"class", {"auth", "api"}},
                                                   {"outcome", {"allowed", "limited"}},
                                                   {"backend", {"memory", "redis"}}}));
  ASSERT_TRUE(series.isOk());
  (*series)[0]->Increment();

  const std::string text = wired.registry.serialize();
  const std::string input = dir.path() + "/metrics.txt";
  std::ofstream(input) << text;

  RunResult result = runPromtool(promtool, input);
  // No allowed complaints: every family follows promtool's lint rules (counters end in _total,
  // base units, help text present), so any output line is a regression.
  EXPECT_EQ(result.exit_code, 0) << text;
  for (const std::string& line : result.lines) {
    ADD_FAILURE() << "promtool: " << line;
  }
}

}  // namespace
}  // namespace tars::metrics
