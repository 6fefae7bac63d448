#include "metrics/http_metrics.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "unit/metrics/exposition_util.h"

namespace tars::metrics {
namespace {

using testing::hasFamily;
using testing::sampleValue;

class HttpMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = HttpMetrics::create(registry_);
    ASSERT_TRUE(created.isOk()) << created.status().toString();
    http_ = std::move(created).value();
  }

  std::optional<double> value(const std::string& series) {
    return sampleValue(registry_.serialize(), series);
  }

  Registry registry_{"1.0.0", "rev"};
  std::unique_ptr<HttpMetrics> http_;
};

TEST_F(HttpMetricsTest, EveryFamilyExposedFromStart) {
  std::string text = registry_.serialize();
  EXPECT_TRUE(hasFamily(text, "tars_http_requests_total", "counter")) << text;
  EXPECT_TRUE(hasFamily(text, "tars_http_request_duration_seconds", "histogram")) << text;
  EXPECT_TRUE(hasFamily(text, "tars_http_requests_in_flight", "gauge")) << text;
  EXPECT_TRUE(hasFamily(text, "tars_http_max_connections_reached_total", "counter")) << text;
  EXPECT_EQ(sampleValue(text, "tars_http_requests_in_flight"), 0);
  EXPECT_EQ(sampleValue(text, "tars_http_max_connections_reached_total"), 0);
}

TEST_F(HttpMetricsTest, UnmatchedSeriesExistFromStart) {
  std::string text = registry_.serialize();
  for (std::string_view method : HttpMetrics::kUnmatchedMethods) {
    std::string labels = "method=\"" + std::string(method) + "\",route=\"unmatched\"";
    EXPECT_EQ(sampleValue(text, "tars_http_requests_total{" + labels + ",status_class=\"4xx\"}"), 0)
        << method;
    EXPECT_EQ(sampleValue(text, "tars_http_request_duration_seconds_count{" + labels + "}"), 0);
  }
  EXPECT_EQ(sampleValue(text, R"(tars_http_requests_total{method="OTHER",route="unmatched",)"
                              R"(status_class="5xx"})"),
            0);
}

TEST_F(HttpMetricsTest, RouteSeriesAreZeroInitialised) {
  http_->routeStats("/health", "GET");
  std::string text = registry_.serialize();
  for (const char* status_class : {"1xx", "2xx", "3xx", "4xx", "5xx"}) {
    EXPECT_EQ(sampleValue(text, std::string(R"(tars_http_requests_total{method="GET",)"
                                            R"(route="/health",status_class=")") +
                                    status_class + "\"}"),
              0)
        << status_class << "\n"
        << text;
  }
  EXPECT_EQ(sampleValue(
                text, R"(tars_http_request_duration_seconds_count{method="GET",route="/health"})"),
            0);
  EXPECT_EQ(
      sampleValue(text, R"(tars_http_request_duration_seconds_sum{method="GET",route="/health"})"),
      0);
}

// cap.md §12.1: bounds print without a trailing ".0". These are prometheus-cpp 1.0.1's spellings.
TEST_F(HttpMetricsTest, BucketBoundsPrintExactly) {
  http_->routeStats("/health", "GET");
  std::string text = registry_.serialize();
  const std::string prefix =
      R"(tars_http_request_duration_seconds_bucket{method="GET",route="/health",le=")";
  for (const char* le : {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
                         "0.25", "0.5", "1", "2.5", "5", "+Inf"}) {
    EXPECT_EQ(sampleValue(text, prefix + le + "\"}"), 0) << le << "\n" << text;
  }
  EXPECT_EQ(text.find(R"(le="1.0")"), std::string::npos);
  EXPECT_EQ(text.find(R"(le="5.0")"), std::string::npos);
}

TEST_F(HttpMetricsTest, SamePairSamePointer) {
  RouteStats* a = http_->routeStats("/api/v1/models/{id}", "GET");
  RouteStats* b = http_->routeStats("/api/v1/models/{id}", "GET");
  RouteStats* c = http_->routeStats("/api/v1/models/{id}", "DELETE");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST_F(HttpMetricsTest, RecordCountsByStatusClassAndObservesDuration) {
  RouteStats* stats = http_->routeStats("/auth/login", "POST");
  stats->record(200, 0.003);
  stats->record(201, 0.0004);
  stats->record(304, 0.2);
  stats->record(429, 7);
  stats->record(503, 0.05);
  stats->record(42, 0.001);  // impossible status: a server bug, counted as 5xx
  stats->record(200, -1);    // clock went backwards: observed as 0
  stats->record(200, std::numeric_limits<double>::quiet_NaN());

  std::string text = registry_.serialize();
  const std::string counter = R"(tars_http_requests_total{method="POST",route="/auth/login",)";
  EXPECT_EQ(sampleValue(text, counter + R"(status_class="1xx"})"), 0);
  EXPECT_EQ(sampleValue(text, counter + R"(status_class="2xx"})"), 4);
  EXPECT_EQ(sampleValue(text, counter + R"(status_class="3xx"})"), 1);
  EXPECT_EQ(sampleValue(text, counter + R"(status_class="4xx"})"), 1);
  EXPECT_EQ(sampleValue(text, counter + R"(status_class="5xx"})"), 2);

  const std::string histogram = "tars_http_request_duration_seconds";
  const std::string labels = R"({method="POST",route="/auth/login")";
  EXPECT_EQ(sampleValue(text, histogram + "_count" + labels + "}"), 8);
  EXPECT_DOUBLE_EQ(*sampleValue(text, histogram + "_sum" + labels + "}"),
                   0.003 + 0.0004 + 0.2 + 7 + 0.05 + 0.001);
  // Cumulative: 0, 0, 0.0004 <= 0.0005; then 0.001; 0.003; 0.05; 0.2; 7 only in +Inf.
  EXPECT_EQ(sampleValue(text, histogram + "_bucket" + labels + R"(,le="0.0005"})"), 3);
  EXPECT_EQ(sampleValue(text, histogram + "_bucket" + labels + R"(,le="0.001"})"), 4);
  EXPECT_EQ(sampleValue(text, histogram + "_bucket" + labels + R"(,le="0.005"})"), 5);
  EXPECT_EQ(sampleValue(text, histogram + "_bucket" + labels + R"(,le="0.05"})"), 6);
  EXPECT_EQ(sampleValue(text, histogram + "_bucket" + labels + R"(,le="0.25"})"), 7);
  EXPECT_EQ(sampleValue(text, histogram + "_bucket" + labels + R"(,le="5"})"), 7);
  EXPECT_EQ(sampleValue(text, histogram + "_bucket" + labels + R"(,le="+Inf"})"), 8);
}

TEST_F(HttpMetricsTest, UnmatchedNeverUsesAClientMethodOutsideTheFixedSet) {
  http_->unmatched("GET")->record(404, 0.001);
  http_->unmatched("BREW")->record(404, 0.001);
  http_->unmatched("get")->record(404, 0.001);
  EXPECT_EQ(http_->unmatched("GET"), http_->unmatched("GET"));
  EXPECT_NE(http_->unmatched("GET"), http_->unmatched("POST"));

  std::string text = registry_.serialize();
  EXPECT_EQ(sampleValue(text, R"(tars_http_requests_total{method="GET",route="unmatched",)"
                              R"(status_class="4xx"})"),
            1);
  EXPECT_EQ(sampleValue(text, R"(tars_http_requests_total{method="OTHER",route="unmatched",)"
                              R"(status_class="4xx"})"),
            2);
  EXPECT_EQ(text.find("BREW"), std::string::npos);
  EXPECT_EQ(text.find(R"(method="get")"), std::string::npos);
}

TEST_F(HttpMetricsTest, InFlightAndMaxConnections) {
  http_->inFlightInc();
  http_->inFlightInc();
  http_->inFlightInc();
  http_->inFlightDec();
  http_->maxConnectionsReached();
  std::string text = registry_.serialize();
  EXPECT_EQ(sampleValue(text, "tars_http_requests_in_flight"), 2);
  EXPECT_EQ(sampleValue(text, "tars_http_max_connections_reached_total"), 1);
}

TEST_F(HttpMetricsTest, ConcurrentRecordsAreAllCounted) {
  RouteStats* stats = http_->routeStats("/api/v1/orchestration/step", "POST");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([stats] {
      for (int i = 0; i < kPerThread; ++i) {
        stats->record(200, 0.001);
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  std::string text = registry_.serialize();
  EXPECT_EQ(sampleValue(text, R"(tars_http_requests_total{method="POST",)"
                              R"(route="/api/v1/orchestration/step",status_class="2xx"})"),
            kThreads * kPerThread);
  EXPECT_EQ(sampleValue(text, R"(tars_http_request_duration_seconds_count{method="POST",)"
                              R"(route="/api/v1/orchestration/step"})"),
            kThreads * kPerThread);
}

TEST_F(HttpMetricsTest, TwoInstancesOnOneRegistryShareSeries) {
  auto second = HttpMetrics::create(registry_);
  ASSERT_TRUE(second.isOk()) << second.status().toString();
  http_->routeStats("/x", "GET")->record(200, 0.001);
  (*second)->routeStats("/x", "GET")->record(200, 0.001);
  EXPECT_EQ(value(R"(tars_http_requests_total{method="GET",route="/x",status_class="2xx"})"), 2);
}

TEST(HttpMetricsCreateTest, FailsWhenANameIsTakenByAnotherType) {
  Registry registry("v", "r");
  prometheus::BuildGauge()
      .Name("tars_http_requests_total")
      .Help("Wrong.")
      .Register(registry.prom());
  auto created = HttpMetrics::create(registry);
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tars::metrics
