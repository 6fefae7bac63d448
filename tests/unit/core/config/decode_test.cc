#include "core/config/decode.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tars::config {
namespace {

using ::testing::ElementsAre;

TEST(DecodeTest, Bool) {
  EXPECT_TRUE(*decodeBool("TrUe"));
  EXPECT_TRUE(*decodeBool(" yes "));
  EXPECT_FALSE(*decodeBool("0"));
  EXPECT_FALSE(decodeBool("on").isOk());
  EXPECT_FALSE(decodeBool("").isOk());
}

TEST(DecodeTest, IntRangeAndSyntax) {
  EXPECT_EQ(*decodeInt("42", 0, 100), 42);
  EXPECT_EQ(*decodeInt("-1", -5, 5), -1);
  EXPECT_EQ(decodeInt("101", 0, 100).status().message(), "101 is out of range 0..100");
  EXPECT_EQ(decodeInt("99999999999999999999", 0, 100).status().message(),
            "99999999999999999999 is out of range 0..100");
  EXPECT_EQ(decodeInt("4x", 0, 100).status().message(), "'4x' is not an integer");
  EXPECT_EQ(decodeInt("", 0, 100).status().message(), "'' is not an integer");
  EXPECT_EQ(decodeInt("0x10", 0, 100).status().message(), "'0x10' is not an integer");
}

TEST(DecodeTest, SplitListTrimsAndDropsEmptyItems) {
  EXPECT_THAT(splitList(" a, b ,,c ,"), ElementsAre("a", "b", "c"));
  EXPECT_TRUE(splitList("").empty());
  EXPECT_TRUE(splitList(" , ").empty());
}

TEST(DecodeTest, EnumNamesAreExact) {
  EXPECT_EQ(*decodeEnum("ES256", kJwtAlgorithmNames), JwtAlgorithm::kEs256);
  EXPECT_EQ(decodeEnum("es256", kJwtAlgorithmNames).status().message(),
            "'es256' is not one of HS256, ES256, RS256");
}

TEST(DecodeTest, ToStringRoundTrips) {
  EXPECT_EQ(toString(Environment::kProduction), "production");
  EXPECT_EQ(toString(Service::kHypersync), "hypersync");
  EXPECT_EQ(toString(TlsVersion::kTls12), "1.2");
  EXPECT_EQ(toString(RateLimitAlgorithm::kSlidingWindow), "sliding_window");
  EXPECT_EQ(toString(StoreBackend::kPostgres), "postgresql");
}

}  // namespace
}  // namespace tars::config
