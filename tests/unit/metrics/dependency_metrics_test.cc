#include "metrics/dependency_metrics.h"

#include <gtest/gtest.h>

#include <string>

#include "unit/metrics/exposition_util.h"

namespace tars::metrics {
namespace {

using testing::hasFamily;
using testing::sampleValue;

std::string upSeries(std::string_view dependency) {
  return "tars_dependency_up{dependency=\"" + std::string(dependency) + "\"}";
}

TEST(DependencyMetricsTest, EveryDependencyExistsAtZeroFromStart) {
  Registry registry("v", "r");
  auto metrics = DependencyMetrics::create(registry);
  ASSERT_TRUE(metrics.isOk()) << metrics.status().toString();
  std::string text = registry.serialize();
  EXPECT_TRUE(hasFamily(text, "tars_dependency_up", "gauge")) << text;
  for (const char* dependency :
       {"store", "redis", "keyring", "orchestration", "automl", "hypersync"}) {
    EXPECT_EQ(sampleValue(text, upSeries(dependency)), 0) << dependency << "\n" << text;
  }
}

TEST(DependencyMetricsTest, SetUpAndDown) {
  Registry registry("v", "r");
  auto metrics = DependencyMetrics::create(registry);
  ASSERT_TRUE(metrics.isOk());
  EXPECT_TRUE((*metrics)->set("redis", true));
  EXPECT_TRUE((*metrics)->set("store", true));
  EXPECT_TRUE((*metrics)->set("store", false));
  std::string text = registry.serialize();
  EXPECT_EQ(sampleValue(text, upSeries("redis")), 1);
  EXPECT_EQ(sampleValue(text, upSeries("store")), 0);
  EXPECT_EQ(sampleValue(text, upSeries("keyring")), 0);
}

TEST(DependencyMetricsTest, UnknownDependencyCreatesNoSeries) {
  Registry registry("v", "r");
  auto metrics = DependencyMetrics::create(registry);
  ASSERT_TRUE(metrics.isOk());
  EXPECT_FALSE((*metrics)->set("postgres", true));
  EXPECT_EQ(registry.serialize().find("postgres"), std::string::npos);
}

}  // namespace
}  // namespace tars::metrics
