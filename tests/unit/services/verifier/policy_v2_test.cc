// PolicyV2 structure and types (spec/cap.md §5.1) and its limits (§13).

#include "services/verifier/policy_v2.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace tars::verifier {
namespace {

using ::testing::Test;

boost::json::value doc(std::string_view text) {
  return boost::json::parse(text);
}

constexpr const char* kMinimal =
    R"({"id":"lksg.v1","version":"1.0","legal_basis":[],"inputs":{},"rules":[]})";

// The errors[] of a failed read, as "field: message" lines.
std::vector<std::string> errorsOf(const CapOr<PolicyV2>& result) {
  std::vector<std::string> out;
  if (result.isOk())
    return out;
  for (const FieldError& e : result.error().status.fieldErrors())
    out.push_back(e.field + ": " + e.message);
  return out;
}

TEST(PolicyV2Test, MinimalDocument) {
  auto policy = readPolicyV2(doc(kMinimal));
  ASSERT_TRUE(policy.isOk()) << policy.status().toString();
  EXPECT_EQ(policy->id, "lksg.v1");
  EXPECT_EQ(policy->version, "1.0");
  EXPECT_TRUE(policy->legal_basis.empty());
  EXPECT_EQ(policy->description, "");
  EXPECT_FALSE(policy->adaptivity.has_value());
}

TEST(PolicyV2Test, FullDocument) {
  auto policy = readPolicyV2(doc(R"({"id":"a-b_c.9","version":"2","legal_basis":[
      {"directive":"LkSG","article":"§3"},{"article":"x"},{}],"description":"  ",
      "inputs":{"z":{"type":"hex"},"a":{"type":"array","items":"hex"}},
      "rules":[{"id":"r","op":"whatever","lhs":null,"rhs":{"var":"v"}}],
      "adaptivity":{"predicates":[{"id":"p","expr":null}],
                    "activations":[{"when":"p","rules":["r"]}]},"extra":1})"));
  ASSERT_TRUE(policy.isOk()) << policy.status().toString();
  ASSERT_EQ(policy->legal_basis.size(), 3u);
  EXPECT_EQ(policy->legal_basis[0].article, "§3");
  EXPECT_FALSE(policy->legal_basis[1].directive.has_value());
  EXPECT_EQ(policy->description, "  ");
  ASSERT_EQ(policy->inputs.size(), 2u);
  EXPECT_EQ(policy->inputs.begin()->first, "a");
  EXPECT_EQ(policy->inputs.at("a").items, "hex");
  EXPECT_EQ(policy->rules[0].op, "whatever");  // judged by lint E2001, not here
  EXPECT_TRUE(policy->rules[0].lhs.is_null());
  ASSERT_TRUE(policy->adaptivity.has_value());
  EXPECT_TRUE(policy->adaptivity->predicates[0].expr.is_null());
  EXPECT_EQ(policy->adaptivity->activations[0].rules, std::vector<std::string>{"r"});
}

TEST(PolicyV2Test, MissingRequiredMembers) {
  auto result = readPolicyV2(doc("{}"));
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.error().problem, CapProblem::kInvalidPolicy);
  EXPECT_EQ(result.error().status.code(), StatusCode::kValidation);
  EXPECT_EQ(errorsOf(result),
            (std::vector<std::string>{"policy.id: is required", "policy.version: is required",
                                      "policy.legal_basis: is required",
                                      "policy.inputs: is required", "policy.rules: is required"}));
  EXPECT_EQ(result.error().status.message(), "policy.id: is required (and 4 more)");
}

TEST(PolicyV2Test, WrongTypesNamedByPath) {
  auto result = readPolicyV2(doc(R"({"id":"p","version":1.0,"legal_basis":[{"directive":5},3],
      "description":false,"inputs":{"x":{"items":"hex"},"y":[]},
      "rules":[{"id":"ok","op":"eq","lhs":1,"rhs":2},{"id":"r","lhs":1,"rhs":2},
               {"id":"q","op":7,"lhs":1},"nope"],
      "adaptivity":{"predicates":[{"id":1}],"activations":[{"when":"w","rules":[1]}]}})"));
  EXPECT_EQ(errorsOf(result), (std::vector<std::string>{
                                  "policy.version: expected string",
                                  "policy.legal_basis[0].directive: expected string",
                                  "policy.legal_basis[1]: expected object",
                                  "policy.description: expected string",
                                  "policy.inputs.x.type: is required",
                                  "policy.inputs.y: expected object",
                                  "policy.rules[1].op: is required",
                                  "policy.rules[2].op: expected string",
                                  "policy.rules[2].rhs: is required",
                                  "policy.rules[3]: expected object",
                                  "policy.adaptivity.predicates[0].id: expected string",
                                  "policy.adaptivity.predicates[0].expr: is required",
                                  "policy.adaptivity.activations[0].rules[0]: expected string",
                              }));
}

TEST(PolicyV2Test, NotAnObject) {
  for (const char* text : {"[]", "null", "\"policy\"", "3"}) {
    EXPECT_EQ(errorsOf(readPolicyV2(doc(text))),
              std::vector<std::string>{"policy: expected object"})
        << text;
  }
}

TEST(PolicyV2Test, IdRule) {
  for (const char* id : {"", "Upper", "with space", "ü", "a/b"}) {
    boost::json::value d = doc(kMinimal);
    d.as_object()["id"] = id;
    EXPECT_EQ(errorsOf(readPolicyV2(d)),
              std::vector<std::string>{"policy.id: must match ^[a-z0-9._-]{1,128}$"})
        << id;
  }
  boost::json::value d = doc(kMinimal);
  d.as_object()["id"] = std::string(128, 'a');
  EXPECT_TRUE(readPolicyV2(d).isOk());
  d.as_object()["id"] = std::string(129, 'a');
  EXPECT_FALSE(readPolicyV2(d).isOk());
}

TEST(PolicyV2Test, RuleIdLength) {
  auto withRuleId = [](const std::string& id) {
    boost::json::value d = doc(kMinimal);
    boost::json::object rule{{"id", id}, {"op", "eq"}, {"lhs", 1}, {"rhs", 1}};
    d.as_object()["rules"] = boost::json::array{rule};
    return readPolicyV2(d);
  };
  EXPECT_TRUE(withRuleId("x").isOk());
  EXPECT_TRUE(withRuleId(std::string(128, 'x')).isOk());
  std::string wide;
  for (int i = 0; i < 128; ++i)
    wide += "é";  // 128 characters, 256 bytes
  EXPECT_TRUE(withRuleId(wide).isOk());
  EXPECT_EQ(errorsOf(withRuleId("")),
            std::vector<std::string>{"policy.rules[0].id: must be 1 to 128 characters long"});
  EXPECT_FALSE(withRuleId(std::string(129, 'x')).isOk());
}

TEST(PolicyV2Test, OptionalNullMeansAbsentRequiredNullIsWrongType) {
  auto ok = readPolicyV2(doc(R"({"id":"p","version":"1","legal_basis":[{"directive":null}],
      "description":null,"inputs":{"x":{"type":"t","items":null}},"rules":[],
      "adaptivity":null})"));
  ASSERT_TRUE(ok.isOk()) << ok.status().toString();
  EXPECT_FALSE(ok->legal_basis[0].directive.has_value());
  EXPECT_FALSE(ok->adaptivity.has_value());
  EXPECT_EQ(errorsOf(readPolicyV2(
                doc(R"({"id":"p","version":null,"legal_basis":[],"inputs":{},"rules":[]})"))),
            std::vector<std::string>{"policy.version: expected string"});
}

TEST(PolicyV2Test, TooManyRules) {
  boost::json::value d = doc(kMinimal);
  boost::json::array rules;
  for (int i = 0; i < 10000; ++i)
    rules.push_back(boost::json::object{{"id", "r"}, {"op", "eq"}, {"lhs", 1}, {"rhs", 1}});
  d.as_object()["rules"] = rules;
  auto result = readPolicyV2(d);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.error().problem, CapProblem::kTooManyRules);
  EXPECT_EQ(result.error().status.code(), StatusCode::kValidation);
  EXPECT_EQ(result.error().status.message(), "policy has 10000 rules; the limit is 1000");

  rules.resize(1000);  // shrinking keeps the first 1000 rules
  d.as_object()["rules"] = rules;
  EXPECT_TRUE(readPolicyV2(d).isOk());
  rules.push_back(rules.back());
  d.as_object()["rules"] = rules;
  EXPECT_EQ(readPolicyV2(d).error().problem, CapProblem::kTooManyRules);
  // The limit is configurable (verifier.limits.max_rules).
  EXPECT_EQ(readPolicyV2(d, {.max_rules = 5000}).isOk(), true);
}

TEST(PolicyV2Test, TooDeep) {
  // The policy object is depth 1; its rules array 2, a rule 3, so lhs may nest 29 more levels.
  auto withLhsDepth = [](int depth) {
    boost::json::value lhs = 1;
    for (int i = 0; i < depth; ++i) {
      boost::json::array wrapper;
      wrapper.push_back(std::move(lhs));  // moved, not copied: building stays linear
      lhs = std::move(wrapper);
    }
    boost::json::value d = doc(kMinimal);
    d.as_object()["rules"] = boost::json::array{
        boost::json::object{{"id", "r"}, {"op", "eq"}, {"lhs", lhs}, {"rhs", 1}}};
    return readPolicyV2(d);
  };
  EXPECT_TRUE(withLhsDepth(29).isOk());
  auto result = withLhsDepth(30);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.error().problem, CapProblem::kTooDeep);
  EXPECT_EQ(result.error().status.message(), "nesting depth exceeds 32");
  EXPECT_EQ(withLhsDepth(5000).error().problem, CapProblem::kTooDeep);
}

}  // namespace
}  // namespace tars::verifier
