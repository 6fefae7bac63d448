// FieldReader (422 field errors), parseJsonObject (400/422) and parseForm (tars.md §1.2).
#include <gtest/gtest.h>

#include "http/json/form.h"
#include "http/json/json_body.h"

namespace tars::http {
namespace {

TEST(ParseJsonObjectTest, MalformedIs400AndNonObjectIs422) {
  EXPECT_EQ(parseJsonObject("{oops").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parseJsonObject("[1]").status().code(), StatusCode::kValidation);
  EXPECT_TRUE(parseJsonObject(R"({"a":1})").isOk());
}

TEST(FieldReaderTest, NamesEveryBadField) {
  auto o = *parseJsonObject(R"({"name":"é","n":2.5,"big":1e30,"list":["a",1],"x":null,"zz":1})");
  FieldReader r(o);
  EXPECT_EQ(r.string("name", true, 1, 1), "é") << "length counts code points";
  EXPECT_FALSE(r.integer("n", true, 0, 10));
  EXPECT_FALSE(r.integer("big", true, 0, 10));
  EXPECT_FALSE(r.stringArray("list", true, 5, 1, 5));
  EXPECT_FALSE(r.string("x", false, 1, 5)) << "null means absent";
  EXPECT_FALSE(r.string("missing", true, 1, 5));
  r.rejectUnknown({"name", "n", "big", "list", "x"});
  Status st = r.finish();
  ASSERT_EQ(st.code(), StatusCode::kValidation);
  std::vector<std::string> fields;
  for (const auto& e : st.fieldErrors())
    fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"n", "big", "list[1]", "missing", "zz"}));
}

TEST(FieldReaderTest, IntegralDoublesAndRanges) {
  auto o = *parseJsonObject(R"({"a":3.0,"b":-1,"c":18446744073709551615})");
  FieldReader r(o);
  EXPECT_EQ(r.integer("a", true, 0, 10), 3);
  EXPECT_FALSE(r.integer("b", true, 0, 10));
  EXPECT_FALSE(r.integer("c", true, 0, 10));
  EXPECT_FALSE(r.finish().isOk());
}

TEST(ParseFormTest, DecodesAndRefusesRepeats) {
  auto f = parseForm("grant_type=client_credentials&scope=a+b%3Ac&x=%2B");
  ASSERT_TRUE(f.isOk());
  EXPECT_EQ((*f)["scope"], "a b:c");
  EXPECT_EQ((*f)["x"], "+");
  EXPECT_EQ(parseForm("a=1&a=2").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parseForm("a=%zz").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(parseForm("").isOk());
}

TEST(PageParamsTest, Ranges) {
  EXPECT_EQ(pageParams(*parseForm("limit=500"))->limit, 500);
  EXPECT_EQ(pageParams(*parseForm(""))->limit, 50);
  EXPECT_EQ(pageParams(*parseForm("limit=0")).status().code(), StatusCode::kValidation);
  EXPECT_EQ(pageParams(*parseForm("limit=5x")).status().code(), StatusCode::kValidation);
  EXPECT_EQ(boolParam(*parseForm("b=yes"), "b", false).status().code(), StatusCode::kValidation);
}

}  // namespace
}  // namespace tars::http
