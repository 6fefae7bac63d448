// Rule semantics of spec/cap.md §7.4–§7.5: operand resolution and every op's ok / fail / skipped
// outcomes with the spec's reason texts.

#include "services/verifier/rule_eval.h"

#include <gtest/gtest.h>

#include "services/verifier/commitments.h"
#include "verify_test_util.h"

namespace tars::verifier {
namespace {

using test::contextFrom;
using test::parseJson;

// The C3 sanctions list (§2.8).
constexpr std::string_view kSanctionsRoot =
    "0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c";
constexpr std::string_view kIvan =
    "0xebbdf1262b9f653812b29042d0d554a30ed5ca043259287f1b5141c575c2cce9";
constexpr std::string_view kBlackwater =
    "0x57aceaa0168ef7b30029938c22061b1521abf5627a6e65328d71ac1a614e3ce9";
constexpr std::string_view kErika =
    "0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608";
// C2 supplier screening hashes (not listed).
constexpr std::string_view kNordlicht =
    "0x281d3eac17c8697ae5cac4255c605730d1d9db2a75cd4a2fe6fc367d8b1a31a2";
constexpr std::string_view kTejo =
    "0xe835adb2a5dee76c2bede526f002e956fb875d87f6eb7770207fc91f4e4a6c0a";

class RuleEvalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lists_.add(std::string(kSanctionsRoot),
               {std::string(kIvan), std::string(kBlackwater), std::string(kErika)});
  }

  // Evaluates one rule {id:"r", op, lhs, rhs} (operands in embedded-IR form) against `context`.
  RuleResult run(std::string_view op, std::string_view lhs, std::string_view rhs,
                 std::string_view context = "{}") {
    IrRule rule;
    rule.id = "r";
    rule.op = *ruleOpFromName(op);
    rule.lhs = Operand::fromIr(parseJson(lhs));
    rule.rhs = Operand::fromIr(parseJson(rhs));
    StatusOr<RuleResult> r = evaluateRule(rule, contextFrom(context), lists_);
    EXPECT_TRUE(r.isOk()) << r.status().toString();
    return r.isOk() ? *r : RuleResult{};
  }

  void expectOk(const RuleResult& r) {
    EXPECT_EQ(r.status, RuleStatus::kOk) << r.reason;
    EXPECT_EQ(r.reason, "");
  }
  void expectFail(const RuleResult& r, std::string_view reason) {
    EXPECT_EQ(r.status, RuleStatus::kFail);
    EXPECT_EQ(r.reason, reason);
  }
  void expectSkipped(const RuleResult& r, std::string_view reason) {
    EXPECT_EQ(r.status, RuleStatus::kSkipped);
    EXPECT_EQ(r.reason, reason);
  }

  std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }

  InMemoryListSource lists_;
};

TEST_F(RuleEvalTest, ResolutionPrefersVariablesThenTopLevel) {
  expectOk(run("eq", R"({"var":"x"})", "1", R"({"x":2,"variables":{"x":1}})"));
  expectOk(run("eq", R"({"var":"x"})", "2", R"({"x":2,"variables":{"x":null}})"));
  expectOk(run("eq", R"({"var":"x"})", "2", R"({"x":2})"));
  // `variables` itself is never a name.
  expectSkipped(run("eq", R"({"var":"variables"})", "1", R"({"variables":{}})"),
                "missing input: variables");
  // Names are keys, not paths.
  expectSkipped(run("eq", R"({"var":"a.b"})", "1", R"({"a":{"b":1}})"), "missing input: a.b");
}

TEST_F(RuleEvalTest, MissingInputsLhsFirst) {
  expectSkipped(run("eq", R"({"var":"age"})", R"({"var":"min"})"), "missing input: age");
  expectSkipped(run("eq", "1", R"({"var":"min"})"), "missing input: min");
  expectSkipped(run("eq", "null", "1"), "missing input: lhs");
  expectSkipped(run("eq", "1", "null"), "missing input: rhs");
  expectSkipped(run("range_min", R"({"var":"age"})", "18", R"({"age":null})"),
                "missing input: age");
}

TEST_F(RuleEvalTest, Eq) {
  expectOk(run("eq", "1", "1.0"));
  expectOk(run("eq", R"("active")", R"("active")"));
  expectOk(run("eq", R"([1,"a",{"k":[true]}])", R"([1.0,"a",{"k":[true]}])"));
  expectOk(run("eq", R"({"a":1,"b":2})", R"({"b":2,"a":1})"));
  expectOk(run("eq", "true", "true"));
  expectOk(run("eq", "-5", "-5"));
  expectOk(run("eq", "18446744073709551615", "18446744073709551615"));
  expectFail(run("eq", "1", "2"), "values differ");
  expectFail(run("eq", "1", R"("1")"), "values differ");
  expectFail(run("eq", R"("a")", R"("A")"), "values differ");
  expectFail(run("eq", "[1,2]", "[2,1]"), "values differ");
  expectFail(run("eq", R"({"a":1})", R"({"a":1,"b":2})"), "values differ");
  expectFail(run("eq", "true", "1"), "values differ");
  // Two integers compare exactly, beyond double precision.
  expectFail(run("eq", "9007199254740993", "9007199254740992"), "values differ");
  expectFail(run("eq", "-1", "18446744073709551615"), "values differ");
}

TEST_F(RuleEvalTest, RangeMinAndMax) {
  expectOk(run("range_min", "18", "18"));
  expectOk(run("range_min", "18.5", "18"));
  expectOk(run("range_min", "1", "1.5e-7"));
  expectFail(run("range_min", "17", "18"), "17 < 18");
  expectFail(run("range_min", "17.5", "18"), "17.5 < 18");
  expectFail(run("range_min", "0.00001", "1"), "0.00001 < 1");
  expectFail(run("range_min", "1e-6", "1.0"), "1e-6 < 1.0");
  expectFail(run("range_min", "-3", "0"), "-3 < 0");
  expectOk(run("range_max", "5", "5"));
  expectOk(run("range_max", "4.99", "5"));
  expectFail(run("range_max", "6", "5"), "6 > 5");
  expectFail(run("range_max", "25.0", "5"), "25.0 > 5");
  // From the context.
  expectFail(run("range_min", R"({"var":"age"})", "18", R"({"variables":{"age":16}})"), "16 < 18");
  expectOk(run("range_min", R"({"var":"age"})", "18", R"({"age":40})"));
}

TEST_F(RuleEvalTest, LtAndGt) {
  expectOk(run("lt", "1", "2"));
  expectFail(run("lt", "2", "2"), "2 >= 2");
  expectFail(run("lt", "3.25", "2"), "3.25 >= 2");
  expectOk(run("gt", "3", "2"));
  expectFail(run("gt", "2", "2"), "2 <= 2");
  expectFail(run("gt", "-1", "18446744073709551615"), "-1 <= 18446744073709551615");
  expectOk(run("gt", "9007199254740993", "9007199254740992"));
}

TEST_F(RuleEvalTest, ComparisonTypeMismatch) {
  for (std::string_view op : {"range_min", "range_max", "lt", "gt"}) {
    expectFail(run(op, R"("17")", "18"), "type mismatch: lhs must be a number");
    expectFail(run(op, "true", "18"), "type mismatch: lhs must be a number");
    expectFail(run(op, "17", "[18]"), "type mismatch: rhs must be a number");
  }
}

TEST_F(RuleEvalTest, NonMembershipAgainstList) {
  const std::string root = q(kSanctionsRoot);
  expectOk(run("non_membership", "[" + q(kNordlicht) + "," + q(kTejo) + "]", root));
  expectFail(run("non_membership", "[" + q(kNordlicht) + "," + q(kBlackwater) + "]", root),
             "1 element(s) of lhs found in rhs");
  expectFail(run("non_membership", "[" + q(kIvan) + "," + q(kErika) + "," + q(kIvan) + "]", root),
             "3 element(s) of lhs found in rhs");
  // A string is one element.
  expectFail(run("non_membership", q(kErika), root), "1 element(s) of lhs found in rhs");
  expectOk(run("non_membership", q(kTejo), root));
  // Empty lhs is ok.
  expectOk(run("non_membership", "[]", root));
  // Through the context, as the §5.9 policy states it.
  expectFail(
      run("non_membership", R"({"var":"supplier_hashes"})", R"({"var":"sanctions_root"})",
          R"({"supplier_hashes":[)" + q(kBlackwater) + R"(],"sanctions_root":)" + root + "}"),
      "1 element(s) of lhs found in rhs");
}

TEST_F(RuleEvalTest, NonMembershipListNotRegisteredOrMalformed) {
  const std::string unknown = std::string("0x") + std::string(64, '1');
  expectSkipped(run("non_membership", "[" + q(kTejo) + "]", q(unknown)),
                "list not registered: " + unknown);
  expectFail(run("non_membership", "[" + q(kTejo) + "]", R"("0xABC")"),
             "type mismatch: rhs must be a list root or an array");
  expectFail(run("non_membership", "[" + q(kTejo) + "]", "5"),
             "type mismatch: rhs must be a list root or an array");
  expectFail(run("non_membership", R"(["0xabc"])", q(kSanctionsRoot)),
             "type mismatch: lhs elements must be hash strings");
  expectFail(run("non_membership", "[1]", q(kSanctionsRoot)),
             "type mismatch: lhs elements must be hash strings");
  expectFail(run("non_membership", "5", q(kSanctionsRoot)),
             "type mismatch: lhs must be a string or an array");
  expectFail(run("non_membership", R"({"a":1})", "[]"),
             "type mismatch: lhs must be a string or an array");
}

TEST_F(RuleEvalTest, NonMembershipArrayAgainstArray) {
  expectOk(run("non_membership", R"(["a","b"])", R"(["c",1])"));
  expectFail(run("non_membership", R"(["a",1,2.0])", R"(["a",2])"),
             "2 element(s) of lhs found in rhs");
  expectFail(run("non_membership", R"("x")", R"(["x"])"), "1 element(s) of lhs found in rhs");
}

TEST_F(RuleEvalTest, NonIntersection) {
  const std::string root = q(kSanctionsRoot);
  expectOk(run("non_intersection", "[" + q(kTejo) + "]", root));
  expectOk(run("non_intersection", "[]", root));
  expectOk(run("non_intersection", "[1,2]", "[3]"));
  expectFail(run("non_intersection", "[1,2,3]", "[3.0,2]"), "2 element(s) of lhs found in rhs");
  expectFail(run("non_intersection", root, "[" + q(kIvan) + "]"),
             "1 element(s) of lhs found in rhs");
  expectOk(run("non_intersection", root, "[" + q(kTejo) + "]"));
  expectFail(run("non_intersection", root, root), "3 element(s) of lhs found in rhs");
  expectFail(run("non_intersection", root, R"(["nope"])"),
             "type mismatch: rhs elements must be hash strings");
  expectFail(run("non_intersection", R"("not-a-root")", "[]"),
             "type mismatch: lhs must be a list root or an array");
  expectFail(run("non_intersection", "1", "[]"),
             "type mismatch: lhs must be a list root or an array");
  expectFail(run("non_intersection", "[]", "true"),
             "type mismatch: rhs must be a list root or an array");
  const std::string unknown = std::string("0x") + std::string(64, '2');
  expectSkipped(run("non_intersection", q(unknown), "[" + q(kTejo) + "]"),
                "list not registered: " + unknown);
}

TEST_F(RuleEvalTest, Threshold) {
  expectOk(run("threshold", "[true,true,false,true]", "0.75"));
  expectOk(run("threshold", "[true]", "1"));
  expectOk(run("threshold", "[false]", "0"));
  expectFail(run("threshold", "[true,false]", "0.8"), "fraction 0.5 < 0.8");
  expectFail(run("threshold", "[false,false]", "1"), "fraction 0.0 < 1");
  expectSkipped(run("threshold", "[]", "0.5"), "empty input: lhs");
  expectSkipped(run("threshold", R"({"var":"checks"})", "0.5", R"({"checks":[]})"),
                "empty input: checks");
  expectFail(run("threshold", "[true,1]", "0.5"),
             "type mismatch: lhs must be an array of booleans");
  expectFail(run("threshold", "true", "0.5"), "type mismatch: lhs must be an array of booleans");
  expectFail(run("threshold", "[true]", "1.5"), "type mismatch: rhs must be a number in [0, 1]");
  expectFail(run("threshold", "[true]", "-0.1"), "type mismatch: rhs must be a number in [0, 1]");
  expectFail(run("threshold", "[true]", R"("0.5")"),
             "type mismatch: rhs must be a number in [0, 1]");
}

TEST(NumberTextTest, SpecLayout) {
  EXPECT_EQ(numberText(boost::json::value(17)), "17");
  EXPECT_EQ(numberText(boost::json::value(-3)), "-3");
  EXPECT_EQ(numberText(boost::json::value(1.0)), "1.0");
  EXPECT_EQ(numberText(boost::json::value(25.5)), "25.5");
  EXPECT_EQ(numberText(boost::json::value(1e16)), "1e16");
  EXPECT_EQ(numberText(boost::json::value(1.5e-7)), "1.5e-7");
}

TEST(RuleStatusTest, Names) {
  EXPECT_EQ(ruleStatusName(RuleStatus::kOk), "ok");
  EXPECT_EQ(ruleStatusName(RuleStatus::kFail), "fail");
  EXPECT_EQ(ruleStatusName(RuleStatus::kSkipped), "skipped");
}

class FailingListSource final : public ListSource {
 public:
  StatusOr<HashSetConstSharedPtr> find(std::string_view) const override {
    return unavailable("store down");
  }
};

TEST(RuleEvalBackendTest, ListSourceErrorIsAnError) {
  IrRule rule{"r", RuleOp::kNonMembership,
              Operand::fromIr(test::parseJson(R"(["0x)" + std::string(64, 'a') + R"("])")),
              Operand::fromIr(boost::json::value("0x" + std::string(64, 'b')))};
  FailingListSource lists;
  StatusOr<RuleResult> r = evaluateRule(rule, test::contextFrom("{}"), lists);
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace tars::verifier
