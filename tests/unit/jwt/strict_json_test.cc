#include "jwt/strict_json.h"

#include <gtest/gtest.h>

#include <string>

namespace tars::jwt {
namespace {

bool accepted(std::string_view text) {
  return parseStrictJson(text).isOk();
}

TEST(StrictJsonTest, AcceptsOrdinaryJson) {
  EXPECT_TRUE(accepted(R"({"a":1,"b":[1,2,{"c":null}],"d":{"e":"f"}})"));
  EXPECT_TRUE(accepted(R"({ "kid" : "x", "alg" : "HS256" })"));
  EXPECT_TRUE(accepted("[]"));
  EXPECT_TRUE(accepted("{}"));
  EXPECT_TRUE(accepted(R"([{"a":1},{"a":1}])"));  // same names in different objects
  EXPECT_TRUE(accepted(R"({"a":{"a":{"a":1}}})"));
  auto v = parseStrictJson(R"({"x":1.5,"y":-2,"z":18446744073709551615})");
  ASSERT_TRUE(v.isOk());
  EXPECT_EQ(v->as_object().at("x").as_double(), 1.5);
}

TEST(StrictJsonTest, RefusesDuplicateNamesAtAnyDepth) {
  EXPECT_FALSE(accepted(R"({"a":1,"a":1})"));
  EXPECT_FALSE(accepted(R"({"a":1,"b":2,"a":3})"));
  EXPECT_FALSE(accepted(R"({"x":{"a":1,"a":2}})"));
  EXPECT_FALSE(accepted(R"([{"a":1},{"b":1,"b":2}])"));
  EXPECT_FALSE(accepted(R"({"a":{"x":1},"a":{"y":1}})"));  // the dropped value holds an object
  EXPECT_FALSE(accepted(R"({"a":1,"b":{"c":1},"a":{"d":1}})"));  // reordered by the duplicate
  EXPECT_FALSE(accepted(R"({"a":{"p":1},"b":{"q":1},"a":2})"));
  EXPECT_FALSE(accepted(R"({"\u0061":1,"a":2})"));  // escaped spelling of the same name
  // Many members, past the small-table size of Boost.JSON objects.
  std::string big = "{";
  for (int i = 0; i < 100; ++i) {
    big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  }
  EXPECT_TRUE(accepted(big + "\"end\":0}"));
  EXPECT_FALSE(accepted(big + "\"k57\":0}"));
}

TEST(StrictJsonTest, RefusesNonJsonAndExtensions) {
  EXPECT_FALSE(accepted(""));
  EXPECT_FALSE(accepted("{"));
  EXPECT_FALSE(accepted(R"({"a":1,})"));         // trailing comma
  EXPECT_FALSE(accepted(R"({"a":1} // c)"));     // comment
  EXPECT_FALSE(accepted(R"({"a":1} {"b":2})"));  // two documents
  EXPECT_FALSE(accepted("{\"a\":\"\xff\"}"));    // invalid UTF-8
  EXPECT_FALSE(accepted(R"({'a':1})"));
  EXPECT_FALSE(accepted(R"({"a":NaN})"));
}

TEST(StrictJsonTest, RefusesNonFiniteNumbersAndDeepNesting) {
  EXPECT_FALSE(accepted(R"({"exp":1e400})"));
  EXPECT_FALSE(accepted(R"({"exp":-1e400})"));
  EXPECT_TRUE(accepted(R"({"exp":1e300})"));
  EXPECT_FALSE(accepted(std::string(40, '[') + std::string(40, ']')));
  EXPECT_TRUE(accepted(std::string(10, '[') + std::string(10, ']')));
}

TEST(StrictJsonTest, ObjectVariant) {
  EXPECT_TRUE(parseStrictJsonObject("{}").isOk());
  EXPECT_FALSE(parseStrictJsonObject("[]").isOk());
  EXPECT_FALSE(parseStrictJsonObject("\"foo\"").isOk());
  EXPECT_FALSE(parseStrictJsonObject("1").isOk());
}

}  // namespace
}  // namespace tars::jwt
