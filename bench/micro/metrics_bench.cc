// Costs of the metrics hot path (one RouteStats::record per request) and of a scrape.

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "metrics/data_dir_collector.h"
#include "metrics/dependency_metrics.h"
#include "metrics/http_metrics.h"
#include "metrics/process_collector.h"
#include "metrics/registry.h"

namespace tars::metrics {
namespace {

// Per-request cost: one counter increment and one histogram observation.
void BM_RouteStatsRecord(benchmark::State& state) {
  // Shared by the benchmark's threads, so static; never destroyed, as nothing outlives it.
  static Registry* registry = new Registry("bench", "bench");
  static HttpMetrics* http = HttpMetrics::create(*registry).value().release();
  // Threads share one route's series, the contended case of a hot endpoint.
  RouteStats* stats = http->routeStats("/api/v1/orchestration/step", "POST");
  double seconds = 0.0001;
  for (auto _ : state) {
    stats->record(200, seconds);
    seconds = seconds < 4 ? seconds * 1.7 : 0.0001;  // walk through the buckets
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RouteStatsRecord);
BENCHMARK(BM_RouteStatsRecord)->Threads(2);

// The unmatched path adds a method lookup over a fixed list.
void BM_UnmatchedRecord(benchmark::State& state) {
  Registry registry("bench", "bench");
  std::unique_ptr<HttpMetrics> http = std::move(HttpMetrics::create(registry)).value();
  for (auto _ : state) {
    http->unmatched("OPTIONS")->record(404, 0.0003);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UnmatchedRecord);

// A full scrape with ~100 declared routes (each: 5 counters + a 13-bucket histogram), the
// dependency gauges and both scrape-time collectors.
void BM_Serialize100Routes(benchmark::State& state) {
  Registry registry("bench", "bench");
  std::unique_ptr<HttpMetrics> http = std::move(HttpMetrics::create(registry)).value();
  std::unique_ptr<DependencyMetrics> dependencies =
      std::move(DependencyMetrics::create(registry)).value();
  auto process = std::make_shared<ProcessCollector>();
  auto data_dir = std::make_shared<DataDirCollector>(".");
  registry.addCollectable(process);
  registry.addCollectable(data_dir);
  for (int i = 0; i < 100; ++i) {
    RouteStats* stats =
        http->routeStats("/api/v1/route" + std::to_string(i) + "/{id}", i % 2 ? "GET" : "POST");
    stats->record(200, 0.001 * i);
  }
  size_t bytes = 0;
  for (auto _ : state) {
    std::string text = registry.serialize();
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_Serialize100Routes)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tars::metrics
