#include "ratelimit/circuit_breaker.h"

#include <gtest/gtest.h>

#include <chrono>

#include "test_util/fake_clock.h"

namespace tars::ratelimit {
namespace {

using State = CircuitBreaker::State;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(CircuitBreakerTest, OpensAfterThresholdConsecutiveFailures) {
  test::FakeClock clock;
  CircuitBreaker breaker(BreakerOptions{5, 5}, clock);
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(breaker.allowRequest());
    breaker.onFailure();
    EXPECT_EQ(breaker.state(), State::kClosed) << i;
  }
  ASSERT_TRUE(breaker.allowRequest());
  breaker.onFailure();
  EXPECT_EQ(breaker.state(), State::kOpen);
  EXPECT_TRUE(breaker.isOpen());
  EXPECT_FALSE(breaker.allowRequest());
}

TEST(CircuitBreakerTest, SuccessResetsTheCount) {
  test::FakeClock clock;
  CircuitBreaker breaker(BreakerOptions{3, 5}, clock);
  breaker.onFailure();
  breaker.onFailure();
  breaker.onSuccess();
  breaker.onFailure();
  breaker.onFailure();
  EXPECT_EQ(breaker.state(), State::kClosed);
  breaker.onFailure();
  EXPECT_EQ(breaker.state(), State::kOpen);
}

TEST(CircuitBreakerTest, OneProbeAfterCoolDownAndSuccessCloses) {
  test::FakeClock clock;
  CircuitBreaker breaker(BreakerOptions{1, 5}, clock);
  breaker.onFailure();
  ASSERT_EQ(breaker.state(), State::kOpen);
  clock.advance(seconds(5) - milliseconds(1));
  EXPECT_FALSE(breaker.allowRequest());
  clock.advance(milliseconds(1));
  EXPECT_TRUE(breaker.allowRequest());  // the probe
  EXPECT_EQ(breaker.state(), State::kHalfOpen);
  EXPECT_TRUE(breaker.isOpen());
  EXPECT_FALSE(breaker.allowRequest());  // only one probe in flight
  EXPECT_FALSE(breaker.allowRequest());
  breaker.onSuccess();
  EXPECT_EQ(breaker.state(), State::kClosed);
  EXPECT_FALSE(breaker.isOpen());
  EXPECT_TRUE(breaker.allowRequest());
}

TEST(CircuitBreakerTest, FailedProbeReopensForAnotherCoolDown) {
  test::FakeClock clock;
  CircuitBreaker breaker(BreakerOptions{2, 5}, clock);
  breaker.onFailure();
  breaker.onFailure();
  clock.advance(seconds(5));
  ASSERT_TRUE(breaker.allowRequest());
  breaker.onFailure();  // a failed probe re-opens at once, whatever the threshold
  EXPECT_EQ(breaker.state(), State::kOpen);
  clock.advance(seconds(4));
  EXPECT_FALSE(breaker.allowRequest());
  clock.advance(seconds(1));
  EXPECT_TRUE(breaker.allowRequest());
}

TEST(CircuitBreakerTest, NonPositiveOptionsAreReadAsOne) {
  test::FakeClock clock;
  CircuitBreaker breaker(BreakerOptions{0, 0}, clock);
  breaker.onFailure();
  EXPECT_EQ(breaker.state(), State::kOpen);
  clock.advance(seconds(1));
  EXPECT_TRUE(breaker.allowRequest());
}

}  // namespace
}  // namespace tars::ratelimit
