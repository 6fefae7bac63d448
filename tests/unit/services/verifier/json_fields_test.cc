#include "services/verifier/json_fields.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace tars::verifier {
namespace {

TEST(JsonFieldsTest, Paths) {
  EXPECT_EQ(memberPath("policy", "rules"), "policy.rules");
  EXPECT_EQ(memberPath("", "lint_mode"), "lint_mode");
  EXPECT_EQ(indexPath("policy.rules", 2), "policy.rules[2]");
}

TEST(JsonFieldsTest, PresenceAndTypes) {
  const auto o = boost::json::parse(R"({"s":"x","n":null,"b":1,"i":5,"f":5.0,"neg":-3,"big":
      18446744073709551615,"a":{},"o":[]})")
                     .as_object();
  JsonFieldReader r;
  EXPECT_EQ(r.string(o, "s", "s", Presence::kRequired), "x");
  EXPECT_FALSE(r.string(o, "n", "n", Presence::kOptional).has_value());  // null = not given
  EXPECT_FALSE(r.string(o, "missing", "missing", Presence::kOptional).has_value());
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(r.string(o, "n", "n", Presence::kRequired).has_value());
  EXPECT_FALSE(r.string(o, "missing", "missing", Presence::kRequired).has_value());
  EXPECT_FALSE(r.boolean(o, "b", "b", Presence::kRequired).has_value());
  EXPECT_EQ(r.integer(o, "i", "i", Presence::kRequired, 1, 10), 5u);
  EXPECT_FALSE(r.integer(o, "f", "f", Presence::kRequired, 1, 10).has_value());
  EXPECT_FALSE(r.integer(o, "neg", "neg", Presence::kRequired, 1, 10).has_value());
  EXPECT_FALSE(r.integer(o, "big", "big", Presence::kRequired, 1, 10).has_value());
  EXPECT_EQ(r.array(o, "a", "a", Presence::kRequired), nullptr);
  EXPECT_EQ(r.object(o, "o", "o", Presence::kRequired), nullptr);
  std::vector<std::string> got;
  for (const FieldError& e : r.errors())
    got.push_back(e.field + ": " + e.message);
  EXPECT_EQ(got, (std::vector<std::string>{"n: expected string", "missing: is required",
                                           "b: expected boolean", "f: expected integer",
                                           "neg: must be greater than 0", "big: must be at most 10",
                                           "a: expected array", "o: expected object"}));
  const Status s = std::move(r).toStatus(StatusCode::kValidation);
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_EQ(s.message(), "n: expected string (and 7 more)");
  EXPECT_EQ(s.fieldErrors().size(), 8u);
}

TEST(JsonFieldsTest, DepthCountsAsSection35AndStopsAtTheLimit) {
  EXPECT_EQ(jsonDepth(boost::json::parse("1"), 32), 0u);
  EXPECT_EQ(jsonDepth(boost::json::parse("[]"), 32), 1u);
  EXPECT_EQ(jsonDepth(boost::json::parse(R"({"a":[1,{"b":[]}],"c":2})"), 32), 4u);
  boost::json::value deep = 1;
  for (int i = 0; i < 20000; ++i) {
    boost::json::array wrapper;
    wrapper.push_back(std::move(deep));  // moved, not copied: building stays linear
    deep = std::move(wrapper);
  }
  EXPECT_EQ(jsonDepth(deep, 32), 33u);  // limit + 1: over, without walking 20 000 levels
  EXPECT_EQ(jsonDepth(deep, 0), 1u);
}

}  // namespace
}  // namespace tars::verifier
