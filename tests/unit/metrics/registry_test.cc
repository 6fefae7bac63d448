#include "metrics/registry.h"

#include <gtest/gtest.h>
#include <prometheus/counter.h>

#include <memory>
#include <string>
#include <vector>

#include "metrics/scalar_family.h"
#include "unit/metrics/exposition_util.h"

namespace tars::metrics {
namespace {

using testing::hasFamily;
using testing::sampleValue;

class FixedCollectable : public prometheus::Collectable {
 public:
  // prometheus::Collectable::
  std::vector<prometheus::MetricFamily> Collect() const override {
    return {scalarFamily("test_scrape_value", "A value computed at scrape time.",
                         prometheus::MetricType::Gauge, 42)};
  }
};

TEST(RegistryTest, ExposesBuildInfoFromConstruction) {
  Registry registry("1.2.3", "abc123def456");
  std::string text = registry.serialize();
  EXPECT_TRUE(hasFamily(text, "tars_build_info", "gauge")) << text;
  EXPECT_EQ(sampleValue(text, R"(tars_build_info{revision="abc123def456",version="1.2.3"})"), 1)
      << text;
}

TEST(RegistryTest, ContentTypeIsTextFormat004) {
  EXPECT_EQ(Registry::kContentType, "text/plain; version=0.0.4; charset=utf-8");
}

TEST(RegistryTest, SerializesCollectablesWhileTheyLive) {
  Registry registry("v", "r");
  auto collectable = std::make_shared<FixedCollectable>();
  registry.addCollectable(collectable);

  std::string text = registry.serialize();
  EXPECT_TRUE(hasFamily(text, "test_scrape_value", "gauge")) << text;
  EXPECT_EQ(sampleValue(text, "test_scrape_value"), 42);

  collectable.reset();
  text = registry.serialize();
  EXPECT_EQ(text.find("test_scrape_value"), std::string::npos) << text;
  EXPECT_TRUE(hasFamily(text, "tars_build_info", "gauge"));
}

TEST(RegistryTest, PromIsWhereModulesRegister) {
  Registry registry("v", "r");
  prometheus::BuildCounter()
      .Name("test_events_total")
      .Help("Events.")
      .Register(registry.prom())
      .Add({})
      .Increment(3);
  EXPECT_EQ(sampleValue(registry.serialize(), "test_events_total"), 3);
}

TEST(RegistryTest, SeriesOfAFamilyAreSortedByLabels) {
  Registry registry("v", "r");
  auto& family = prometheus::BuildCounter()
                     .Name("test_sorted_total")
                     .Help("Sorted.")
                     .Register(registry.prom());
  for (const char* value : {"zulu", "alpha", "mike", "bravo"}) {
    family.Add({{"k", value}});
  }
  std::string text = registry.serialize();
  size_t alpha = text.find(R"(k="alpha")");
  size_t bravo = text.find(R"(k="bravo")");
  size_t mike = text.find(R"(k="mike")");
  size_t zulu = text.find(R"(k="zulu")");
  ASSERT_NE(zulu, std::string::npos);
  EXPECT_LT(alpha, bravo);
  EXPECT_LT(bravo, mike);
  EXPECT_LT(mike, zulu);
}

}  // namespace
}  // namespace tars::metrics
