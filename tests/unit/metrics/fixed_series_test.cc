#include "metrics/fixed_series.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "metrics/registry.h"
#include "unit/metrics/exposition_util.h"

namespace tars::metrics {
namespace {

using testing::hasFamily;
using testing::sampleValue;

TEST(LabelProductTest, FirstDimensionVariesSlowest) {
  std::vector<prometheus::Labels> product =
      labelProduct({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  ASSERT_EQ(product.size(), 6u);
  EXPECT_EQ(product[0], (prometheus::Labels{{"a", "1"}, {"b", "x"}}));
  EXPECT_EQ(product[2], (prometheus::Labels{{"a", "1"}, {"b", "z"}}));
  EXPECT_EQ(product[3], (prometheus::Labels{{"a", "2"}, {"b", "x"}}));
  EXPECT_EQ(product[5], (prometheus::Labels{{"a", "2"}, {"b", "z"}}));
}

TEST(LabelProductTest, EdgeCases) {
  EXPECT_EQ(labelProduct({}), std::vector<prometheus::Labels>{prometheus::Labels{}});
  EXPECT_TRUE(labelProduct({{"a", {"1"}}, {"b", {}}}).empty());
}

TEST(CheckHelpTest, RejectsWhatPrometheusCppWouldPrintUnescaped) {
  EXPECT_TRUE(checkHelp("Requests by route.").isOk());
  EXPECT_FALSE(checkHelp("").isOk());
  EXPECT_FALSE(checkHelp("a\\b").isOk());
  EXPECT_FALSE(checkHelp("two\nlines").isOk());
}

TEST(MakeFamilyTest, RejectsInvalidNamesAndHelp) {
  prometheus::Registry prom;
  EXPECT_EQ(makeFamily<prometheus::Counter>(prom, "1bad", "Help.").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(makeFamily<prometheus::Counter>(prom, "good_total", "").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(MakeFamilyTest, SameTypeJoinsOtherTypeFails) {
  prometheus::Registry prom;
  auto first = makeFamily<prometheus::Counter>(prom, "x_total", "X.");
  auto second = makeFamily<prometheus::Counter>(prom, "x_total", "X.");
  ASSERT_TRUE(first.isOk());
  ASSERT_TRUE(second.isOk());
  EXPECT_EQ(*first, *second);

  auto conflict = makeFamily<prometheus::Gauge>(prom, "x_total", "X.");
  EXPECT_EQ(conflict.status().code(), StatusCode::kInvalidArgument);
}

TEST(InitLabelledTest, CreatesEverySeriesAtZeroInValueOrder) {
  Registry registry("v", "r");
  auto family = makeFamily<prometheus::Counter>(registry.prom(), "test_outcomes_total",
                                                "Outcomes of a test.");
  ASSERT_TRUE(family.isOk());
  auto series = initLabelled(**family, "outcome", {"success", "failure", "rate_limited"});
  ASSERT_TRUE(series.isOk()) << series.status().toString();
  ASSERT_EQ(series->size(), 3u);

  std::string text = registry.serialize();
  EXPECT_TRUE(hasFamily(text, "test_outcomes_total", "counter")) << text;
  EXPECT_EQ(sampleValue(text, R"(test_outcomes_total{outcome="success"})"), 0);
  EXPECT_EQ(sampleValue(text, R"(test_outcomes_total{outcome="failure"})"), 0);
  EXPECT_EQ(sampleValue(text, R"(test_outcomes_total{outcome="rate_limited"})"), 0);

  (*series)[1]->Increment();
  EXPECT_EQ(sampleValue(registry.serialize(), R"(test_outcomes_total{outcome="failure"})"), 1);

  // Idempotent: the same label values return the same series.
  auto again = initLabelled(**family, "outcome", {"failure"});
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ((*again)[0], (*series)[1]);
}

TEST(InitLabelledTest, AcceptsAConstantArray) {
  static constexpr std::array<std::string_view, 2> kStates = {"current", "verify_only"};
  prometheus::Registry prom;
  auto family = makeFamily<prometheus::Gauge>(prom, "test_keys", "Keys.");
  ASSERT_TRUE(family.isOk());
  auto series = initLabelled(**family, "status", std::span(kStates));
  ASSERT_TRUE(series.isOk());
  EXPECT_EQ(series->size(), 2u);
}

TEST(InitSeriesTest, HistogramsTakeTheirBuckets) {
  Registry registry("v", "r");
  auto family =
      makeFamily<prometheus::Histogram>(registry.prom(), "test_latency_seconds", "Latency.");
  ASSERT_TRUE(family.isOk());
  auto series = initSeries(**family, labelProduct({{"method", {"a", "b"}}}),
                           prometheus::Histogram::BucketBoundaries{0.1, 1});
  ASSERT_TRUE(series.isOk());
  std::string text = registry.serialize();
  EXPECT_EQ(sampleValue(text, R"(test_latency_seconds_bucket{method="b",le="1"})"), 0) << text;
  EXPECT_EQ(sampleValue(text, R"(test_latency_seconds_count{method="a"})"), 0) << text;
}

TEST(InitSeriesTest, LibraryThrowsBecomeStatus) {
  prometheus::Registry prom;
  auto histograms = makeFamily<prometheus::Histogram>(prom, "test_h_seconds", "H.");
  ASSERT_TRUE(histograms.isOk());
  auto unsorted = initSeries(**histograms, {prometheus::Labels{}},
                             prometheus::Histogram::BucketBoundaries{1, 0.1});
  EXPECT_EQ(unsorted.status().code(), StatusCode::kInvalidArgument);

  auto counters = makeFamily<prometheus::Counter>(prom, "test_c_total", "C.");
  ASSERT_TRUE(counters.isOk());
  auto bad_label = initLabelled(**counters, "bad-label", {"x"});
  EXPECT_EQ(bad_label.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tars::metrics
