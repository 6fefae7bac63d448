// Parsing rules of spec/cap.md §3.4–§3.5: duplicates, depth, UTF-8, surrogates, number kinds.

#include "core/strict_json.h"

#include <gtest/gtest.h>

#include "core/canonical_json.h"

namespace tars::json {
namespace {

Status errorOf(std::string_view text) {
  return parseStrict(text).status();
}

TEST(StrictJsonTest, ParsesAndCanonicalizes) {
  auto v = parseStrict(R"( {"b":[1,1.0,-0.0,"\u00fc\ud83d\ude00"],"a":null} )");
  ASSERT_TRUE(v.isOk()) << v.status().toString();
  auto text = canonicalize(*v);
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(*text, "{\"a\":null,\"b\":[1,1.0,-0.0,\"ü😀\"]}");
}

TEST(StrictJsonTest, NumberKinds) {
  auto v = parseStrict(
      "[1,-1,1.0,1e2,1E2,18446744073709551615,18446744073709551616,-9223372036854775808,"
      "-9223372036854775809,-0]");
  ASSERT_TRUE(v.isOk());
  const auto& a = v->as_array();
  EXPECT_TRUE(a[0].is_int64());
  EXPECT_TRUE(a[1].is_int64());
  EXPECT_TRUE(a[2].is_double());
  EXPECT_TRUE(a[3].is_double());
  EXPECT_TRUE(a[4].is_double());
  EXPECT_TRUE(a[5].is_uint64());
  EXPECT_TRUE(a[6].is_double());  // beyond 64 bits: a float (§3.4)
  EXPECT_TRUE(a[7].is_int64());
  EXPECT_TRUE(a[8].is_double());
  EXPECT_TRUE(a[9].is_int64());
}

TEST(StrictJsonTest, DuplicateKeysRefusedAtAnyDepth) {
  Status s = errorOf(R"({"a":1,"a":2})");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "duplicate key 'a'");
  EXPECT_EQ(errorOf(R"({"x":[{"k":1,"j":2,"k":3}]})").message(), "duplicate key 'k'");
  EXPECT_EQ(errorOf(R"({"":1,"":2})").message(), "duplicate key ''");
  // Escaped and raw spellings of the same key are the same key.
  EXPECT_EQ(errorOf(R"({"é":1,"\u00e9":2})").message(), "duplicate key 'é'");
  // The same key in sibling and nested objects is fine.
  EXPECT_TRUE(parseStrict(R"({"a":{"a":1},"b":{"a":2},"c":[{"a":1},{"a":1}]})").isOk());
}

TEST(StrictJsonTest, DuplicateKeyMessageIsBounded) {
  const std::string key(1000, 'k');
  const std::string text = "{\"" + key + "\":1,\"" + key + "\":2}";
  EXPECT_EQ(errorOf(text).message(), "duplicate key '" + std::string(128, 'k') + "'");
  // Cut on a code point boundary.
  const std::string wide = std::string(127, 'k') + "é";
  EXPECT_EQ(duplicateKeyMessage(wide + "zzz"), "duplicate key '" + std::string(127, 'k') + "'");
}

TEST(StrictJsonTest, DepthLimit) {
  auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  EXPECT_TRUE(parseStrict(nested(32)).isOk());
  Status s = errorOf(nested(33));
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_EQ(s.message(), "nesting depth exceeds 32");
  // Objects count the same way; a scalar at depth 32 adds nothing.
  std::string objects;
  for (int i = 0; i < 31; ++i)
    objects += "{\"a\":";
  objects += "[1]";
  for (int i = 0; i < 31; ++i)
    objects += "}";
  EXPECT_TRUE(parseStrict(objects).isOk());
  // Far too deep is still just an error.
  EXPECT_EQ(errorOf(nested(100000)).code(), StatusCode::kValidation);
  // The limit is an option.
  EXPECT_EQ(parseStrict(nested(3), {.max_depth = 2}).status().message(), "nesting depth exceeds 2");
}

TEST(StrictJsonTest, InvalidUtf8) {
  EXPECT_EQ(errorOf("\"\xff\"").message(), "body is not valid UTF-8");
  EXPECT_EQ(errorOf("\"\xC0\xAF\"").message(), "body is not valid UTF-8");      // overlong
  EXPECT_EQ(errorOf("\"\xED\xA0\x80\"").message(), "body is not valid UTF-8");  // raw surrogate
  EXPECT_EQ(errorOf("{\"a\":\"\xE2\x82\"}").message(), "body is not valid UTF-8");
}

TEST(StrictJsonTest, UnpairedSurrogateEscapesRefused) {
  for (const char* text :
       {R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")", R"("\ud800x")", R"({"\udfff":1})"}) {
    Status s = errorOf(text);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(s.message().rfind("malformed JSON: ", 0), 0u) << text << ": " << s.message();
  }
  EXPECT_TRUE(parseStrict(R"("\ud83d\ude00")").isOk());
}

TEST(StrictJsonTest, MalformedText) {
  for (const char* text : {"", " ", "[1,]", "{\"a\":1,}", "{\"a\":1}x", "// c\n{}", "{'a':1}",
                           "[1 2]", "NaN", "[Infinity]", "01", "{\"a\"}", "\"\x01\""}) {
    Status s = errorOf(text);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(s.message().rfind("malformed JSON: ", 0), 0u) << text << ": " << s.message();
  }
}

TEST(StrictJsonTest, NonFiniteNumbersRefused) {
  EXPECT_EQ(errorOf("1e400").message(), "malformed JSON: number out of range");
  EXPECT_EQ(errorOf("[-1e999]").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tars::json
