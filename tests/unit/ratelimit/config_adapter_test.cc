#include "ratelimit/config_adapter.h"

#include <gtest/gtest.h>

namespace tars::ratelimit {
namespace {

config::RedisConfig redisUrl(std::string url) {
  config::RedisConfig c;
  c.url = std::move(url);
  return c;
}

TEST(ConfigAdapterTest, RedisUrlParts) {
  auto o = redisOptionsFromConfig(redisUrl("redis://cache.internal:6380/2"));
  ASSERT_TRUE(o.isOk()) << o.status().toString();
  EXPECT_EQ(o->host, "cache.internal");
  EXPECT_EQ(o->port, 6380);
  EXPECT_EQ(o->db, 2);
  EXPECT_TRUE(o->password.empty());
  EXPECT_EQ(o->command_timeout_ms, 25);
  EXPECT_EQ(o->connect_timeout_ms, 100);
  EXPECT_EQ(o->pool_size, 8);

  auto d = redisOptionsFromConfig(redisUrl("redis://localhost"));
  ASSERT_TRUE(d.isOk());
  EXPECT_EQ(d->port, 6379);
  EXPECT_EQ(d->db, 0);

  auto v6 = redisOptionsFromConfig(redisUrl("redis://[::1]:7000"));
  ASSERT_TRUE(v6.isOk());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 7000);
}

TEST(ConfigAdapterTest, RedisCredentials) {
  auto a = redisOptionsFromConfig(redisUrl("redis://:s3cret@h:1/0"));
  ASSERT_TRUE(a.isOk());
  EXPECT_EQ(a->password, "s3cret");
  EXPECT_TRUE(a->username.empty());
  auto b = redisOptionsFromConfig(redisUrl("redis://app:p%40ss%3A@h"));
  ASSERT_TRUE(b.isOk());
  EXPECT_EQ(b->username, "app");
  EXPECT_EQ(b->password, "p@ss:");
  auto c = redisOptionsFromConfig(redisUrl("redis://lonely@h"));
  ASSERT_TRUE(c.isOk());
  EXPECT_EQ(c->password, "lonely");
}

TEST(ConfigAdapterTest, RedisErrorsNeverShowThePassword) {
  for (const char* url :
       {"rediss://:hunter2@h", "redis://:hunter2@h:99999", "redis://:hunter2@h/notanumber",
        "redis://:hunter2%zz@h", "http://:hunter2@h"}) {
    auto o = redisOptionsFromConfig(redisUrl(url));
    ASSERT_FALSE(o.isOk()) << url;
    EXPECT_EQ(o.status().message().find("hunter2"), std::string::npos) << o.status().message();
  }
  EXPECT_FALSE(redisOptionsFromConfig(config::RedisConfig{}).isOk());
}

TEST(ConfigAdapterTest, RateLimitSection) {
  config::RateLimitConfig c;
  c.classes["internal"].algorithm = config::RateLimitAlgorithm::kGcra;
  c.classes["internal"].limit = 77;
  c.failure_mode = config::RateLimitFailureMode::kClosed;
  c.breaker.failure_threshold = 3;
  c.breaker.open_seconds = 9;
  c.memory.max_keys = 123;
  c.trusted_proxies = {"10.0.0.0/8"};

  auto policy = policyFromConfig(c);
  ASSERT_TRUE(policy.isOk()) << policy.status().toString();
  EXPECT_EQ((*policy)->get(ClassId::kInternal),
            (RateClass{ClassId::kInternal, 77, 60, Algorithm::kGcra}));
  EXPECT_EQ((*policy)->get(ClassId::kSensitive).limit, 10);

  FailoverOptions f = failoverOptionsFromConfig(c);
  EXPECT_EQ(f.failure_mode, FailureMode::kClosed);
  EXPECT_EQ(f.breaker.failure_threshold, 3);
  EXPECT_EQ(f.breaker.open_seconds, 9);
  EXPECT_EQ(memoryOptionsFromConfig(c).max_keys, 123);
  auto proxies = trustedProxiesFromConfig(c);
  ASSERT_TRUE(proxies.isOk());
  EXPECT_TRUE(proxies->contains(*IpAddress::parse("10.1.1.1")));

  c.classes["bogus"] = {};
  EXPECT_FALSE(policyFromConfig(c).isOk());
}

TEST(ConfigAdapterTest, DefaultConfigMatchesPolicyDefaults) {
  auto policy = policyFromConfig(config::RateLimitConfig{});
  ASSERT_TRUE(policy.isOk());
  for (const RateClass& c : Policy::defaultClasses()) {
    EXPECT_EQ((*policy)->get(c.id), c) << c.name();
  }
}

}  // namespace
}  // namespace tars::ratelimit
