#include "store/sql/codec.h"

#include <gtest/gtest.h>

#include "core/base64url.h"
#include "store/page.h"

namespace tars::store::sql {
namespace {

TEST(CodecTest, StringListsRoundTrip) {
  const std::vector<std::string> items = {"tars:viewer", "cap:verify", "with \"quote\"", ""};
  auto back = decodeStringList(encodeStringList(items));
  ASSERT_TRUE(back.isOk());
  EXPECT_EQ(*back, items);
  EXPECT_EQ(encodeStringList({}), "[]");
  EXPECT_EQ(decodeStringList("{}").status().code(), StatusCode::kInternal);
  EXPECT_EQ(decodeStringList("[1]").status().code(), StatusCode::kInternal);
}

TEST(CodecTest, CursorsAreOpaqueAndBoundToTheirList) {
  const std::string c = encodeCursor("users", {"alice"});
  EXPECT_EQ(c.find("alice"), std::string::npos);  // not readable as is
  auto parts = decodeCursor(c, "users", 1);
  ASSERT_TRUE(parts.isOk());
  EXPECT_EQ(*parts, std::vector<std::string>{"alice"});
  EXPECT_EQ(decodeCursor(c, "audit", 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(decodeCursor(c, "users", 2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(decodeCursor("%%%", "users", 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(decodeCursor(::tars::base64UrlEncode("not json"), "users", 1).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(decodeCursor(std::string(5000, 'A'), "users", 1).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(CodecTest, PageLimitDefaultsAndClamps) {
  EXPECT_EQ(effectivePageLimit(0), 50);
  EXPECT_EQ(effectivePageLimit(-3), 50);
  EXPECT_EQ(effectivePageLimit(1), 1);
  EXPECT_EQ(effectivePageLimit(500), 500);
  EXPECT_EQ(effectivePageLimit(501), 500);
}

}  // namespace
}  // namespace tars::store::sql
