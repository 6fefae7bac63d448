// PolicyV2 YAML (spec/cap.md §5.2): the YAML 1.2 core schema, refused constructs, §3.5 limits.

#include "services/verifier/policy_yaml.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "core/canonical_json.h"

namespace tars::verifier {
namespace {

// The canonical JSON of what `yaml` reads as, or the error's "slug|detail|first field".
std::string read(std::string_view yaml) {
  auto v = readPolicyYaml(yaml);
  if (!v.isOk()) {
    const CapError& e = v.error();
    std::string out = std::string(capProblemSlug(e.problem)) + "|" + e.status.message();
    if (!e.status.fieldErrors().empty())
      out += "|" + e.status.fieldErrors()[0].field;
    return out;
  }
  auto text = json::canonicalize(*v);
  return text.isOk() ? *text : text.status().toString();
}

TEST(PolicyYamlTest, CoreSchemaScalars) {
  EXPECT_EQ(read("- null\n- Null\n- NULL\n- ~\n-\n"), "[null,null,null,null,null]");
  EXPECT_EQ(read("[true, True, TRUE, false, False, FALSE]"), "[true,true,true,false,false,false]");
  // YAML 1.1 booleans are strings in 1.2.
  EXPECT_EQ(read("[yes, no, on, off, y, n, tRUE]"), R"(["yes","no","on","off","y","n","tRUE"])");
  EXPECT_EQ(read("[1, -1, +1, 0, -0, 012, 0o17, 0x1F, 0xff]"), "[1,-1,1,0,0,12,15,31,255]");
  EXPECT_EQ(read("[1.0, 1., .5, -.5, +2.5, 1e3, 1E-2, 2.5e+3, -0.0]"),
            "[1.0,1.0,0.5,-0.5,2.5,1000.0,0.01,2500.0,-0.0]");
  // Not numbers in the core schema: strings.
  EXPECT_EQ(read("[0b101, 1_000, 0o8, 0xg, 1.2.3, 12:30, '1', \"2\", .]"),
            R"(["0b101","1_000","0o8","0xg","1.2.3","12:30","1","2","."])");
}

TEST(PolicyYamlTest, IntegersBeyond64BitsAreFloats) {
  EXPECT_EQ(read("[9223372036854775807, -9223372036854775808, 18446744073709551615]"),
            "[9223372036854775807,-9223372036854775808,18446744073709551615]");
  EXPECT_EQ(read("[18446744073709551616, -9223372036854775809, 0x10000000000000000]"),
            "[1.8446744073709552e19,-9.223372036854776e18,1.8446744073709552e19]");
  // Correctly rounded, like the JSON parser: 2^64 + 2^11 + 1 lies just above the midpoint.
  EXPECT_EQ(read("[18446744073709553665, 0x10000000000000801, 0o2000000000000000004001]"),
            "[1.8446744073709556e19,1.8446744073709556e19,1.8446744073709556e19]");
  EXPECT_EQ(read("x: 1" + std::string(400, '0')),
            "cap/invalid-policy|non-finite numbers are not supported|policy.x");
  EXPECT_EQ(read("x: 0x1" + std::string(300, '0')),
            "cap/invalid-policy|non-finite numbers are not supported|policy.x");
}

TEST(PolicyYamlTest, QuotedAndBlockScalarsAreStrings) {
  EXPECT_EQ(read("a: '1.0'\nb: \"true\"\nc: |\n  null\nd: >\n  12\n"),
            R"({"a":"1.0","b":"true","c":"null\n","d":"12\n"})");
  // A version written unquoted is a float, which the PolicyV2 reader then refuses.
  EXPECT_EQ(read("version: 1.0"), R"({"version":1.0})");
}

TEST(PolicyYamlTest, NonFiniteRefused) {
  for (const char* yaml : {"x: .inf", "x: -.Inf", "x: .NaN", "x: 1e400"}) {
    EXPECT_EQ(read(yaml), "cap/invalid-policy|non-finite numbers are not supported|policy.x")
        << yaml;
  }
  EXPECT_EQ(read("x: 1e-400"), R"({"x":0.0})");  // underflow is zero, as in JSON
  EXPECT_EQ(read("x: .infinity"), R"({"x":".infinity"})");
}

TEST(PolicyYamlTest, AnchorsAliasesMergeKeysAndTagsRefused) {
  const std::string refused = "cap/invalid-policy|YAML anchors, aliases and tags are not supported";
  EXPECT_EQ(read("a: &x 1\nb: *x\n"), refused + "|policy.a");
  EXPECT_EQ(read("a: &x [1]\n"), refused + "|policy.a");
  EXPECT_EQ(read("base: {k: 1}\nother:\n  <<: {k: 2}\n"), refused + "|policy.other");
  EXPECT_EQ(read("a: !!str 5\n"), refused + "|policy.a");
  EXPECT_EQ(read("a: !custom x\n"), refused + "|policy.a");
  EXPECT_EQ(read("a: ! x\n"), refused + "|policy.a");
  EXPECT_EQ(read("a: !!seq [1]\n"), refused + "|policy.a");
  EXPECT_EQ(read("!!map {a: 1}\n"), refused + "|policy");
  EXPECT_EQ(read("rules:\n  - id: r\n    lhs: !!int 3\n"), refused + "|policy.rules[0].lhs");
  // A quoted "<<" is an ordinary key.
  EXPECT_EQ(read("'<<': 1"), R"({"<<":1})");
}

TEST(PolicyYamlTest, KeysMustBeStrings) {
  const std::string refused = "cap/invalid-policy|YAML object keys must be strings";
  EXPECT_EQ(read("1: a"), refused + "|policy");
  EXPECT_EQ(read("true: a"), refused + "|policy");
  EXPECT_EQ(read("x:\n  null: a"), refused + "|policy.x");
  EXPECT_EQ(read("? [a]\n: b"), refused + "|policy");
  EXPECT_EQ(read("'1': a\n\"true\": b\nyes: c"), R"({"1":"a","true":"b","yes":"c"})");
}

TEST(PolicyYamlTest, DuplicateKeysRefused) {
  EXPECT_EQ(read("a: 1\na: 2\n"), "|duplicate key 'a'");
  EXPECT_EQ(read("x: {k: 1, 'k': 2}"), "|duplicate key 'k'");
  EXPECT_EQ(readPolicyYaml("a: 1\na: 2\n").error().status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(read("a: {k: 1}\nb: {k: 1}"), R"({"a":{"k":1},"b":{"k":1}})");
}

TEST(PolicyYamlTest, OneDocument) {
  EXPECT_EQ(read("a: 1\n---\nb: 2\n"), "cap/invalid-policy|YAML must contain one document");
  EXPECT_EQ(read("---\na: 1\n...\n"), R"({"a":1})");
  EXPECT_EQ(read(""), "null");
  EXPECT_EQ(read("# only a comment\n"), "null");
}

TEST(PolicyYamlTest, SyntaxErrorsNameLineAndColumn) {
  auto v = readPolicyYaml("a: 1\nb: [1, 2\n");
  ASSERT_FALSE(v.isOk());
  EXPECT_EQ(v.error().status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(v.error().problem, CapProblem::kGeneric);
  EXPECT_EQ(v.error().status.message(),
            "YAML parse error: end of sequence flow not found (line 3, column 1)");
  // A syntax error wins over a refusal met before it (yaml-cpp sent events for `[1` first).
  auto late = readPolicyYaml("a: &x 1\nb: [1, 2\n");
  ASSERT_FALSE(late.isOk());
  EXPECT_EQ(late.error().status.code(), StatusCode::kInvalidArgument);
  auto tab = readPolicyYaml("a:\n\t- b\n");
  ASSERT_FALSE(tab.isOk());
  EXPECT_EQ(tab.error().status.message().rfind("YAML parse error: ", 0), 0u);
}

TEST(PolicyYamlTest, InvalidUtf8) {
  auto v = readPolicyYaml("a: \xff\n");
  ASSERT_FALSE(v.isOk());
  EXPECT_EQ(v.error().status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(v.error().status.message(), "YAML is not valid UTF-8");
  EXPECT_EQ(read("a: ü😀"), R"({"a":"ü😀"})");
}

TEST(PolicyYamlTest, DepthLimit) {
  auto flow = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  EXPECT_TRUE(readPolicyYaml(flow(32)).isOk());
  auto v = readPolicyYaml(flow(33));
  ASSERT_FALSE(v.isOk());
  EXPECT_EQ(v.error().problem, CapProblem::kTooDeep);
  EXPECT_EQ(v.error().status.message(), "nesting depth exceeds 32");
  // Far deeper input is refused, not a crash (yaml-cpp stops it or we do).
  auto deep = readPolicyYaml(flow(100000));
  EXPECT_FALSE(deep.isOk());
  std::string block;
  for (int i = 0; i < 40; ++i)
    block += std::string(static_cast<std::size_t>(2 * i), ' ') + "k:\n";
  EXPECT_EQ(readPolicyYaml(block).error().problem, CapProblem::kTooDeep);
}

TEST(PolicyYamlTest, GoldenShape) {
  EXPECT_EQ(read("id: lksg.v1\nversion: \"1.0\"\nlegal_basis:\n  - directive: LkSG\n"
                 "inputs:\n  supplier_hashes: {type: array, items: hex}\n"),
            R"({"id":"lksg.v1","inputs":{"supplier_hashes":{"items":"hex","type":"array"}},)"
            R"("legal_basis":[{"directive":"LkSG"}],"version":"1.0"})");
}

}  // namespace
}  // namespace tars::verifier
