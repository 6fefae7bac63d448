// The adaptive orchestrator (spec/cap.md §8.1–§8.4): the 13 unit conformance vectors of §8.6
// (U1–U13) and its 6 integration vectors (I1–I6) through orchestrate(), transcribed from the
// table, plus the error texts of §8.1–§8.3.

#include "services/verifier/orchestrator.h"

#include <gtest/gtest.h>

#include "verify_test_util.h"

namespace tars::verifier {
namespace {

using test::contextFrom;
using test::irFrom;
using test::parseJson;

StatusOr<bool> eval(std::string_view expr, std::string_view variables = "{}") {
  return evaluatePredicate(parseJson(expr),
                           contextFrom(R"({"variables":)" + std::string(variables) + "}"));
}

std::vector<std::string> ids(const Plan& plan) {
  std::vector<std::string> out;
  for (const PlanStep& s : plan.steps)
    out.push_back(s.rule_id);
  return out;
}

std::string planJson(const Plan& plan) {
  json::CanonicalWriter w(256);
  writePlan(w, plan);
  StatusOr<std::string> text = std::move(w).finish();
  return text.isOk() ? *text : text.status().toString();
}

// U1
TEST(OrchestratorVectorTest, U1BooleanLiterals) {
  EXPECT_EQ(*eval("true"), true);
  EXPECT_EQ(*eval("false"), false);
}

// U2
TEST(OrchestratorVectorTest, U2BooleanStrings) {
  EXPECT_EQ(*eval(R"("true")"), true);
  EXPECT_EQ(*eval(R"("false")"), false);
}

// U3
TEST(OrchestratorVectorTest, U3VariableName) {
  EXPECT_EQ(*eval(R"("is_recent")", R"({"is_recent": true})"), true);
}

// U4
TEST(OrchestratorVectorTest, U4LessThan) {
  EXPECT_EQ(*eval(R"({"func":"lt","args":["age",18]})", R"({"age": 17})"), true);
  EXPECT_EQ(*eval(R"({"func":"lt","args":["age",10]})", R"({"age": 17})"), false);
}

// U5
TEST(OrchestratorVectorTest, U5NoAdaptivitySelectsNothing) {
  StatusOr<std::vector<std::string>> active = selectActive(std::nullopt, contextFrom("{}"));
  ASSERT_TRUE(active.isOk());
  EXPECT_TRUE(active->empty());
}

// U6
TEST(OrchestratorVectorTest, U6ActivationAddsItsRules) {
  Adaptivity a;
  a.predicates.push_back({"is_high_risk", true});
  a.activations.push_back({"is_high_risk", {"check_sanctions", "verify_country"}});
  StatusOr<std::vector<std::string>> active = selectActive(a, contextFrom("{}"));
  ASSERT_TRUE(active.isOk());
  EXPECT_EQ(*active, (std::vector<std::string>{"check_sanctions", "verify_country"}));
}

// U7
TEST(OrchestratorVectorTest, U7NoAdaptivityMakesAllActive) {
  IrV1 ir = irFrom(R"([{"id":"rule1","op":"eq","lhs":1,"rhs":1},
                       {"id":"rule2","op":"eq","lhs":1,"rhs":1}])");
  StatusOr<Plan> plan = orchestrate(ir, contextFrom("{}"));
  ASSERT_TRUE(plan.isOk());
  EXPECT_EQ(ids(*plan), (std::vector<std::string>{"rule1", "rule2"}));
  EXPECT_EQ(plan->active_rules, 2u);
}

// U8
TEST(OrchestratorVectorTest, U8Costs) {
  EXPECT_EQ(opCost("eq"), 1u);
  EXPECT_EQ(opCost("range_min"), 2u);
  EXPECT_EQ(opCost("non_membership"), 10u);
  EXPECT_EQ(opCost("threshold"), 20u);
  EXPECT_EQ(opCost("unknown_op"), 100u);
  // The rest of the §8.3 table.
  for (std::string_view op : {"range_max", "gt", "lt", "gte", "lte"})
    EXPECT_EQ(opCost(op), 2u) << op;
  EXPECT_EQ(opCost("membership"), 10u);
  EXPECT_EQ(opCost("non_intersection"), 15u);
  EXPECT_EQ(opCost("intersection"), 15u);
}

// U9
TEST(OrchestratorVectorTest, U9EmptyPlan) {
  IrV1 ir = irFrom("[]");
  StatusOr<Plan> plan = planRules(ir, {});
  ASSERT_TRUE(plan.isOk());
  EXPECT_TRUE(plan->steps.empty());
  EXPECT_EQ(plan->total_cost, 0u);
  EXPECT_EQ(plan->active_rules, 0u);
  EXPECT_EQ(planJson(*plan),
            R"({"steps":[],"total_cost":0,"metadata":{"policy_id":"test.policy","active_rules":0,)"
            R"("strategy":"cost_based_v1"}})");
}

IrV1 u10Ir() {
  return irFrom(R"([{"id":"rule_eq","op":"eq","lhs":1,"rhs":1},
                    {"id":"rule_membership","op":"non_membership","lhs":[],"rhs":[]},
                    {"id":"rule_range","op":"range_min","lhs":1,"rhs":1}])");
}

// U10
TEST(OrchestratorVectorTest, U10SortedByCost) {
  StatusOr<Plan> plan = planRules(u10Ir(), {"rule_eq", "rule_membership", "rule_range"});
  ASSERT_TRUE(plan.isOk());
  EXPECT_EQ(plan->steps, (std::vector<PlanStep>{{"rule_eq", "eq", 1, 0},
                                                {"rule_range", "range_min", 2, 1},
                                                {"rule_membership", "non_membership", 10, 2}}));
  EXPECT_EQ(plan->total_cost, 13u);
}

// U11
TEST(OrchestratorVectorTest, U11TiesBrokenById) {
  IrV1 ir = irFrom(R"([{"id":"z_rule","op":"eq","lhs":1,"rhs":1},
                       {"id":"a_rule","op":"eq","lhs":1,"rhs":1},
                       {"id":"m_rule","op":"eq","lhs":1,"rhs":1}])");
  StatusOr<Plan> plan = planRules(ir, {"z_rule", "m_rule", "a_rule"});
  ASSERT_TRUE(plan.isOk());
  EXPECT_EQ(ids(*plan), (std::vector<std::string>{"a_rule", "m_rule", "z_rule"}));
}

// U12
TEST(OrchestratorVectorTest, U12OnlyActiveRules) {
  StatusOr<Plan> plan = planRules(u10Ir(), {"rule_membership", "rule_eq"});
  ASSERT_TRUE(plan.isOk());
  EXPECT_EQ(ids(*plan), (std::vector<std::string>{"rule_eq", "rule_membership"}));
  EXPECT_EQ(plan->total_cost, 11u);
  EXPECT_EQ(plan->active_rules, 2u);
}

// U13
TEST(OrchestratorVectorTest, U13OrchestrateOneRule) {
  IrV1 ir = irFrom(R"([{"id":"rule1","op":"eq","lhs":1,"rhs":1}])");
  StatusOr<Plan> plan = orchestrate(ir, contextFrom("{}"));
  ASSERT_TRUE(plan.isOk());
  ASSERT_EQ(plan->steps.size(), 1u);
  EXPECT_EQ(plan->steps[0].rule_id, "rule1");
}

// I1–I6 through orchestrate().
TEST(OrchestratorIntegrationVectorTest, I1NoAdaptivity) {
  IrV1 ir = irFrom(
      R"([{"id":"check_sanctions","op":"non_membership","lhs":{"var":"ubo_hashes"},"rhs":{"var":"sanctions_root"}},
                       {"id":"check_age","op":"range_min","lhs":{"var":"age"},"rhs":18},
                       {"id":"check_status","op":"eq","lhs":{"var":"status"},"rhs":"active"}])");
  StatusOr<Plan> plan = orchestrate(ir, contextFrom("{}"));
  ASSERT_TRUE(plan.isOk());
  EXPECT_EQ(plan->steps, (std::vector<PlanStep>{{"check_status", "eq", 1, 0},
                                                {"check_age", "range_min", 2, 1},
                                                {"check_sanctions", "non_membership", 10, 2}}));
  EXPECT_EQ(plan->total_cost, 13u);
  EXPECT_EQ(plan->active_rules, 3u);
}

constexpr std::string_view kI2Rules =
    R"([{"id":"sanctions_check","op":"non_membership","lhs":[],"rhs":[]},
        {"id":"jurisdiction_check","op":"non_membership","lhs":[],"rhs":[]},
        {"id":"baseline_check","op":"eq","lhs":1,"rhs":1}])";

TEST(OrchestratorIntegrationVectorTest, I2PredicateTrue) {
  IrV1 ir = irFrom(kI2Rules, R"({"predicates":[{"id":"is_high_risk","expr":true}],
      "activations":[{"when":"is_high_risk","rules":["sanctions_check","jurisdiction_check"]}]})");
  StatusOr<Plan> plan = orchestrate(ir, contextFrom("{}"));
  ASSERT_TRUE(plan.isOk());
  EXPECT_EQ(plan->steps, (std::vector<PlanStep>{{"jurisdiction_check", "non_membership", 10, 0},
                                                {"sanctions_check", "non_membership", 10, 1}}));
  EXPECT_EQ(plan->total_cost, 20u);
  EXPECT_EQ(plan->active_rules, 2u);
}

TEST(OrchestratorIntegrationVectorTest, I3PredicateFalse) {
  IrV1 ir = irFrom(kI2Rules, R"({"predicates":[{"id":"is_high_risk","expr":false}],
      "activations":[{"when":"is_high_risk","rules":["sanctions_check","jurisdiction_check"]}]})");
  StatusOr<Plan> plan = orchestrate(ir, contextFrom("{}"));
  ASSERT_TRUE(plan.isOk());
  EXPECT_TRUE(plan->steps.empty());
  EXPECT_EQ(plan->total_cost, 0u);
  EXPECT_EQ(plan->active_rules, 0u);
}

TEST(OrchestratorIntegrationVectorTest, I4VariablePredicate) {
  IrV1 ir = irFrom(R"([{"id":"age_check","op":"range_min","lhs":{"var":"age"},"rhs":18},
                       {"id":"enhanced_check","op":"eq","lhs":1,"rhs":1}])",
                   R"({"predicates":[{"id":"is_young","expr":{"func":"lt","args":["age",25]}}],
                       "activations":[{"when":"is_young","rules":["enhanced_check"]}]})");
  StatusOr<Plan> young = orchestrate(ir, contextFrom(R"({"variables":{"age":20}})"));
  ASSERT_TRUE(young.isOk());
  EXPECT_EQ(ids(*young), std::vector<std::string>{"enhanced_check"});
  StatusOr<Plan> old = orchestrate(ir, contextFrom(R"({"variables":{"age":30}})"));
  ASSERT_TRUE(old.isOk());
  EXPECT_TRUE(old->steps.empty());
}

TEST(OrchestratorIntegrationVectorTest, I5TiesById) {
  IrV1 ir = irFrom(R"([{"id":"z_rule","op":"eq","lhs":1,"rhs":1},
                       {"id":"a_rule","op":"eq","lhs":1,"rhs":1},
                       {"id":"m_rule","op":"eq","lhs":1,"rhs":1}])");
  StatusOr<Plan> plan = orchestrate(ir, contextFrom("{}"));
  ASSERT_TRUE(plan.isOk());
  EXPECT_EQ(ids(*plan), (std::vector<std::string>{"a_rule", "m_rule", "z_rule"}));
}

TEST(OrchestratorIntegrationVectorTest, I6MixedCosts) {
  IrV1 ir = irFrom(R"([{"id":"expensive_check","op":"non_membership","lhs":[],"rhs":[]},
                       {"id":"cheap_check_1","op":"eq","lhs":1,"rhs":1},
                       {"id":"medium_check","op":"range_min","lhs":1,"rhs":1},
                       {"id":"cheap_check_2","op":"eq","lhs":1,"rhs":1},
                       {"id":"very_expensive","op":"threshold","lhs":[true],"rhs":0.8}])");
  StatusOr<Plan> plan = orchestrate(ir, contextFrom("{}"));
  ASSERT_TRUE(plan.isOk());
  EXPECT_EQ(plan->steps, (std::vector<PlanStep>{{"cheap_check_1", "eq", 1, 0},
                                                {"cheap_check_2", "eq", 1, 1},
                                                {"medium_check", "range_min", 2, 2},
                                                {"expensive_check", "non_membership", 10, 3},
                                                {"very_expensive", "threshold", 20, 4}}));
  EXPECT_EQ(plan->total_cost, 34u);
  EXPECT_EQ(planJson(*plan),
            R"({"steps":[{"rule_id":"cheap_check_1","op":"eq","cost":1,"step_index":0},)"
            R"({"rule_id":"cheap_check_2","op":"eq","cost":1,"step_index":1},)"
            R"({"rule_id":"medium_check","op":"range_min","cost":2,"step_index":2},)"
            R"({"rule_id":"expensive_check","op":"non_membership","cost":10,"step_index":3},)"
            R"({"rule_id":"very_expensive","op":"threshold","cost":20,"step_index":4}],)"
            R"("total_cost":34,"metadata":{"policy_id":"test.policy","active_rules":5,)"
            R"("strategy":"cost_based_v1"}})");
}

// §8.1 error texts.
void expectError(StatusOr<bool> r, std::string_view message) {
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kValidation);
  EXPECT_EQ(r.status().message(), message);
}

TEST(PredicateTest, Errors) {
  expectError(eval(R"("risk")"), "variable 'risk' is missing");
  expectError(eval(R"("risk")", R"({"risk": 3})"), "variable 'risk' is not a boolean");
  expectError(eval(R"({"func":"gt","args":["risk_score",70]})"),
              "variable 'risk_score' is missing");
  expectError(eval(R"({"func":"gt","args":["s",70]})", R"({"s":"x"})"),
              "variable 's' is not a number");
  expectError(eval(R"({"func":"now","args":[]})"), "unsupported function 'now'");
  expectError(eval(R"({"func":"max","args":[1,2]})"), "unsupported function 'max'");
  expectError(eval(R"({"func":"lt","args":[1]})"), "function 'lt' needs exactly 2 arguments");
  expectError(eval(R"({"func":"eq"})"), "function 'eq' needs exactly 2 arguments");
  for (std::string_view bad : {R"({"args":[1,2]})", "3", "null", "[true]", R"({"func":1})"})
    expectError(eval(bad), "invalid predicate expression");
}

TEST(PredicateTest, ComparisonsAndEq) {
  EXPECT_EQ(*eval(R"({"func":"gt","args":["risk_score",70]})", R"({"risk_score":80})"), true);
  EXPECT_EQ(*eval(R"({"func":"gt","args":["risk_score",70]})", R"({"risk_score":70})"), false);
  EXPECT_EQ(*eval(R"({"func":"lt","args":[1.5,2]})"), true);
  // eq resolves a string naming a present variable; other strings stay literal.
  EXPECT_EQ(*eval(R"({"func":"eq","args":["status","active"]})", R"({"status":"active"})"), true);
  EXPECT_EQ(*eval(R"({"func":"eq","args":["status","active"]})", R"({"status":"idle"})"), false);
  EXPECT_EQ(*eval(R"({"func":"eq","args":["a","a"]})"), true);
  EXPECT_EQ(*eval(R"({"func":"eq","args":[1,1.0]})"), true);
}

TEST(PredicateTest, VariablesFallBackToTopLevelContext) {
  VerifyContext context = contextFrom(R"({"flag":true,"variables":{}})");
  EXPECT_EQ(*evaluatePredicate(parseJson(R"("flag")"), context), true);
}

TEST(SelectorTest, UnknownPredicateFailsClosed) {
  Adaptivity a;
  a.predicates.push_back({"p", true});
  a.activations.push_back({"p", {"r1"}});
  a.activations.push_back({"missing", {"r2"}});
  StatusOr<std::vector<std::string>> active = selectActive(a, contextFrom("{}"));
  ASSERT_FALSE(active.isOk());
  EXPECT_EQ(active.status().message(), "unknown predicate 'missing'");
}

TEST(SelectorTest, DeduplicatesAndSorts) {
  Adaptivity a;
  a.predicates.push_back({"p", true});
  a.predicates.push_back({"q", "true"});
  a.predicates.push_back({"unused", "undefined_variable"});  // never evaluated
  a.activations.push_back({"p", {"b", "a"}});
  a.activations.push_back({"q", {"a", "c"}});
  StatusOr<std::vector<std::string>> active = selectActive(a, contextFrom("{}"));
  ASSERT_TRUE(active.isOk());
  EXPECT_EQ(*active, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(PlannerTest, UnknownRuleId) {
  StatusOr<Plan> plan = planRules(u10Ir(), {"rule_eq", "ghost"});
  ASSERT_FALSE(plan.isOk());
  EXPECT_EQ(plan.status().message(), "rule 'ghost' not found");
}

TEST(PlannerTest, ActivationNamingUnknownRuleFailsInOrchestrate) {
  IrV1 ir = irFrom(R"([{"id":"r","op":"eq","lhs":1,"rhs":1}])",
                   R"({"predicates":[{"id":"p","expr":true}],
                       "activations":[{"when":"p","rules":["nope"]}]})");
  StatusOr<Plan> plan = orchestrate(ir, contextFrom("{}"));
  ASSERT_FALSE(plan.isOk());
  EXPECT_EQ(plan.status().message(), "rule 'nope' not found");
}

}  // namespace
}  // namespace tars::verifier
