// The five lints of spec/cap.md §5.6: codes, levels, exact messages, rule ids and order.

#include "services/verifier/lint.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace tars::verifier {
namespace {

PolicyV2 policyFrom(std::string_view text) {
  auto policy = readPolicyV2(boost::json::parse(text));
  EXPECT_TRUE(policy.isOk()) << policy.status().toString();
  return policy.isOk() ? *policy : PolicyV2{};
}

std::string render(const std::vector<Diagnostic>& diagnostics) {
  json::CanonicalWriter writer;
  writeDiagnostics(writer, diagnostics);
  auto text = std::move(writer).finish();
  return text.isOk() ? *text : text.status().toString();
}

TEST(LintTest, CleanPolicyHasNoDiagnostics) {
  const PolicyV2 p = policyFrom(R"({"id":"p","version":"1","legal_basis":[{}],"description":"d",
      "inputs":{},"rules":[{"id":"a","op":"eq","lhs":1,"rhs":1}]})");
  EXPECT_TRUE(lintPolicy(p, LintMode::kStrict).empty());
}

TEST(LintTest, E1002LevelDependsOnMode) {
  const PolicyV2 p = policyFrom(
      R"({"id":"p","version":"1","legal_basis":[],"description":"d","inputs":{},"rules":[]})");
  EXPECT_EQ(
      render(lintPolicy(p, LintMode::kStrict)),
      R"([{"code":"E1002","level":"error","message":"missing `legal_basis`","rule_id":null}])");
  EXPECT_EQ(
      render(lintPolicy(p, LintMode::kRelaxed)),
      R"([{"code":"E1002","level":"warning","message":"missing `legal_basis`","rule_id":null}])");
  EXPECT_TRUE(hasErrors(lintPolicy(p, LintMode::kStrict)));
  EXPECT_FALSE(hasErrors(lintPolicy(p, LintMode::kRelaxed)));
}

TEST(LintTest, W1002AbsentOrEmptyButNotWhitespace) {
  const char* kTemplate = R"({"id":"p","version":"1","legal_basis":[{}],%s"inputs":{},"rules":[]})";
  for (const char* description : {"", R"("description":"",)", R"("description":null,)"}) {
    char text[256];
    std::snprintf(text, sizeof text, kTemplate, description);
    EXPECT_EQ(
        render(lintPolicy(policyFrom(text), LintMode::kStrict)),
        R"([{"code":"W1002","level":"warning","message":"description missing","rule_id":null}])")
        << description;
  }
  char text[256];
  std::snprintf(text, sizeof text, kTemplate, R"("description":" ",)");
  EXPECT_TRUE(lintPolicy(policyFrom(text), LintMode::kStrict).empty());
}

TEST(LintTest, E1003OnePerLaterOccurrence) {
  const PolicyV2 p = policyFrom(R"({"id":"p","version":"1","legal_basis":[{}],"description":"d",
      "inputs":{},"rules":[{"id":"a","op":"eq","lhs":1,"rhs":1},{"id":"b","op":"eq","lhs":1,"rhs":1},
      {"id":"a","op":"eq","lhs":1,"rhs":1},{"id":"a","op":"eq","lhs":1,"rhs":1},
      {"id":"b","op":"eq","lhs":1,"rhs":1}]})");
  EXPECT_EQ(render(lintPolicy(p, LintMode::kStrict)),
            R"([{"code":"E1003","level":"error","message":"duplicate rule ID 'a'","rule_id":"a"},)"
            R"({"code":"E1003","level":"error","message":"duplicate rule ID 'a'","rule_id":"a"},)"
            R"({"code":"E1003","level":"error","message":"duplicate rule ID 'b'","rule_id":"b"}])");
}

TEST(LintTest, E2001ListsTheAllowedOps) {
  const PolicyV2 p = policyFrom(R"({"id":"p","version":"1","legal_basis":[{}],"description":"d",
      "inputs":{},"rules":[{"id":"x","op":"membership","lhs":1,"rhs":1},
      {"id":"y","op":"EQ","lhs":1,"rhs":1},{"id":"z","op":"threshold","lhs":1,"rhs":1}]})");
  const auto d = lintPolicy(p, LintMode::kStrict);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].message,
            "invalid op 'membership' (allowed: non_membership, eq, range_min, range_max, lt, gt, "
            "non_intersection, threshold)");
  EXPECT_EQ(d[0].rule_id, "x");
  EXPECT_EQ(d[1].code, "E2001");
  EXPECT_EQ(d[1].rule_id, "y");  // op names are case-sensitive
}

TEST(LintTest, E1001UnknownActivationRules) {
  const PolicyV2 p = policyFrom(R"({"id":"p","version":"1","legal_basis":[{}],"description":"d",
      "inputs":{},"rules":[{"id":"a","op":"eq","lhs":1,"rhs":1}],
      "adaptivity":{"predicates":[],"activations":[{"when":"w1","rules":["a","x","y"]},
                                                    {"when":"unknown_predicate","rules":["z"]}]}})");
  EXPECT_EQ(
      render(lintPolicy(p, LintMode::kStrict)),
      R"([{"code":"E1001","level":"error","message":"unknown rule id 'x' in activation 'w1'","rule_id":null},)"
      R"({"code":"E1001","level":"error","message":"unknown rule id 'y' in activation 'w1'","rule_id":null},)"
      R"({"code":"E1001","level":"error","message":"unknown rule id 'z' in activation 'unknown_predicate'","rule_id":null}])");
}

TEST(LintTest, AllFiveInSpecOrder) {
  const PolicyV2 p = policyFrom(R"({"id":"p","version":"1","legal_basis":[],"inputs":{},
      "rules":[{"id":"r","op":"bad","lhs":1,"rhs":1},{"id":"r","op":"eq","lhs":1,"rhs":1}],
      "adaptivity":{"activations":[{"when":"w","rules":["missing"]}]}})");
  const auto d = lintPolicy(p, LintMode::kStrict);
  std::vector<std::string> codes;
  for (const auto& x : d)
    codes.push_back(x.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"E1002", "W1002", "E1003", "E2001", "E1001"}));
}

TEST(LintTest, LintModeNames) {
  EXPECT_EQ(lintModeFromName("strict"), LintMode::kStrict);
  EXPECT_EQ(lintModeFromName("STRICT"), LintMode::kStrict);
  EXPECT_EQ(lintModeFromName("Relaxed"), LintMode::kRelaxed);
  EXPECT_FALSE(lintModeFromName("lenient").has_value());
  EXPECT_FALSE(lintModeFromName("").has_value());
  EXPECT_FALSE(lintModeFromName("strict ").has_value());
}

}  // namespace
}  // namespace tars::verifier
