// Rate limiting end to end (tars.md §4): the real `tars serve` over HTTP, with the memory backend
// and with a real redis-server shared by two processes, including Redis dying, hanging and
// coming back. Every count here is exact: the limits are small and nothing else talks to the
// processes.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "auth_client.h"
#include "harness/eventually.h"
#include "harness/tars_process.h"
#include "redis_server.h"

namespace tars::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kPublicRoute = "/.well-known/jwks.json";  // class `public`, no credentials

std::string forwardedFor(const std::string& address) {
  return "X-Forwarded-For: " + address + "\r\n";
}

// The readiness check `name`'s status in a /readyz body ("" when absent).
std::string readinessOf(const Reply& r, const std::string& name) {
  if (!r.json.contains("checks"))
    return "";
  for (const auto& c : r.json.at("checks").as_array()) {
    if (c.as_object().at("name").as_string() == name)
      return std::string(c.as_object().at("status").as_string());
  }
  return "";
}

TEST(RateLimitHttpTest, PublicRouteCountsDownAndRefusesWith429) {
  TarsProcess tars({}, {{"TARS_RATELIMIT_CLASSES_PUBLIC_LIMIT", "5"}});
  ASSERT_TRUE(tars.started()) << tars.log();
  AuthClient client(tars.port());
  for (int i = 0; i < 5; ++i) {
    Reply r = client.get(kPublicRoute);
    ASSERT_EQ(r.status, 200) << i << r.body;
    EXPECT_EQ(r.header("X-RateLimit-Limit"), "5");
    EXPECT_EQ(r.header("X-RateLimit-Remaining"), std::to_string(4 - i));
    EXPECT_FALSE(r.header("X-RateLimit-Reset").empty());
  }
  Reply refused = client.get(kPublicRoute);
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(refused.header("X-RateLimit-Remaining"), "0");
  const int retry_after = std::stoi(refused.header("Retry-After"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 12);  // one token refills in 60 s / 5
  EXPECT_EQ(refused.json["retry_after"].as_int64(), retry_after);
  EXPECT_EQ(refused.field("detail"),
            "Rate limit exceeded. Retry after " + std::to_string(retry_after) + " seconds");

  // Probes are exempt: never limited, no headers.
  for (int i = 0; i < 20; ++i) {
    Reply health = client.get("/health");
    ASSERT_EQ(health.status, 200);
    EXPECT_EQ(health.header("X-RateLimit-Limit"), "");
  }
  Reply metrics = client.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.body.find(
          R"(tars_ratelimit_decisions_total{backend="memory",class="public",outcome="allowed"} 5)"),
      std::string::npos)
      << metrics.body.substr(0, 200);
  EXPECT_NE(
      metrics.body.find(
          R"(tars_ratelimit_decisions_total{backend="memory",class="public",outcome="limited"} 1)"),
      std::string::npos);
}

TEST(RateLimitHttpTest, BadCredentialsAreChargedToPublicAndRefusalsAreAudited) {
  TarsProcess tars({}, {{"TARS_RATELIMIT_CLASSES_PUBLIC_LIMIT", "3"},
                        {"TARS_RATELIMIT_CLASSES_DEFAULT_LIMIT", "50"}});
  ASSERT_TRUE(tars.started()) << tars.log();
  AuthClient client(tars.port());
  const std::string forged = AuthClient::bearer("eyJhbGciOiJIUzI1NiJ9.e30.AAAA");
  for (int i = 0; i < 3; ++i) {
    Reply r = client.get("/auth/me", forged);
    ASSERT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.header("X-RateLimit-Limit"), "3");
    EXPECT_EQ(r.header("X-RateLimit-Remaining"), std::to_string(2 - i));
  }
  EXPECT_EQ(client.get("/auth/me", forged).status, 429);
  EXPECT_EQ(client.get("/auth/me").status, 429) << "no credentials is public too";

  Reply login = client.login("admin", "admin123");
  ASSERT_EQ(login.status, 200) << login.body;  // `auth` is another class
  const std::string admin = AuthClient::bearer(std::string(login.json["access_token"].as_string()));
  Reply me = client.get("/auth/me", admin);
  ASSERT_EQ(me.status, 200) << "a valid token is `default`, keyed by the user";
  EXPECT_EQ(me.header("X-RateLimit-Limit"), "50");
  ASSERT_TRUE(eventually(
      [&] {
        Reply events = client.get("/api/v1/audit/events?type=rate_limit.exceeded", admin);
        return events.status == 200 && !events.json["events"].as_array().empty();
      },
      seconds(5)))
      << "rate_limit.exceeded is recorded";
}

TEST(RateLimitHttpTest, LoginIsLimitedByAddressAndByUsernameBehindATrustedProxy) {
  TarsProcess tars({}, {{"TARS_RATELIMIT_CLASSES_AUTH_LIMIT", "3"},
                        {"TARS_RATELIMIT_CLASSES_LOGIN_USER_LIMIT", "4"},
                        {"TARS_TRUSTED_PROXIES", "127.0.0.1/32"}});
  ASSERT_TRUE(tars.started()) << tars.log();
  AuthClient client(tars.port());
  const std::string body = R"({"username":"admin","password":"wrong"})";
  // One address: auth (3) runs out first; the headers describe the tighter class.
  for (int i = 0; i < 3; ++i) {
    Reply r = client.postJson("/auth/login", body, forwardedFor("198.51.100.1"));
    ASSERT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.header("X-RateLimit-Limit"), "3");
  }
  EXPECT_EQ(client.postJson("/auth/login", body, forwardedFor("198.51.100.1")).status, 429);
  // Spraying `admin` from new addresses: login_user (4 per 300 s) has one attempt left.
  Reply fourth = client.postJson("/auth/login", body, forwardedFor("198.51.100.2"));
  EXPECT_EQ(fourth.status, 401);
  EXPECT_EQ(fourth.header("X-RateLimit-Limit"), "4");
  EXPECT_EQ(fourth.header("X-RateLimit-Remaining"), "0");
  Reply sprayed = client.postJson("/auth/login", R"({"username":"ADMIN","password":"x"})",
                                  forwardedFor("198.51.100.3"));
  EXPECT_EQ(sprayed.status, 429) << "usernames are limited case-insensitively";
  // Another account from a fresh address is not affected.
  EXPECT_EQ(client
                .postJson("/auth/login", R"({"username":"viewer","password":"view123"})",
                          forwardedFor("198.51.100.4"))
                .status,
            200);
}

TEST(RateLimitHttpTest, ForwardedForFromAnUntrustedPeerIsIgnored) {
  TarsProcess tars({}, {{"TARS_RATELIMIT_CLASSES_PUBLIC_LIMIT", "2"}});
  ASSERT_TRUE(tars.started()) << tars.log();
  AuthClient client(tars.port());
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(client.get(kPublicRoute, forwardedFor("203.0.113." + std::to_string(i))).status, 200);
  EXPECT_EQ(client.get(kPublicRoute, forwardedFor("203.0.113.99")).status, 429);
  EXPECT_EQ(client.get(kPublicRoute, "X-Forwarded-For: garbage,,::::,999.1.1.1\r\n").status, 429);
  // Control characters never reach the limiter: the parser refuses the head.
  EXPECT_EQ(client.get(kPublicRoute, "X-Forwarded-For: \x01\x02\r\n").status, 400);
}

class SharedRedisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto redis = RedisServer::Start();
    ASSERT_TRUE(redis.isOk()) << redis.status().toString();
    redis_ = std::move(*redis);
  }

  std::map<std::string, std::string> env(const std::string& public_limit,
                                         const std::string& failure_mode = "local") const {
    return {{"TARS_RATELIMIT_BACKEND", "redis"},
            {"TARS_REDIS_URL", redis_->url()},
            {"TARS_RATELIMIT_CLASSES_PUBLIC_LIMIT", public_limit},
            {"TARS_RATELIMIT_FAILURE_MODE", failure_mode},
            {"TARS_RATELIMIT_BREAKER_OPEN_SECONDS", "1"}};
  }

  // `threads` clients each sending `per_thread` requests, alternating between the two ports;
  // returns {allowed, refused, other}.
  static std::array<int, 3> hammer(std::uint16_t a, std::uint16_t b, int threads, int per_thread) {
    std::atomic<int> allowed{0}, refused{0}, other{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        AuthClient ca(a), cb(b);
        for (int i = 0; i < per_thread; ++i) {
          const int status = ((t + i) % 2 == 0 ? ca : cb).get(kPublicRoute).status;
          (status == 200 ? allowed : status == 429 ? refused : other)++;
        }
      });
    }
    for (auto& th : pool)
      th.join();
    return {allowed.load(), refused.load(), other.load()};
  }

  std::unique_ptr<RedisServer> redis_;
};

TEST_F(SharedRedisTest, TwoProcessesShareOneExactQuota) {
  TarsProcess a({}, env("25"));
  TarsProcess b({}, env("25"));
  ASSERT_TRUE(a.started()) << a.log();
  ASSERT_TRUE(b.started()) << b.log();
  auto [allowed, refused, other] = hammer(a.port(), b.port(), 8, 10);
  EXPECT_EQ(allowed, 25) << "exactly the limit across both replicas";
  EXPECT_EQ(refused, 55);
  EXPECT_EQ(other, 0);
  AuthClient client(a.port());
  Reply ready = client.get("/readyz");
  EXPECT_EQ(readinessOf(ready, "ratelimit"), "OK") << ready.body;
  EXPECT_EQ(readinessOf(ready, "redis"), "OK") << ready.body;
}

TEST_F(SharedRedisTest, RedisDyingFallsBackToMemoryWithoutErrorsAndRecovers) {
  TarsProcess a({}, env("1000"));
  TarsProcess b({}, env("1000"));
  ASSERT_TRUE(a.started()) << a.log();
  ASSERT_TRUE(b.started()) << b.log();
  AuthClient client(a.port());
  ASSERT_EQ(client.get(kPublicRoute).header("X-RateLimit-Remaining"), "999");

  std::atomic<bool> stop{false};
  std::atomic<int> server_errors{0}, answered{0};
  std::thread load([&] {
    AuthClient ca(a.port()), cb(b.port());
    for (int i = 0; !stop; ++i) {
      const int status = (i % 2 == 0 ? ca : cb).get(kPublicRoute).status;
      answered++;
      if (status == 0 || status >= 500)
        server_errors++;
    }
  });
  std::this_thread::sleep_for(milliseconds(300));
  redis_->kill();
  EXPECT_TRUE(eventually(
      [&] { return readinessOf(client.get("/readyz"), "ratelimit") == "DEGRADED"; }, seconds(5)))
      << "the breaker opens and /readyz says so";
  Reply degraded = client.get("/readyz");
  EXPECT_EQ(degraded.status, 200);
  EXPECT_EQ(degraded.field("status"), "DEGRADED");
  EXPECT_EQ(readinessOf(degraded, "redis"), "DEGRADED");
  const int before = answered.load();
  std::this_thread::sleep_for(milliseconds(500));
  EXPECT_GT(answered.load(), before + 10) << "decisions continue from memory";
  Reply metrics = client.get("/metrics");
  EXPECT_NE(metrics.body.find("tars_ratelimit_fallback_active 1"), std::string::npos);

  ASSERT_TRUE(redis_->restart().isOk());
  EXPECT_TRUE(eventually([&] { return readinessOf(client.get("/readyz"), "ratelimit") == "OK"; },
                         seconds(10)))
      << "the probe closes the breaker by itself";
  stop = true;
  load.join();
  EXPECT_EQ(server_errors.load(), 0) << "no 5xx and no dropped connection while Redis was away";

  // Shared again: a fresh Redis starts the count anew for both processes.
  AuthClient cb(b.port());
  const int first = std::stoi(client.get(kPublicRoute).header("X-RateLimit-Remaining"));
  const int second = std::stoi(cb.get(kPublicRoute).header("X-RateLimit-Remaining"));
  EXPECT_EQ(second, first - 1) << "both processes count in one Redis key again";
}

TEST_F(SharedRedisTest, AHungRedisIsAnsweredWithinTheTimeout) {
  TarsProcess a({}, env("1000"));
  ASSERT_TRUE(a.started()) << a.log();
  AuthClient client(a.port());
  ASSERT_EQ(client.get(kPublicRoute).status, 200);
  redis_->pause();
  for (int i = 0; i < 10; ++i) {
    const auto started = std::chrono::steady_clock::now();
    Reply r = client.get(kPublicRoute);
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(r.status, 200) << i;
    EXPECT_LT(took, milliseconds(1000)) << "bounded by redis.command_timeout_ms (25 ms)";
  }
  redis_->resume();
}

TEST_F(SharedRedisTest, ClosedModeRefusesWith503WhenRedisIsDown) {
  TarsProcess a({}, env("1000", "closed"));
  ASSERT_TRUE(a.started()) << a.log();
  AuthClient client(a.port());
  ASSERT_EQ(client.get(kPublicRoute).status, 200);
  redis_->kill();
  Reply r = client.get(kPublicRoute);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.header("Retry-After"), "1");
  EXPECT_NE(r.body.find("Rate limiter unavailable"), std::string::npos);
  EXPECT_EQ(client.get("/health").status, 200) << "exempt routes never ask the limiter";
}

}  // namespace
}  // namespace tars::test
