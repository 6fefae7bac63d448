#include "ratelimit/redis/redis_limiter.h"

#include <gtest/gtest.h>

#include <string>

namespace tars::ratelimit::redis {
namespace {

TEST(RedisKeyTest, ClassAndClientKey) {
  const RateClass c{ClassId::kLoginUser, 10, 300, Algorithm::kSlidingWindow};
  EXPECT_EQ(redisKey(c, "2bd806c97f0e00af"), "ratelimit:login_user:2bd806c97f0e00af");
  const std::string odd("ip:\0\xff", 5);
  EXPECT_EQ(redisKey(c, odd), std::string("ratelimit:login_user:ip:\0\xff", 26));
}

TEST(ErrorReasonTest, FromStatusCodes) {
  EXPECT_EQ(errorReasonOf(Status(StatusCode::kDeadlineExceeded, "")), ErrorReason::kTimeout);
  EXPECT_EQ(errorReasonOf(unavailable("")), ErrorReason::kConnection);
  EXPECT_EQ(errorReasonOf(internalError("")), ErrorReason::kScript);
}

}  // namespace
}  // namespace tars::ratelimit::redis
