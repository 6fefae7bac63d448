#include "ratelimit/ratelimit_metrics.h"

#include <gtest/gtest.h>

#include <string>

#include "metrics/registry.h"
#include "unit/metrics/exposition_util.h"

namespace tars::ratelimit {
namespace {

using metrics::testing::hasFamily;
using metrics::testing::sampleValue;

TEST(RateLimitMetricsTest, EverySeriesExistsAtZeroFromStart) {
  metrics::Registry registry("v", "r");
  auto m = RateLimitMetrics::Create(registry);
  ASSERT_TRUE(m.isOk()) << m.status().toString();
  const std::string text = registry.serialize();
  EXPECT_TRUE(hasFamily(text, "tars_ratelimit_decisions_total", "counter")) << text;
  EXPECT_TRUE(hasFamily(text, "tars_ratelimit_backend_errors_total", "counter"));
  EXPECT_TRUE(hasFamily(text, "tars_ratelimit_fallback_active", "gauge"));
  EXPECT_TRUE(hasFamily(text, "tars_ratelimit_memory_keys", "gauge"));
  for (std::string_view cls : kClassNames) {
    for (std::string_view outcome : {"allowed", "limited"}) {
      for (std::string_view backend : kBackendNames) {
        const std::string series = "tars_ratelimit_decisions_total{backend=\"" +
                                   std::string(backend) + "\",class=\"" + std::string(cls) +
                                   "\",outcome=\"" + std::string(outcome) + "\"}";
        EXPECT_EQ(sampleValue(text, series), 0) << series << "\n" << text;
      }
    }
  }
  for (std::string_view reason : kErrorReasonNames) {
    EXPECT_EQ(sampleValue(text, "tars_ratelimit_backend_errors_total{reason=\"" +
                                    std::string(reason) + "\"}"),
              0);
  }
  EXPECT_EQ(sampleValue(text, "tars_ratelimit_fallback_active"), 0);
  EXPECT_EQ(sampleValue(text, "tars_ratelimit_memory_keys"), 0);
}

TEST(RateLimitMetricsTest, RecordsIntoTheRightSeries) {
  metrics::Registry registry("v", "r");
  auto m = std::move(RateLimitMetrics::Create(registry)).value();
  m->recordDecision(ClassId::kSensitive, false, Backend::kRedis);
  m->recordDecision(ClassId::kSensitive, false, Backend::kRedis);
  m->recordDecision(ClassId::kStatic, true, Backend::kMemory);
  m->recordBackendError(ErrorReason::kTimeout);
  m->setFallbackActive(true);
  m->addMemoryKeys(3);
  const std::string text = registry.serialize();
  EXPECT_EQ(sampleValue(text,
                        "tars_ratelimit_decisions_total{backend=\"redis\",class=\"sensitive\","
                        "outcome=\"limited\"}"),
            2);
  EXPECT_EQ(sampleValue(text,
                        "tars_ratelimit_decisions_total{backend=\"memory\",class=\"static\","
                        "outcome=\"allowed\"}"),
            1);
  EXPECT_EQ(sampleValue(text,
                        "tars_ratelimit_decisions_total{backend=\"memory\",class=\"sensitive\","
                        "outcome=\"limited\"}"),
            0);
  EXPECT_EQ(sampleValue(text, "tars_ratelimit_backend_errors_total{reason=\"timeout\"}"), 1);
  EXPECT_EQ(sampleValue(text, "tars_ratelimit_fallback_active"), 1);
  EXPECT_EQ(sampleValue(text, "tars_ratelimit_memory_keys"), 3);
}

TEST(RateLimitMetricsTest, TwoOwnersShareTheFamilies) {
  metrics::Registry registry("v", "r");
  auto a = std::move(RateLimitMetrics::Create(registry)).value();
  auto b = RateLimitMetrics::Create(registry);
  ASSERT_TRUE(b.isOk());
  a->recordBackendError(ErrorReason::kScript);
  EXPECT_EQ((*b)->backendErrors(ErrorReason::kScript), 1);
}

}  // namespace
}  // namespace tars::ratelimit
