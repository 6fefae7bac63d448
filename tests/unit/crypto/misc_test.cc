// constant_time, random, secret_bytes.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "crypto/constant_time.h"
#include "crypto/random.h"
#include "crypto/secret_bytes.h"

namespace tars::crypto {
namespace {

TEST(ConstantTimeTest, Equality) {
  EXPECT_TRUE(constantTimeEquals("", ""));
  EXPECT_TRUE(constantTimeEquals("abc", "abc"));
  EXPECT_FALSE(constantTimeEquals("abc", "abd"));
  EXPECT_FALSE(constantTimeEquals("abc", "ab"));
  EXPECT_FALSE(constantTimeEquals("ab", "abc"));
  EXPECT_FALSE(constantTimeEquals("", "a"));
  EXPECT_TRUE(constantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(RandomTest, ProducesDistinctBytesOfTheRightLength) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto bytes = randomBytes(16);
    ASSERT_TRUE(bytes.isOk());
    EXPECT_EQ(bytes->size(), 16u);
    seen.insert(*bytes);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(randomBytes(0)->size(), 0u);
}

TEST(RandomTest, FillUsesEveryByte) {
  std::uint8_t buf[4096] = {};
  ASSERT_TRUE(randomFill(buf).isOk());
  int zeros = 0;
  for (auto b : buf)
    zeros += b == 0;
  EXPECT_LT(zeros, 64);  // ~16 expected
}

TEST(SecretBytesTest, HoldsCopiesAndMoves) {
  SecretBytes a(std::string_view("secret-material-longer-than-sso"));
  SecretBytes b = a;
  EXPECT_EQ(b.view(), a.view());
  SecretBytes c = std::move(a);
  EXPECT_EQ(c.view(), "secret-material-longer-than-sso");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is wiped and empty
  b = SecretBytes(std::string_view("x"));
  EXPECT_EQ(b.view(), "x");
  EXPECT_EQ(b.size(), 1u);
}

}  // namespace
}  // namespace tars::crypto
