#include "ratelimit/memory_token_bucket.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "metrics/registry.h"
#include "ratelimit/ratelimit_metrics.h"
#include "test_util/fake_clock.h"

namespace tars::ratelimit {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

constexpr int64_t kWallStart = 1'700'000'000;  // FakeClock's initial Unix time

RateClass cls(int limit, int window_seconds, ClassId id = ClassId::kPublic) {
  return RateClass{id, limit, window_seconds, Algorithm::kSlidingWindow};
}

class MemoryTokenBucketTest : public ::testing::Test {
 protected:
  std::unique_ptr<MemoryTokenBucket> make(MemoryOptions options = {}) {
    auto limiter = MemoryTokenBucket::Create(options, clock_, metrics_.get());
    EXPECT_TRUE(limiter.isOk()) << limiter.status().toString();
    return std::move(limiter).value();
  }
  Decision decide(MemoryTokenBucket& limiter, std::string_view key, const RateClass& c) {
    StatusOr<Decision> d = limiter.decide(key, c);
    EXPECT_TRUE(d.isOk());
    return *d;
  }

  tars::test::FakeClock clock_;
  metrics::Registry registry_{"v", "r"};
  std::unique_ptr<RateLimitMetrics> metrics_ =
      std::move(RateLimitMetrics::Create(registry_)).value();
};

TEST_F(MemoryTokenBucketTest, StartsFullAndAllowsExactlyLimit) {
  auto limiter = make();
  const RateClass c = cls(10, 60);
  for (int i = 0; i < 10; ++i) {
    Decision d = decide(*limiter, "ip:192.0.2.1", c);
    EXPECT_TRUE(d.allowed) << i;
    EXPECT_EQ(d.limit, 10);
    EXPECT_EQ(d.remaining, 9 - i);
    EXPECT_EQ(d.retry_after, 0);
  }
  Decision refused = decide(*limiter, "ip:192.0.2.1", c);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.remaining, 0);
  EXPECT_EQ(refused.limit, 10);
  EXPECT_EQ(metrics_->decisions(ClassId::kPublic, true, Backend::kMemory), 10);
  EXPECT_EQ(metrics_->decisions(ClassId::kPublic, false, Backend::kMemory), 1);
}

TEST_F(MemoryTokenBucketTest, RetryAfterIsTimeForOneToken) {
  auto limiter = make();
  const RateClass c = cls(10, 60);  // one token per 6 s
  for (int i = 0; i < 10; ++i) {
    decide(*limiter, "k", c);
  }
  EXPECT_EQ(decide(*limiter, "k", c).retry_after, 6);
  clock_.advance(seconds(5));
  EXPECT_EQ(decide(*limiter, "k", c).retry_after, 1);  // 5/6 token: 1 s missing
  clock_.advance(microseconds(999'999));
  Decision almost = decide(*limiter, "k", c);
  EXPECT_FALSE(almost.allowed);
  EXPECT_EQ(almost.retry_after, 1);  // 1 µs missing still rounds up to 1 s
  clock_.advance(microseconds(1));
  Decision d = decide(*limiter, "k", c);
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.remaining, 0);
}

TEST_F(MemoryTokenBucketTest, ResetAtIsWhenTheBucketIsFullAgain) {
  auto limiter = make();
  const RateClass c = cls(10, 60);
  EXPECT_EQ(decide(*limiter, "k", c).reset_at, kWallStart + 6);
  EXPECT_EQ(decide(*limiter, "k", c).reset_at, kWallStart + 12);
  for (int i = 0; i < 8; ++i) {
    decide(*limiter, "k", c);
  }
  Decision refused = decide(*limiter, "k", c);
  EXPECT_EQ(refused.reset_at, kWallStart + 60);
  clock_.advance(microseconds(500'000));  // reset rounds up to the next whole second
  EXPECT_EQ(decide(*limiter, "k", c).reset_at, kWallStart + 60);
}

TEST_F(MemoryTokenBucketTest, RefillIsExactInMicroseconds) {
  auto limiter = make();
  const RateClass c = cls(3, 1);  // one token per 333 333.3 µs
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(decide(*limiter, "k", c).allowed);
  }
  clock_.advance(microseconds(333'333));
  EXPECT_FALSE(decide(*limiter, "k", c).allowed);
  clock_.advance(microseconds(1));
  EXPECT_TRUE(decide(*limiter, "k", c).allowed);
  EXPECT_FALSE(decide(*limiter, "k", c).allowed);
}

TEST_F(MemoryTokenBucketTest, RefillNeverExceedsCapacity) {
  auto limiter = make();
  const RateClass c = cls(5, 10);
  decide(*limiter, "k", c);
  clock_.advance(std::chrono::hours(24 * 365 * 3));  // long idle: no overflow, no extra tokens
  int allowed = 0;
  for (int i = 0; i < 20; ++i) {
    allowed += decide(*limiter, "k", c).allowed ? 1 : 0;
  }
  EXPECT_EQ(allowed, 5);
}

TEST_F(MemoryTokenBucketTest, RefusedRequestsDoNotConsume) {
  auto limiter = make();
  const RateClass c = cls(2, 2);  // one token per second
  decide(*limiter, "k", c);
  decide(*limiter, "k", c);
  for (int i = 0; i < 100; ++i) {
    ASSERT_FALSE(decide(*limiter, "k", c).allowed);
  }
  clock_.advance(seconds(1));
  EXPECT_TRUE(decide(*limiter, "k", c).allowed);
}

TEST_F(MemoryTokenBucketTest, KeysAndClassesAreIndependent) {
  auto limiter = make();
  const RateClass a = cls(1, 60, ClassId::kAuth);
  const RateClass p = cls(1, 60, ClassId::kPublic);
  EXPECT_TRUE(decide(*limiter, "ip:192.0.2.1", a).allowed);
  EXPECT_FALSE(decide(*limiter, "ip:192.0.2.1", a).allowed);
  EXPECT_TRUE(decide(*limiter, "ip:192.0.2.1", p).allowed);
  EXPECT_TRUE(decide(*limiter, "ip:192.0.2.2", a).allowed);
}

TEST_F(MemoryTokenBucketTest, KeysWithOddBytesAreDistinct) {
  auto limiter = make();
  const RateClass c = cls(1, 60);
  const std::string with_nul("ip:\0a", 5);
  const std::string prefix("ip:", 3);
  const std::string high_bytes("\xff\xfe\x00\x80", 4);
  const std::string huge(100000, '\x01');
  for (const std::string& key : {with_nul, prefix, high_bytes, huge, std::string()}) {
    EXPECT_TRUE(decide(*limiter, key, c).allowed);
  }
  for (const std::string& key : {with_nul, prefix, high_bytes, huge, std::string()}) {
    EXPECT_FALSE(decide(*limiter, key, c).allowed);
  }
}

TEST_F(MemoryTokenBucketTest, CapHoldsUnderAFloodOfDistinctKeys) {
  auto limiter = make(MemoryOptions{1000, 32});
  const RateClass c = cls(30, 60);
  for (int i = 0; i < 100000; ++i) {
    decide(*limiter, "ip:flood-" + std::to_string(i), c);
    ASSERT_LE(limiter->size(), 1000u) << i;
  }
  EXPECT_EQ(limiter->size(), 1000u);
  EXPECT_EQ(metrics_->memoryKeys(), 1000);
}

TEST_F(MemoryTokenBucketTest, DefaultCapHoldsForOneHundredThousandKeysPlusOne) {
  auto limiter = make();  // max_keys 100 000
  const RateClass c = cls(30, 60);
  for (int i = 0; i < 100001; ++i) {
    decide(*limiter, "k" + std::to_string(i), c);
  }
  EXPECT_LE(limiter->size(), 100000u);
}

TEST_F(MemoryTokenBucketTest, FullBucketsAreDroppedBeforeUsedOnes) {
  auto limiter = make(MemoryOptions{2, 1});
  const RateClass c = cls(10, 60);
  for (int i = 0; i < 10; ++i) {
    decide(*limiter, "busy", c);  // empty bucket, needs 60 s to refill
  }
  decide(*limiter, "idle", c);  // more recently used, full again after 6 s
  clock_.advance(seconds(10));
  decide(*limiter, "new", c);  // shard full: "idle" (full) goes, not LRU "busy"
  EXPECT_EQ(limiter->size(), 2u);
  // "busy" kept its state: 10 s refilled 1.67 tokens, so one request passes, the next does not.
  EXPECT_TRUE(decide(*limiter, "busy", c).allowed);
  EXPECT_FALSE(decide(*limiter, "busy", c).allowed);
}

TEST_F(MemoryTokenBucketTest, LeastRecentlyUsedGoesWhenNoneIsFull) {
  auto limiter = make(MemoryOptions{2, 1});
  const RateClass c = cls(1, 60);
  decide(*limiter, "a", c);
  decide(*limiter, "b", c);
  decide(*limiter, "c", c);  // evicts "a"
  EXPECT_EQ(limiter->size(), 2u);
  EXPECT_TRUE(decide(*limiter, "a", c).allowed);   // forgotten: full again (evicts "b")
  EXPECT_FALSE(decide(*limiter, "c", c).allowed);  // still remembered
}

TEST_F(MemoryTokenBucketTest, IdleKeysLeaveByThemselves) {
  auto limiter = make(MemoryOptions{100, 1});
  const RateClass c = cls(10, 60);
  for (int i = 0; i < 50; ++i) {
    decide(*limiter, "k" + std::to_string(i), c);
  }
  clock_.advance(seconds(6));  // every bucket refilled its one token
  decide(*limiter, "new", c);
  EXPECT_EQ(limiter->size(), 49u);  // two full ones dropped, one added
  EXPECT_EQ(limiter->evictFull(), 48u);
  EXPECT_EQ(limiter->size(), 1u);
  EXPECT_EQ(metrics_->memoryKeys(), 1);
}

TEST_F(MemoryTokenBucketTest, ClassChangeKeepsWholeTokensWithinTheNewLimit) {
  auto limiter = make();
  decide(*limiter, "k", cls(10, 60));
  decide(*limiter, "k", cls(10, 60));              // 8 left
  Decision d = decide(*limiter, "k", cls(5, 60));  // clamped to 5, one taken
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.remaining, 4);
  EXPECT_EQ(d.limit, 5);
}

TEST_F(MemoryTokenBucketTest, ExactUnderConcurrency) {
  auto limiter = make();
  const RateClass c = cls(100, 3600);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (limiter->decide("shared", c)->allowed) {
          allowed.fetch_add(1);
        }
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(allowed.load(), 100);
}

TEST(MemoryTokenBucketCreateTest, RejectsZeroKeys) {
  tars::test::FakeClock clock;
  EXPECT_FALSE(MemoryTokenBucket::Create(MemoryOptions{0, 32}, clock, nullptr).isOk());
  EXPECT_FALSE(MemoryTokenBucket::Create(MemoryOptions{10, 0}, clock, nullptr).isOk());
  auto tiny = MemoryTokenBucket::Create(MemoryOptions{1, 32}, clock, nullptr);
  ASSERT_TRUE(tiny.isOk());
  const RateClass c = cls(1, 60);
  (void)(*tiny)->decide("a", c);
  (void)(*tiny)->decide("b", c);
  EXPECT_EQ((*tiny)->size(), 1u);
}

}  // namespace
}  // namespace tars::ratelimit
