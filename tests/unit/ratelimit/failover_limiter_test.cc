#include "ratelimit/failover_limiter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "metrics/registry.h"
#include "ratelimit/memory_token_bucket.h"
#include "ratelimit/ratelimit_metrics.h"
#include "test_util/fake_clock.h"
#include "unit/ratelimit/mock_limiter.h"

namespace tars::ratelimit {
namespace {

using std::chrono::seconds;
using ::testing::_;
using ::testing::Return;
using ::testing::StrictMock;

const RateClass kClass{ClassId::kDefault, 3, 60, Algorithm::kSlidingWindow};

Decision redisDecision() {
  return Decision{true, 3, 2, 1'700'000'060, 0};
}

class FailoverLimiterTest : public ::testing::Test {
 protected:
  void build(FailureMode mode) {
    auto primary = std::make_unique<StrictMock<test::MockLimiter>>();
    primary_ = primary.get();
    LimiterPtr fallback;
    if (mode == FailureMode::kLocal) {
      fallback = std::move(MemoryTokenBucket::Create({}, clock_, metrics_.get())).value();
    }
    auto limiter = FailoverLimiter::Create(std::move(primary), std::move(fallback),
                                           FailoverOptions{mode, BreakerOptions{5, 5}}, clock_,
                                           metrics_.get());
    ASSERT_TRUE(limiter.isOk()) << limiter.status().toString();
    limiter_ = std::move(limiter).value();
  }

  tars::test::FakeClock clock_;
  metrics::Registry registry_{"v", "r"};
  std::unique_ptr<RateLimitMetrics> metrics_ =
      std::move(RateLimitMetrics::Create(registry_)).value();
  StrictMock<test::MockLimiter>* primary_ = nullptr;
  std::unique_ptr<FailoverLimiter> limiter_;
};

TEST_F(FailoverLimiterTest, HealthyPrimaryDecides) {
  build(FailureMode::kLocal);
  EXPECT_CALL(*primary_, decide(std::string_view("user:1"), kClass))
      .WillOnce(Return(StatusOr<Decision>(redisDecision())));
  StatusOr<Decision> d = limiter_->decide("user:1", kClass);
  ASSERT_TRUE(d.isOk());
  EXPECT_EQ(*d, redisDecision());
  EXPECT_FALSE(limiter_->fallbackActive());
  EXPECT_EQ(metrics_->fallbackActive(), 0);
  EXPECT_EQ(metrics_->decisions(ClassId::kDefault, true, Backend::kMemory), 0);
}

TEST_F(FailoverLimiterTest, ErrorsFallBackToMemoryAndOpenTheBreaker) {
  build(FailureMode::kLocal);
  EXPECT_CALL(*primary_, decide(_, _))
      .Times(5)
      .WillRepeatedly(Return(StatusOr<Decision>(Status(StatusCode::kDeadlineExceeded, "t"))));
  int allowed = 0;
  for (int i = 0; i < 20; ++i) {
    StatusOr<Decision> d = limiter_->decide("user:1", kClass);
    ASSERT_TRUE(d.isOk()) << "an error must never surface in local mode";
    allowed += d->allowed ? 1 : 0;
    EXPECT_EQ(limiter_->fallbackActive(), i >= 4) << i;
  }
  EXPECT_EQ(allowed, 3);  // the memory bucket's limit, never fail-open
  EXPECT_EQ(metrics_->fallbackActive(), 1);
  EXPECT_EQ(metrics_->decisions(ClassId::kDefault, true, Backend::kMemory), 3);
  EXPECT_EQ(metrics_->decisions(ClassId::kDefault, false, Backend::kMemory), 17);
}

TEST_F(FailoverLimiterTest, ProbesAfterCoolDownAndRecovers) {
  build(FailureMode::kLocal);
  EXPECT_CALL(*primary_, decide(_, _))
      .Times(5)
      .WillRepeatedly(Return(StatusOr<Decision>(unavailable("down"))));
  for (int i = 0; i < 5; ++i) {
    (void)limiter_->decide("k", kClass);
  }
  ASSERT_TRUE(limiter_->fallbackActive());
  ::testing::Mock::VerifyAndClearExpectations(primary_);

  clock_.advance(seconds(4));
  (void)limiter_->decide("k", kClass);  // still open: the primary is not called

  clock_.advance(seconds(1));
  EXPECT_CALL(*primary_, decide(_, _)).WillOnce(Return(StatusOr<Decision>(unavailable("down"))));
  (void)limiter_->decide("k", kClass);  // failed probe
  EXPECT_TRUE(limiter_->fallbackActive());
  ::testing::Mock::VerifyAndClearExpectations(primary_);

  clock_.advance(seconds(5));
  EXPECT_CALL(*primary_, decide(_, _))
      .Times(2)
      .WillRepeatedly(Return(StatusOr<Decision>(redisDecision())));
  EXPECT_EQ(*limiter_->decide("k", kClass), redisDecision());  // successful probe
  EXPECT_FALSE(limiter_->fallbackActive());
  EXPECT_EQ(metrics_->fallbackActive(), 0);
  EXPECT_EQ(*limiter_->decide("k", kClass), redisDecision());
}

TEST_F(FailoverLimiterTest, ClosedModeRefusesWithUnavailable) {
  build(FailureMode::kClosed);
  EXPECT_CALL(*primary_, decide(_, _))
      .Times(5)
      .WillRepeatedly(Return(StatusOr<Decision>(unavailable("connection refused"))));
  for (int i = 0; i < 8; ++i) {
    StatusOr<Decision> d = limiter_->decide("k", kClass);
    ASSERT_FALSE(d.isOk());
    EXPECT_EQ(d.status().code(), StatusCode::kUnavailable);
    EXPECT_EQ(d.status().message(), "Rate limiter unavailable");
  }
  EXPECT_TRUE(limiter_->fallbackActive());
}

TEST_F(FailoverLimiterTest, OverLimitFromThePrimaryIsNotAnError) {
  build(FailureMode::kLocal);
  Decision refused{false, 3, 0, 1'700'000'060, 7};
  EXPECT_CALL(*primary_, decide(_, _))
      .Times(10)
      .WillRepeatedly(Return(StatusOr<Decision>(refused)));
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(*limiter_->decide("k", kClass), refused);
  }
  EXPECT_FALSE(limiter_->fallbackActive());
}

TEST(FailoverLimiterCreateTest, LocalModeNeedsAFallback) {
  tars::test::FakeClock clock;
  auto r = FailoverLimiter::Create(std::make_unique<StrictMock<test::MockLimiter>>(), nullptr,
                                   FailoverOptions{}, clock, nullptr);
  EXPECT_FALSE(r.isOk());
  auto closed = FailoverLimiter::Create(std::make_unique<StrictMock<test::MockLimiter>>(), nullptr,
                                        FailoverOptions{FailureMode::kClosed, {}}, clock, nullptr);
  EXPECT_TRUE(closed.isOk());
  EXPECT_FALSE(FailoverLimiter::Create(nullptr, nullptr, FailoverOptions{FailureMode::kClosed, {}},
                                       clock, nullptr)
                   .isOk());
}

}  // namespace
}  // namespace tars::ratelimit
