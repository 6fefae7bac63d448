#include "services/probes/metrics_access.h"

#include <gtest/gtest.h>

namespace tars::probes {
namespace {

TEST(MetricsAccessTest, LoopbackAddresses) {
  EXPECT_TRUE(isLoopbackAddress("127.0.0.1"));
  EXPECT_TRUE(isLoopbackAddress("127.1.2.3"));
  EXPECT_TRUE(isLoopbackAddress("::1"));
  EXPECT_TRUE(isLoopbackAddress("::ffff:127.0.0.1"));
  EXPECT_FALSE(isLoopbackAddress("10.0.0.1"));
  EXPECT_FALSE(isLoopbackAddress("1270.0.0.1"));
  EXPECT_FALSE(isLoopbackAddress(""));
}

TEST(MetricsAccessTest, ModesFailClosed) {
  MetricsAccessPolicy open{MetricsAccessMode::kOpen, false};
  EXPECT_TRUE(metricsOpenTo(open, "203.0.113.9"));
  MetricsAccessPolicy required{MetricsAccessMode::kRequired, true};
  EXPECT_FALSE(metricsOpenTo(required, "127.0.0.1"));
  MetricsAccessPolicy auto_dev{MetricsAccessMode::kAuto, true};
  EXPECT_TRUE(metricsOpenTo(auto_dev, "203.0.113.9"));
  MetricsAccessPolicy auto_prod{MetricsAccessMode::kAuto, false};
  EXPECT_TRUE(metricsOpenTo(auto_prod, "127.0.0.1"));
  EXPECT_FALSE(metricsOpenTo(auto_prod, "203.0.113.9"));
}

}  // namespace
}  // namespace tars::probes
