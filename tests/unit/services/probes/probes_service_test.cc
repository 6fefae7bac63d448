#include "services/probes/probes_service.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "test_util/fake_clock.h"

namespace tars::probes {
namespace {

boost::json::object parse(const std::string& s) {
  return boost::json::parse(s).as_object();
}

TEST(ProbesServiceTest, HealthAggregatesWorstGroup) {
  test::FakeClock clock;
  ProbesService s({"1.2.3", "abc", false}, clock);
  auto [code0, body0] = s.health();
  EXPECT_EQ(code0, 200);
  EXPECT_EQ(parse(body0).at("status").as_string(), "healthy");
  EXPECT_EQ(parse(body0).at("timestamp").as_string(), "2023-11-14T22:13:20.000Z");
  s.addGroup("auth", [] { return GroupHealth{GroupStatus::kHealthy, R"({"status":"healthy"})"}; });
  s.addGroup("automl", [] {
    return GroupHealth{GroupStatus::kDegraded, R"({"status":"degraded"})"};
  });
  auto [code1, body1] = s.health();
  EXPECT_EQ(code1, 200);
  auto o = parse(body1);
  EXPECT_EQ(o.at("status").as_string(), "degraded");
  EXPECT_EQ(o.at("services").as_object().at("automl").as_object().at("status").as_string(),
            "degraded");
  s.addGroup("orchestration", [] {
    return GroupHealth{GroupStatus::kUnhealthy, R"({"status":"unhealthy"})"};
  });
  EXPECT_EQ(s.health().first, 503);
}

TEST(ProbesServiceTest, ReadinessCriticalFailsDegradingDegrades) {
  test::FakeClock clock;
  ProbesService s({"1", "", false}, clock);
  bool redis_up = true, store_up = true;
  s.addCheck({"store", ReadinessCheck::Severity::kCritical,
              [&] { return store_up ? Status::ok() : unavailable("down"); }});
  s.addCheck({"redis", ReadinessCheck::Severity::kDegrading,
              [&] { return redis_up ? Status::ok() : unavailable("down"); }});
  EXPECT_EQ(s.readiness().first, 200);
  EXPECT_EQ(parse(s.readiness().second).at("status").as_string(), "OK");
  redis_up = false;
  EXPECT_EQ(s.readiness().first, 200);
  EXPECT_EQ(parse(s.readiness().second).at("status").as_string(), "DEGRADED");
  store_up = false;
  auto [code, body] = s.readiness();
  EXPECT_EQ(code, 503);
  auto o = parse(body);
  EXPECT_EQ(o.at("status").as_string(), "FAIL");
  EXPECT_EQ(o.at("checks").as_array()[0].as_object().at("status").as_string(), "FAIL");
  EXPECT_EQ(o.at("checks").as_array()[1].as_object().at("status").as_string(), "DEGRADED");
}

TEST(ProbesServiceTest, ThrowingProbeIsAFailureNotACrash) {
  test::FakeClock clock;
  ProbesService s({"1", "", false}, clock);
  s.addCheck({"x", ReadinessCheck::Severity::kCritical, []() -> Status { throw 42; }});
  EXPECT_EQ(s.readiness().first, 503);
}

TEST(ProbesServiceTest, HealthzShape) {
  test::FakeClock clock;
  auto o = parse(ProbesService({"1.0", "unknown", true}, clock).healthz());
  EXPECT_EQ(o.at("status").as_string(), "OK");
  EXPECT_TRUE(o.at("build_hash").is_null());
  EXPECT_TRUE(o.at("tls_enabled").as_bool());
  auto o2 = parse(ProbesService({"1.0", "abc123", false}, clock).healthz());
  EXPECT_EQ(o2.at("build_hash").as_string(), "abc123");
}

}  // namespace
}  // namespace tars::probes
