// Canonical JSON (spec/cap.md §3): every example of §3.1–§3.4 plus the edges a hash preimage can
// meet (controls, non-BMP text, signed zero, exponent switch-overs, non-finite numbers, nesting).

#include "core/canonical_json.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>
#include <limits>

#include "core/json_number.h"

namespace tars::json {
namespace {

std::string str(std::string_view s) {
  std::string out;
  appendCanonicalString(out, s);
  return out;
}

std::string flt(double d) {
  std::string out;
  EXPECT_TRUE(appendFloat(out, d)) << d;
  return out;
}

std::string canon(std::string_view json_text) {
  auto result = canonicalize(boost::json::parse(json_text));
  EXPECT_TRUE(result.isOk()) << result.status().toString();
  return result.isOk() ? *result : "";
}

// §3.3: raw UTF-8, never escaped.
TEST(CanonicalStringTest, NonAsciiStaysRawUtf8) {
  EXPECT_EQ(str("ü"), "\"\xC3\xBC\"");
  EXPECT_EQ(str("ü").size(), 4u);  // two quotes + two bytes
  EXPECT_EQ(str("€"), "\"€\"");
  EXPECT_EQ(str("😀"), "\"\xF0\x9F\x98\x80\"");  // non-BMP: four raw bytes, no surrogate pair
}

// §3.3: the exact escape set.
TEST(CanonicalStringTest, EscapesExactlyTheListedCharacters) {
  EXPECT_EQ(str("\""), R"("\"")");
  EXPECT_EQ(str("\\"), R"("\\")");
  EXPECT_EQ(str("\b"), R"("\b")");
  EXPECT_EQ(str("\t"), R"("\t")");
  EXPECT_EQ(str("\n"), R"("\n")");
  EXPECT_EQ(str("\f"), R"("\f")");
  EXPECT_EQ(str("\r"), R"("\r")");
  EXPECT_EQ(str(std::string_view("\0", 1)), R"("\u0000")");
  EXPECT_EQ(str("\x01"), R"("\u0001")");
  EXPECT_EQ(str("\x0b"), R"("\u000b")");
  EXPECT_EQ(str("\x1f"), R"("\u001f")");  // lower-case hex
  EXPECT_EQ(str("\x1b[0m"), R"("\u001b[0m")");
}

TEST(CanonicalStringTest, EveryC0ControlIsEscaped) {
  for (int c = 0; c < 0x20; ++c) {
    const std::string out = str(std::string(1, static_cast<char>(c)));
    EXPECT_EQ(out[1], '\\') << c;
    for (char b : out)
      EXPECT_GE(static_cast<unsigned char>(b), 0x20) << c;
  }
}

TEST(CanonicalStringTest, NotEscaped) {
  EXPECT_EQ(str("/"), "\"/\"");
  EXPECT_EQ(str("\x7f"), "\"\x7f\"");                  // U+007F
  EXPECT_EQ(str("\u2028\u2029"), "\"\u2028\u2029\"");  // line/paragraph separators
  EXPECT_EQ(str(" ~'<>&"), "\" ~'<>&\"");
  EXPECT_EQ(str(""), "\"\"");
}

// §3.4 table, every example.
TEST(CanonicalNumberTest, SpecFloatExamples) {
  EXPECT_EQ(flt(0.0), "0.0");
  EXPECT_EQ(flt(-0.0), "-0.0");
  EXPECT_EQ(flt(1.0), "1.0");
  EXPECT_EQ(flt(25.0), "25.0");
  EXPECT_EQ(flt(1e15), "1000000000000000.0");
  EXPECT_EQ(flt(25.5), "25.5");
  EXPECT_EQ(flt(3.25), "3.25");
  EXPECT_EQ(flt(0.8), "0.8");
  EXPECT_EQ(flt(0.00001), "0.00001");
  EXPECT_EQ(flt(1e16), "1e16");
  EXPECT_EQ(flt(1e-6), "1e-6");
  EXPECT_EQ(flt(1.5e-7), "1.5e-7");
  EXPECT_EQ(flt(1.2345678901234568e20), "1.2345678901234568e20");
}

TEST(CanonicalNumberTest, FloatBoundaries) {
  EXPECT_EQ(flt(1e21), "1e21");
  EXPECT_EQ(flt(-1e21), "-1e21");
  EXPECT_EQ(flt(100.0), "100.0");
  EXPECT_EQ(flt(-2.5), "-2.5");
  EXPECT_EQ(flt(0.1), "0.1");
  EXPECT_EQ(flt(0.000015), "0.000015");                             // kk = -4: still positional
  EXPECT_EQ(flt(0.0000015), "1.5e-6");                              // kk = -5: exponent form
  EXPECT_EQ(flt(1234567890123456.7), "1234567890123456.8");         // kk = 16, n = 17
  EXPECT_EQ(flt(9007199254740993.0), "9007199254740992.0");         // 2^53 + 1 rounds to 2^53
  EXPECT_EQ(flt(12345678901234567890.0), "1.2345678901234567e19");  // kk = 20
  EXPECT_EQ(flt(1.5e16), "1.5e16");                                 // kk = 17
  EXPECT_EQ(flt(5e-324), "5e-324");                                 // smallest subnormal
  EXPECT_EQ(flt(std::numeric_limits<double>::max()), "1.7976931348623157e308");
  EXPECT_EQ(flt(0.30000000000000004), "0.30000000000000004");
}

TEST(CanonicalNumberTest, FloatsRoundTrip) {
  for (double d : {0.1, 1.0 / 3.0, 2.0 / 3.0 * 1e-9, 6.02214076e23, 1e-300, 123.456, 1e100}) {
    const std::string text = flt(d);
    EXPECT_EQ(std::stod(text), d) << text;
    EXPECT_TRUE(text.find('.') != std::string::npos || text.find('e') != std::string::npos);
  }
}

TEST(CanonicalNumberTest, NonFiniteRefused) {
  std::string out = "x";
  EXPECT_FALSE(appendFloat(out, std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(appendFloat(out, std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(appendFloat(out, -std::numeric_limits<double>::infinity()));
  EXPECT_EQ(out, "x");  // nothing appended

  CanonicalWriter writer;
  writer.beginArray().float64(std::nan("")).endArray();
  auto result = std::move(writer).finish();
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
}

TEST(CanonicalNumberTest, Integers) {
  std::string out;
  appendInteger(out, std::int64_t{-5});
  out += ' ';
  appendInteger(out, std::numeric_limits<std::int64_t>::min());
  out += ' ';
  appendInteger(out, std::numeric_limits<std::uint64_t>::max());
  out += ' ';
  appendInteger(out, std::int64_t{0});
  EXPECT_EQ(out, "-5 -9223372036854775808 18446744073709551615 0");
}

// §3.4: integers and floats stay distinct through a value.
TEST(CanonicalValueTest, IntegerFloatDistinction) {
  EXPECT_EQ(canon("[1,1.0,-0,-0.0,1e2,100,18446744073709551615]"),
            "[1,1.0,0,-0.0,100.0,100,18446744073709551615]");
}

// §3.1 + §3.2: free-form objects sorted by key bytes at every level, no whitespace.
TEST(CanonicalValueTest, SortsKeysAtEveryLevel) {
  EXPECT_EQ(canon(R"( { "b" : 1 , "a" : { "d" : [ 3 , { "y" : 1 , "x" : 2 } ] , "c" : 2 } } )"),
            R"({"a":{"c":2,"d":[3,{"x":2,"y":1}]},"b":1})");
}

TEST(CanonicalValueTest, KeyOrderIsUnsignedBytesShorterPrefixFirst) {
  // "é" (C3 A9) sorts after every ASCII key; "a" before "aa"; upper case before lower case.
  EXPECT_EQ(canon(R"({"é":1,"z":2,"aa":3,"a":4,"B":5,"":6})"),
            R"({"":6,"B":5,"a":4,"aa":3,"z":2,"é":1})");
}

TEST(CanonicalValueTest, ArraysKeepOrderAndLiterals) {
  EXPECT_EQ(canon(R"([true,false,null,"x",[],{}])"), R"([true,false,null,"x",[],{}])");
}

TEST(CanonicalWriterTest, TypedRecordKeepsItsMemberOrderAndSortsFreeFormInside) {
  CanonicalWriter w;
  w.beginObject();
  w.key("name").string("Acme GmbH");
  w.key("jurisdiction").string("DE");
  w.key("tier").int64(1);
  w.key("lhs").value(boost::json::parse(R"({"z":1,"a":2})"));
  w.endObject();
  auto text = std::move(w).finish();
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(*text, R"({"name":"Acme GmbH","jurisdiction":"DE","tier":1,"lhs":{"a":2,"z":1}})");
}

TEST(CanonicalWriterTest, DepthLimit) {
  auto nested = [](std::size_t depth) {
    CanonicalWriter w;
    for (std::size_t i = 0; i < depth; ++i)
      w.beginArray();
    for (std::size_t i = 0; i < depth; ++i)
      w.endArray();
    return std::move(w).finish();
  };
  EXPECT_TRUE(nested(kMaxWriteDepth).isOk());
  EXPECT_FALSE(nested(kMaxWriteDepth + 1).isOk());

  // The same bound for a deep free-form value built in code (never a stack overflow).
  boost::json::value deep = boost::json::array();
  for (int i = 0; i < 10000; ++i) {
    boost::json::array wrapper;
    wrapper.push_back(std::move(deep));
    deep = std::move(wrapper);
  }
  auto result = canonicalize(deep);
  ASSERT_FALSE(result.isOk());
  EXPECT_NE(result.status().message().find("nesting deeper than 64"), std::string::npos);
}

TEST(CanonicalWriterTest, MisuseIsAnErrorNotACrash) {
  {
    CanonicalWriter w;
    w.beginObject().string("no key").endObject();
    EXPECT_FALSE(std::move(w).finish().isOk());
  }
  {
    CanonicalWriter w;
    w.beginArray();
    EXPECT_FALSE(std::move(w).finish().isOk());  // unclosed
  }
  {
    CanonicalWriter w;
    w.beginArray().endObject();
    EXPECT_FALSE(std::move(w).finish().isOk());  // mismatched
  }
  {
    CanonicalWriter w;
    w.key("k");
    EXPECT_FALSE(std::move(w).finish().isOk());  // key outside an object
  }
  {
    CanonicalWriter w;
    w.int64(1).int64(2);
    EXPECT_FALSE(std::move(w).finish().isOk());  // two top-level values
  }
  {
    CanonicalWriter w;
    EXPECT_FALSE(std::move(w).finish().isOk());  // nothing
  }
  {
    CanonicalWriter w;
    w.beginObject().key("a").endObject();
    EXPECT_FALSE(std::move(w).finish().isOk());  // key without value
  }
}

TEST(CanonicalWriterTest, CommasBetweenMembersAndElements) {
  CanonicalWriter w;
  w.beginObject().key("a").beginArray().int64(1).beginObject().endObject().null().endArray();
  w.key("b").boolean(false).endObject();
  auto text = std::move(w).finish();
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(*text, R"({"a":[1,{},null],"b":false})");
}

}  // namespace
}  // namespace tars::json
