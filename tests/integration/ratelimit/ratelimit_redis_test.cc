// The rate-limiting engine against a real redis-server (spec/tars.md §4.4–§4.6): exact limits
// shared by independent limiters and processes, script reload, failover to memory when Redis dies
// or hangs, and recovery.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "metrics/registry.h"
#include "ratelimit/failover_limiter.h"
#include "ratelimit/memory_token_bucket.h"
#include "ratelimit/ratelimit_metrics.h"
#include "ratelimit/redis/redis_limiter.h"
#include "redis/client.h"
#include "redis_server.h"

namespace tars::ratelimit {
namespace {

using redis::RedisLimiter;
using std::chrono::milliseconds;
using std::chrono::steady_clock;
using ::tars::redis::Client;
using ::tars::redis::Reply;
using test::RedisServer;

std::unique_ptr<RedisServer> startRedis(std::vector<std::string> args = {}) {
  auto server = RedisServer::Start(std::move(args));
  EXPECT_TRUE(server.isOk()) << server.status().toString();
  return server.isOk() ? std::move(server).value() : nullptr;
}

RedisOptions optionsFor(int port, int command_timeout_ms = 2000, int pool_size = 8) {
  RedisOptions o;
  o.host = "127.0.0.1";
  o.port = port;
  o.command_timeout_ms = command_timeout_ms;
  o.connect_timeout_ms = 100;
  o.pool_size = pool_size;
  return o;
}

std::unique_ptr<RedisLimiter> redisLimiter(const RedisOptions& options,
                                           RateLimitMetrics* metrics = nullptr) {
  auto client = Client::Create(options);
  EXPECT_TRUE(client.isOk()) << client.status().toString();
  auto limiter = RedisLimiter::Create(std::move(client).value(), {}, metrics);
  EXPECT_TRUE(limiter.isOk()) << limiter.status().toString();
  return std::move(limiter).value();
}

// A separate client for inspecting Redis.
std::unique_ptr<Client> inspector(int port) {
  return std::move(Client::Create(optionsFor(port))).value();
}

Reply cmd(Client& client, std::vector<std::string_view> argv) {
  auto reply = client.command(argv);
  EXPECT_TRUE(reply.isOk()) << reply.status().toString();
  return reply.isOk() ? *reply : Reply{};
}

int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Runs `threads` threads each calling decide() `per_thread` times on `limiter`; returns the number
// allowed and adds errors to `errors`.
int hammer(Limiter& limiter, std::string_view key, const RateClass& c, int threads, int per_thread,
           std::atomic<int>& errors) {
  std::atomic<int> allowed{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) {
        StatusOr<Decision> d = limiter.decide(key, c);
        if (!d.isOk()) {
          errors.fetch_add(1);
        } else if (d->allowed) {
          allowed.fetch_add(1);
        }
      }
    });
  }
  for (auto& t : pool) {
    t.join();
  }
  return allowed.load();
}

class AlgorithmTest : public ::testing::TestWithParam<Algorithm> {};

INSTANTIATE_TEST_SUITE_P(Redis, AlgorithmTest,
                         ::testing::Values(Algorithm::kSlidingWindow, Algorithm::kGcra),
                         [](const auto& param_info) {
                           return param_info.param == Algorithm::kGcra ? "Gcra" : "SlidingWindow";
                         });

TEST_P(AlgorithmTest, ExactLimitAcrossTwoIndependentLimiters) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  auto a = redisLimiter(optionsFor(server->port(), 2000, 4));
  auto b = redisLimiter(optionsFor(server->port(), 2000, 4));
  const RateClass c{ClassId::kDefault, 50, 60, GetParam()};

  std::atomic<int> errors{0};
  std::atomic<int> allowed{0};
  std::thread ta([&] { allowed += hammer(*a, "user:shared", c, 4, 40, errors); });
  std::thread tb([&] { allowed += hammer(*b, "user:shared", c, 4, 40, errors); });
  ta.join();
  tb.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(allowed.load(), 50);  // 320 attempts, exactly `limit` pass

  auto probe = inspector(server->port());
  Reply type = cmd(*probe, {"TYPE", "ratelimit:default:user:shared"});
  EXPECT_EQ(type.str, GetParam() == Algorithm::kGcra ? "string" : "zset");
  if (GetParam() == Algorithm::kSlidingWindow) {
    EXPECT_EQ(cmd(*probe, {"ZCARD", "ratelimit:default:user:shared"}).integer, 50);
  }
}

TEST_P(AlgorithmTest, ExactLimitAcrossTwoProcesses) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  const RateClass c{ClassId::kInternal, 40, 60, GetParam()};
  int start_pipe[2];
  int result_pipe[2];
  ASSERT_EQ(::pipe(start_pipe), 0);
  ASSERT_EQ(::pipe(result_pipe), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The second "tars process": its own pool and limiter, nothing shared but Redis.
    auto client = Client::Create(optionsFor(server->port(), 2000, 4));
    auto limiter = RedisLimiter::Create(std::move(client).value(), {}, nullptr);
    char go = 0;
    if (!limiter.isOk() || ::read(start_pipe[0], &go, 1) != 1) {
      ::_exit(2);
    }
    std::atomic<int> errors{0};
    int result[2] = {hammer(**limiter, "key:k1", c, 4, 25, errors), errors.load()};
    ::_exit(::write(result_pipe[1], result, sizeof(result)) == sizeof(result) ? 0 : 3);
  }
  auto limiter = redisLimiter(optionsFor(server->port(), 2000, 4));
  ASSERT_EQ(::write(start_pipe[1], "g", 1), 1);
  std::atomic<int> errors{0};
  const int here = hammer(*limiter, "key:k1", c, 4, 25, errors);
  int there[2] = {-1, -1};
  EXPECT_EQ(::read(result_pipe[0], there, sizeof(there)), static_cast<ssize_t>(sizeof(there)));
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  for (int fd : {start_pipe[0], start_pipe[1], result_pipe[0], result_pipe[1]}) {
    ::close(fd);
  }
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(there[1], 0);
  EXPECT_EQ(here + there[0], 40) << "here " << here << ", there " << there[0];
}

TEST_P(AlgorithmTest, QuotaReturnsAfterTheWindow) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  auto limiter = redisLimiter(optionsFor(server->port()));
  const RateClass c{ClassId::kAuth, 5, 1, GetParam()};
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 5; ++i) {
      StatusOr<Decision> d = limiter->decide("ip:192.0.2.1", c);
      ASSERT_TRUE(d.isOk()) << d.status().toString();
      EXPECT_TRUE(d->allowed) << "round " << round << " request " << i;
      EXPECT_EQ(d->remaining, 4 - i);
    }
    StatusOr<Decision> refused = limiter->decide("ip:192.0.2.1", c);
    ASSERT_TRUE(refused.isOk());
    EXPECT_FALSE(refused->allowed);
    EXPECT_EQ(refused->remaining, 0);
    EXPECT_EQ(refused->retry_after, 1);
    std::this_thread::sleep_for(milliseconds(1100));
  }
}

TEST_P(AlgorithmTest, DecisionValuesAndKeyExpiry) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  auto limiter = redisLimiter(optionsFor(server->port()));
  const RateClass c{ClassId::kPublic, 3, 60, GetParam()};
  const int64_t before = nowSeconds();
  StatusOr<Decision> first = limiter->decide("ip:198.51.100.7", c);
  ASSERT_TRUE(first.isOk());
  EXPECT_TRUE(first->allowed);
  EXPECT_EQ(first->limit, 3);
  EXPECT_EQ(first->remaining, 2);
  EXPECT_EQ(first->retry_after, 0);
  // Sliding window: the newest member leaves after the window; GCRA: TAT = now + T (20 s).
  const int64_t expected_reset = GetParam() == Algorithm::kGcra ? 20 : 60;
  EXPECT_GE(first->reset_at, before + expected_reset);
  EXPECT_LE(first->reset_at, nowSeconds() + expected_reset + 1);

  (void)limiter->decide("ip:198.51.100.7", c);
  (void)limiter->decide("ip:198.51.100.7", c);
  StatusOr<Decision> refused = limiter->decide("ip:198.51.100.7", c);
  ASSERT_TRUE(refused.isOk());
  EXPECT_FALSE(refused->allowed);
  // Sliding window: the oldest member leaves after ~60 s; GCRA: TAT − now − (window − T) ≈ 20 s.
  const int64_t expected_retry = GetParam() == Algorithm::kGcra ? 20 : 60;
  EXPECT_GE(refused->retry_after, expected_retry - 2);
  EXPECT_LE(refused->retry_after, expected_retry);
  EXPECT_GE(refused->reset_at, before + 59);
  EXPECT_LE(refused->reset_at, nowSeconds() + 61);

  auto probe = inspector(server->port());
  const int64_t pttl = cmd(*probe, {"PTTL", "ratelimit:public:ip:198.51.100.7"}).integer;
  EXPECT_GT(pttl, 0);
  EXPECT_LE(pttl, 60000);
}

TEST_P(AlgorithmTest, ReloadsScriptsAfterScriptFlush) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  metrics::Registry registry("v", "r");
  auto metrics = std::move(RateLimitMetrics::Create(registry)).value();
  auto limiter = redisLimiter(optionsFor(server->port()), metrics.get());
  const RateClass c{ClassId::kDefault, 10, 60, GetParam()};
  ASSERT_TRUE(limiter->decide("user:1", c).isOk());
  auto probe = inspector(server->port());
  EXPECT_EQ(cmd(*probe, {"SCRIPT", "FLUSH"}).str, "OK");
  StatusOr<Decision> d = limiter->decide("user:1", c);
  ASSERT_TRUE(d.isOk()) << d.status().toString();
  EXPECT_EQ(d->remaining, 8);
  EXPECT_EQ(metrics->backendErrors(ErrorReason::kScript), 0);
  EXPECT_EQ(metrics->decisions(ClassId::kDefault, true, Backend::kRedis), 2);
}

TEST_P(AlgorithmTest, AlgorithmSwitchReplacesTheOldKey) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  auto limiter = redisLimiter(optionsFor(server->port()));
  const Algorithm other =
      GetParam() == Algorithm::kGcra ? Algorithm::kSlidingWindow : Algorithm::kGcra;
  ASSERT_TRUE(limiter->decide("user:1", RateClass{ClassId::kDefault, 10, 60, other}).isOk());
  StatusOr<Decision> d =
      limiter->decide("user:1", RateClass{ClassId::kDefault, 10, 60, GetParam()});
  ASSERT_TRUE(d.isOk()) << d.status().toString();
  EXPECT_TRUE(d->allowed);
}

TEST(RedisLimiterTest, KeysWithOddBytesAreStoredVerbatim) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  auto limiter = redisLimiter(optionsFor(server->port()));
  const std::string key("ip:\0\xff\r\n ", 8);
  const RateClass c{ClassId::kPublic, 1, 60, Algorithm::kSlidingWindow};
  EXPECT_TRUE(limiter->decide(key, c)->allowed);
  EXPECT_FALSE(limiter->decide(key, c)->allowed);
  EXPECT_TRUE(limiter->decide(std::string("ip:\0", 4), c)->allowed);
  auto probe = inspector(server->port());
  const std::string redis_key = "ratelimit:public:" + key;
  EXPECT_EQ(cmd(*probe, {"EXISTS", redis_key}).integer, 1);
}

TEST(RedisLimiterTest, RedisDownAtStartIsAnErrorNotADecision) {
  metrics::Registry registry("v", "r");
  auto metrics = std::move(RateLimitMetrics::Create(registry)).value();
  const int port = test::freeLoopbackPort();  // nothing listens
  auto limiter = redisLimiter(optionsFor(port, 25), metrics.get());
  StatusOr<Decision> d = limiter->decide("user:1", RateClass{});
  ASSERT_FALSE(d.isOk());
  EXPECT_EQ(d.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(metrics->backendErrors(ErrorReason::kConnection), 1);
}

TEST(RedisLimiterTest, PasswordIsSentAndNeverShown) {
  auto server = startRedis({"--requirepass", "pw-correct"});
  ASSERT_TRUE(server);
  RedisOptions good = optionsFor(server->port());
  good.password = "pw-correct";
  auto limiter = redisLimiter(good);
  StatusOr<Decision> ok = limiter->decide("user:1", RateClass{});
  ASSERT_TRUE(ok.isOk()) << ok.status().toString();

  RedisOptions bad = optionsFor(server->port());
  bad.password = "pw-wrong-secret";
  auto refused = redisLimiter(bad);
  StatusOr<Decision> d = refused->decide("user:1", RateClass{});
  ASSERT_FALSE(d.isOk());
  EXPECT_EQ(d.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(d.status().message().find("pw-wrong-secret"), std::string::npos);
  EXPECT_NE(d.status().message().find("AUTH"), std::string::npos) << d.status().message();
}

TEST(RedisLimiterTest, MoreThreadsThanPooledConnections) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  auto limiter = redisLimiter(optionsFor(server->port(), 2000, 2));
  std::atomic<int> errors{0};
  const RateClass c{ClassId::kInternal, 100, 60, Algorithm::kSlidingWindow};
  EXPECT_EQ(hammer(*limiter, "key:pool", c, 8, 50, errors), 100);
  EXPECT_EQ(errors.load(), 0);
}

TEST(RedisClientTest, PingFollowsTheServer) {
  auto server = startRedis();
  ASSERT_TRUE(server);
  auto client = std::move(Client::Create(optionsFor(server->port(), 100))).value();
  EXPECT_TRUE(client->ping().isOk());
  server->kill();
  EXPECT_FALSE(client->ping().isOk());
  ASSERT_TRUE(server->restart().isOk());
  EXPECT_TRUE(client->ping().isOk());
}

// The failover limiter over a real Redis, with the spec's timeouts (25 ms command, 100 ms connect).
class FailoverTest : public ::testing::Test {
 protected:
  void build(FailureMode mode, int open_seconds) {
    server_ = startRedis();
    ASSERT_TRUE(server_);
    auto memory = MemoryTokenBucket::Create({}, clock_, metrics_.get());
    ASSERT_TRUE(memory.isOk());
    auto limiter = FailoverLimiter::Create(
        redisLimiter(optionsFor(server_->port(), 25), metrics_.get()), std::move(memory).value(),
        FailoverOptions{mode, BreakerOptions{5, open_seconds}}, clock_, metrics_.get());
    ASSERT_TRUE(limiter.isOk());
    limiter_ = std::move(limiter).value();
  }

  SystemClock clock_;
  metrics::Registry registry_{"v", "r"};
  std::unique_ptr<RateLimitMetrics> metrics_ =
      std::move(RateLimitMetrics::Create(registry_)).value();
  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<FailoverLimiter> limiter_;
};

TEST_F(FailoverTest, KillRedisUnderLoadThenRestart) {
  build(FailureMode::kLocal, 1);
  const RateClass c{ClassId::kDefault, 1000000, 60, Algorithm::kSlidingWindow};
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::atomic<int> refused{0};
  std::atomic<int64_t> decisions{0};
  std::vector<std::thread> load;
  for (int t = 0; t < 4; ++t) {
    load.emplace_back([&, t] {
      const std::string key = "user:load-" + std::to_string(t);
      while (!stop.load()) {
        StatusOr<Decision> d = limiter_->decide(key, c);
        if (!d.isOk()) {
          errors.fetch_add(1);
        } else if (!d->allowed) {
          refused.fetch_add(1);
        }
        decisions.fetch_add(1);
        std::this_thread::sleep_for(milliseconds(1));
      }
    });
  }
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_FALSE(limiter_->fallbackActive());
  EXPECT_GT(metrics_->decisions(ClassId::kDefault, true, Backend::kRedis), 0);

  server_->kill();
  const auto killed_at = steady_clock::now();
  while (!limiter_->fallbackActive() && steady_clock::now() - killed_at < std::chrono::seconds(5)) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(limiter_->fallbackActive());
  EXPECT_EQ(metrics_->fallbackActive(), 1);
  const int64_t at_fallback = decisions.load();
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_GT(decisions.load(), at_fallback + 50) << "decisions continue from memory";
  EXPECT_GT(metrics_->decisions(ClassId::kDefault, true, Backend::kMemory), 0);
  EXPECT_GT(metrics_->backendErrors(ErrorReason::kConnection) +
                metrics_->backendErrors(ErrorReason::kTimeout),
            0);

  ASSERT_TRUE(server_->restart().isOk());
  const auto restarted_at = steady_clock::now();
  while (limiter_->fallbackActive() &&
         steady_clock::now() - restarted_at < std::chrono::seconds(10)) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_FALSE(limiter_->fallbackActive()) << "back to Redis after the cool-down";
  EXPECT_EQ(metrics_->fallbackActive(), 0);
  const double redis_before = metrics_->decisions(ClassId::kDefault, true, Backend::kRedis);
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_GT(metrics_->decisions(ClassId::kDefault, true, Backend::kRedis), redis_before);

  stop = true;
  for (auto& t : load) {
    t.join();
  }
  EXPECT_EQ(errors.load(), 0) << "no error ever reaches the caller in local mode";
  EXPECT_EQ(refused.load(), 0);
  auto probe = inspector(server_->port());
  EXPECT_EQ(cmd(*probe, {"EXISTS", "ratelimit:default:user:load-0"}).integer, 1);
}

TEST_F(FailoverTest, HungRedisAnswersWithinTheTimeout) {
  build(FailureMode::kLocal, 5);
  const RateClass c{ClassId::kDefault, 100, 60, Algorithm::kGcra};
  ASSERT_TRUE(limiter_->decide("user:1", c).isOk());
  server_->pause();
  for (int i = 0; i < 20; ++i) {
    const auto start = steady_clock::now();
    StatusOr<Decision> d = limiter_->decide("user:1", c);
    const auto took = steady_clock::now() - start;
    ASSERT_TRUE(d.isOk());
    EXPECT_TRUE(d->allowed);
    EXPECT_LT(took, milliseconds(200)) << "decision " << i;
  }
  EXPECT_TRUE(limiter_->fallbackActive());
  EXPECT_GE(metrics_->backendErrors(ErrorReason::kTimeout), 1);
  server_->resume();
}

TEST_F(FailoverTest, RawRedisLimiterTimesOutOnAHungRedis) {
  build(FailureMode::kLocal, 5);
  metrics::Registry registry("v", "r");
  auto metrics = std::move(RateLimitMetrics::Create(registry)).value();
  auto raw = redisLimiter(optionsFor(server_->port(), 25), metrics.get());
  const RateClass c{ClassId::kDefault, 100, 60, Algorithm::kSlidingWindow};
  ASSERT_TRUE(raw->decide("user:1", c).isOk());
  server_->pause();
  const auto start = steady_clock::now();
  StatusOr<Decision> d = raw->decide("user:1", c);
  EXPECT_LT(steady_clock::now() - start, milliseconds(200));
  ASSERT_FALSE(d.isOk());
  EXPECT_EQ(d.status().code(), StatusCode::kDeadlineExceeded) << d.status().toString();
  EXPECT_EQ(metrics->backendErrors(ErrorReason::kTimeout), 1);
  server_->resume();
  StatusOr<Decision> after = raw->decide("user:1", c);
  EXPECT_TRUE(after.isOk()) << after.status().toString();
}

TEST_F(FailoverTest, ClosedModeRefusesWhenRedisIsDown) {
  build(FailureMode::kClosed, 5);
  const RateClass c{ClassId::kDefault, 100, 60, Algorithm::kSlidingWindow};
  ASSERT_TRUE(limiter_->decide("user:1", c).isOk());
  server_->kill();
  for (int i = 0; i < 10; ++i) {
    StatusOr<Decision> d = limiter_->decide("user:1", c);
    ASSERT_FALSE(d.isOk()) << "closed mode never decides locally";
    EXPECT_EQ(d.status().code(), StatusCode::kUnavailable);
    EXPECT_EQ(d.status().message(), "Rate limiter unavailable");
  }
  EXPECT_TRUE(limiter_->fallbackActive());
}

}  // namespace
}  // namespace tars::ratelimit
