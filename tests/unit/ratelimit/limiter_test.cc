#include "ratelimit/limiter.h"

#include <gtest/gtest.h>

namespace tars::ratelimit {
namespace {

TEST(TighterTest, RefusedBeatsAllowed) {
  Decision allowed{true, 10, 5, 100, 0};
  Decision refused{false, 10, 0, 200, 30};
  EXPECT_EQ(tighter(allowed, refused), refused);
  EXPECT_EQ(tighter(refused, allowed), refused);
}

TEST(TighterTest, LongerRetryWinsBetweenRefusals) {
  Decision a{false, 10, 0, 200, 30};
  Decision b{false, 10, 0, 900, 240};
  EXPECT_EQ(tighter(a, b), b);
  EXPECT_EQ(tighter(b, a), b);
}

TEST(TighterTest, FewerRemainingWinsBetweenAllowed) {
  Decision auth{true, 10, 7, 100, 0};
  Decision login_user{true, 10, 2, 300, 0};
  EXPECT_EQ(tighter(auth, login_user), login_user);
  Decision later{true, 10, 2, 400, 0};
  EXPECT_EQ(tighter(login_user, later), later);
}

}  // namespace
}  // namespace tars::ratelimit
