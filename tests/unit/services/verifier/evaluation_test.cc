// Evaluation and verdict (spec/cap.md §7.6, §8.5): every rule in IR order without adaptivity,
// the plan fail-fast with it, the verdict table, and the adaptive acceptance scenarios 11–12 of
// §14.

#include "services/verifier/evaluation.h"

#include <gtest/gtest.h>

#include "verify_test_util.h"

namespace tars::verifier {
namespace {

using test::contextFrom;
using test::irFrom;

RuleResult result(RuleStatus status) {
  return RuleResult{"r", RuleOp::kEq, status, status == RuleStatus::kOk ? "" : "x"};
}

TEST(VerdictTest, Table) {
  using S = RuleStatus;
  EXPECT_EQ(verdictOf({}), Verdict::kWarn);
  EXPECT_EQ(verdictOf({result(S::kOk)}), Verdict::kOk);
  EXPECT_EQ(verdictOf({result(S::kOk), result(S::kOk)}), Verdict::kOk);
  EXPECT_EQ(verdictOf({result(S::kOk), result(S::kSkipped)}), Verdict::kWarn);
  EXPECT_EQ(verdictOf({result(S::kSkipped)}), Verdict::kWarn);
  EXPECT_EQ(verdictOf({result(S::kOk), result(S::kFail)}), Verdict::kFail);
  EXPECT_EQ(verdictOf({result(S::kSkipped), result(S::kFail)}), Verdict::kFail);
  EXPECT_EQ(verdictOf({result(S::kFail), result(S::kSkipped)}), Verdict::kFail);
  EXPECT_EQ(verdictName(Verdict::kOk), "OK");
  EXPECT_EQ(verdictName(Verdict::kWarn), "WARN");
  EXPECT_EQ(verdictName(Verdict::kFail), "FAIL");
  EXPECT_EQ(verdictLowerName(Verdict::kOk), "ok");
  EXPECT_EQ(verdictLowerName(Verdict::kWarn), "warn");
  EXPECT_EQ(verdictLowerName(Verdict::kFail), "fail");
}

const std::string kRoot = "0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c";
const std::string kErika = "0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608";
const std::string kJonas = "0xba2c8446b7e6d44ddff73b898d01c7a689ec2bb0828e5e3d178c5a1b62b86951";

class EvaluationTest : public ::testing::Test {
 protected:
  void SetUp() override { lists_.add(kRoot, {kErika}); }

  Evaluation evaluate(const IrV1& ir, std::string_view context, bool adaptive) {
    CapOr<Evaluation> e = evaluateIr(ir, contextFrom(context), adaptive, lists_);
    EXPECT_TRUE(e.isOk()) << e.status().toString();
    return e.isOk() ? std::move(e).value() : Evaluation{};
  }

  InMemoryListSource lists_;
};

TEST_F(EvaluationTest, NonAdaptiveEvaluatesEveryRuleInIrOrderWithoutStopping) {
  IrV1 ir = irFrom(
      R"([{"id":"b","op":"eq","lhs":1,"rhs":2},
                       {"id":"a","op":"range_min","lhs":{"var":"age"},"rhs":18},
                       {"id":"c","op":"eq","lhs":1,"rhs":1}])",
      R"({"predicates":[{"id":"p","expr":false}],"activations":[{"when":"p","rules":["a"]}]})");
  Evaluation e = evaluate(ir, "{}", false);
  ASSERT_EQ(e.rules.size(), 3u);
  EXPECT_EQ(e.rules[0], (RuleResult{"b", RuleOp::kEq, RuleStatus::kFail, "values differ"}));
  EXPECT_EQ(e.rules[1],
            (RuleResult{"a", RuleOp::kRangeMin, RuleStatus::kSkipped, "missing input: age"}));
  EXPECT_EQ(e.rules[2], (RuleResult{"c", RuleOp::kEq, RuleStatus::kOk, ""}));
  EXPECT_EQ(e.verdict, Verdict::kFail);
  EXPECT_FALSE(e.plan.has_value());
}

TEST_F(EvaluationTest, EmptyIrIsWarn) {
  Evaluation e = evaluate(irFrom("[]"), "{}", false);
  EXPECT_TRUE(e.rules.empty());
  EXPECT_EQ(e.verdict, Verdict::kWarn);
}

TEST_F(EvaluationTest, ListNotRegisteredIsFlagged) {
  IrV1 ir = irFrom(R"([{"id":"s","op":"non_membership","lhs":{"var":"ubo_hashes"},
                        "rhs":{"var":"sanctions_root"}}])");
  Evaluation e = evaluate(ir,
                          R"({"ubo_hashes":[")" + kJonas + R"("],"sanctions_root":"0x)" +
                              std::string(64, '0') + R"("})",
                          false);
  EXPECT_EQ(e.verdict, Verdict::kWarn);
  EXPECT_TRUE(e.list_missing);
  Evaluation registered = evaluate(
      ir, R"({"ubo_hashes":[")" + kJonas + R"("],"sanctions_root":")" + kRoot + R"("})", false);
  EXPECT_EQ(registered.verdict, Verdict::kOk);
  EXPECT_FALSE(registered.list_missing);
}

// §14 scenario 11 (acme.adaptive), as an embedded IR.
IrV1 acmeAdaptive() {
  return irFrom(R"([{"id":"adult","op":"range_min","lhs":{"var":"age"},"rhs":18},
                    {"id":"ubo_clean","op":"non_membership","lhs":{"var":"ubo_hashes"},
                     "rhs":{"var":"sanctions_root"}}])",
                R"({"predicates":[{"id":"high_risk","expr":{"func":"gt","args":["risk_score",70]}}],
                    "activations":[{"when":"high_risk","rules":["ubo_clean"]}]})");
}

std::string acmeContext(std::string_view variables) {
  return R"({"ubo_hashes":[")" + kErika + R"(",")" + kJonas + R"("],"sanctions_root":")" + kRoot +
         R"(","variables":)" + std::string(variables) + "}";
}

TEST_F(EvaluationTest, Scenario11AdaptiveHighRisk) {
  Evaluation e = evaluate(acmeAdaptive(), acmeContext(R"({"risk_score":80})"), true);
  ASSERT_TRUE(e.plan.has_value());
  EXPECT_EQ(e.plan->steps, (std::vector<PlanStep>{{"ubo_clean", "non_membership", 10, 0}}));
  ASSERT_EQ(e.rules.size(), 1u);
  EXPECT_EQ(e.rules[0].reason, "1 element(s) of lhs found in rhs");
  EXPECT_EQ(e.verdict, Verdict::kFail);
}

TEST_F(EvaluationTest, Scenario11AdaptiveLowRiskIsEmptyPlanWarn) {
  Evaluation e = evaluate(acmeAdaptive(), acmeContext(R"({"risk_score":10})"), true);
  ASSERT_TRUE(e.plan.has_value());
  EXPECT_TRUE(e.plan->steps.empty());
  EXPECT_TRUE(e.rules.empty());
  EXPECT_EQ(e.verdict, Verdict::kWarn);
}

TEST_F(EvaluationTest, Scenario11MissingVariableIsSelectionError) {
  CapOr<Evaluation> e = evaluateIr(acmeAdaptive(), contextFrom(acmeContext("{}")), true, lists_);
  ASSERT_FALSE(e.isOk());
  EXPECT_EQ(e.error().problem, CapProblem::kAdaptiveSelectionFailed);
  EXPECT_EQ(e.error().status.code(), StatusCode::kValidation);
  EXPECT_EQ(e.error().status.message(), "variable 'risk_score' is missing");
}

TEST_F(EvaluationTest, Scenario11WithoutAdaptiveEvaluatesBoth) {
  Evaluation e = evaluate(acmeAdaptive(), acmeContext(R"({"risk_score":80})"), false);
  ASSERT_EQ(e.rules.size(), 2u);
  EXPECT_EQ(e.rules[0].id, "adult");
  EXPECT_EQ(e.rules[0].reason, "missing input: age");
  EXPECT_EQ(e.rules[1].status, RuleStatus::kFail);
  EXPECT_EQ(e.verdict, Verdict::kFail);
}

TEST_F(EvaluationTest, Scenario12FailFast) {
  IrV1 ir = irFrom(R"([{"id":"a_eq","op":"eq","lhs":{"var":"x"},"rhs":1},
                       {"id":"b_sanctions","op":"non_membership","lhs":{"var":"ubo_hashes"},
                        "rhs":{"var":"sanctions_root"}}])");
  Evaluation e = evaluate(ir, acmeContext(R"({"x":2})"), true);
  ASSERT_EQ(e.rules.size(), 2u);
  EXPECT_EQ(e.rules[0], (RuleResult{"a_eq", RuleOp::kEq, RuleStatus::kFail, "values differ"}));
  EXPECT_EQ(e.rules[1],
            (RuleResult{"b_sanctions", RuleOp::kNonMembership, RuleStatus::kSkipped, "fail-fast"}));
  EXPECT_EQ(e.verdict, Verdict::kFail);
  // Without the failure both run, in plan order.
  Evaluation passing = evaluate(ir,
                                R"({"variables":{"x":1},"ubo_hashes":[")" + kJonas +
                                    R"("],"sanctions_root":")" + kRoot + R"("})",
                                true);
  EXPECT_EQ(passing.verdict, Verdict::kOk);
  EXPECT_EQ(passing.rules[1].status, RuleStatus::kOk);
}

TEST_F(EvaluationTest, AdaptivePlanOrderNotIrOrder) {
  IrV1 ir = irFrom(R"([{"id":"a","op":"threshold","lhs":[true],"rhs":1},
                       {"id":"b","op":"eq","lhs":1,"rhs":1}])");
  Evaluation e = evaluate(ir, "{}", true);
  ASSERT_EQ(e.rules.size(), 2u);
  EXPECT_EQ(e.rules[0].id, "b");
  EXPECT_EQ(e.rules[1].id, "a");
  EXPECT_EQ(e.verdict, Verdict::kOk);
}

TEST_F(EvaluationTest, UnknownPredicateIsSelectionError) {
  IrV1 ir = irFrom(R"([{"id":"a","op":"eq","lhs":1,"rhs":1}])",
                   R"({"predicates":[],"activations":[{"when":"ghost","rules":["a"]}]})");
  CapOr<Evaluation> e = evaluateIr(ir, contextFrom("{}"), true, lists_);
  ASSERT_FALSE(e.isOk());
  EXPECT_EQ(e.error().problem, CapProblem::kAdaptiveSelectionFailed);
  EXPECT_EQ(e.error().status.message(), "unknown predicate 'ghost'");
  // Not adaptive: adaptivity is ignored.
  CapOr<Evaluation> plain = evaluateIr(ir, contextFrom("{}"), false, lists_);
  ASSERT_TRUE(plain.isOk());
  EXPECT_EQ(plain->verdict, Verdict::kOk);
}

}  // namespace
}  // namespace tars::verifier
