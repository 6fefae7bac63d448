#include "core/ids.h"

#include <gtest/gtest.h>

#include <set>

#include "test_util/fake_clock.h"

namespace tars {
namespace {

TEST(UlidTest, KnownAnswer) {
  // All-zero and all-one bit patterns pin the digit layout (26 digits, top digit 3 bits).
  EXPECT_EQ(encodeUlid(0, 0, 0), "00000000000000000000000000");
  EXPECT_EQ(encodeUlid(0xFFFFFFFFFFFFULL, 0xFFFF, ~0ULL), "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
  // The ULID spec's example timestamp 1469918176385 encodes as "01ARYZ6S41".
  EXPECT_EQ(encodeUlid(1469918176385ULL, 0, 0).substr(0, 10), "01ARYZ6S41");
}

TEST(UlidTest, SortsByTimeAndIsUnique) {
  test::FakeClock clock;
  IdGenerator ids(clock);
  auto a = ids.ulid();
  clock.advance(std::chrono::milliseconds(1));
  auto b = ids.ulid();
  EXPECT_LT(a.substr(0, 10), b.substr(0, 10));
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i)
    seen.insert(ids.newId("req_"));
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RequestIdTest, AcceptsOnlySafeIds) {
  EXPECT_TRUE(isAcceptableRequestId("abc-DEF_1.2"));
  EXPECT_TRUE(isAcceptableRequestId(std::string(128, 'a')));
  EXPECT_FALSE(isAcceptableRequestId(std::string(129, 'a')));
  EXPECT_FALSE(isAcceptableRequestId(""));
  EXPECT_FALSE(isAcceptableRequestId("a b"));
  EXPECT_FALSE(isAcceptableRequestId("a\nb"));
  EXPECT_FALSE(isAcceptableRequestId("\"x\""));
}

}  // namespace
}  // namespace tars
