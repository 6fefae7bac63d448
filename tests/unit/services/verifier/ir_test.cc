// IR v1 pieces (spec/cap.md §5.4, §7.2): operands, op names, the IR hash over "ir_hash":"".

#include "services/verifier/ir.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "crypto/hash.h"

namespace tars::verifier {
namespace {

std::string written(const Operand& operand) {
  json::CanonicalWriter writer;
  operand.write(writer);
  auto text = std::move(writer).finish();
  return text.isOk() ? *text : "";
}

TEST(IrTest, OpNames) {
  const std::vector<std::string> names = {"non_membership",   "eq",       "range_min",
                                          "range_max",        "lt",       "gt",
                                          "non_intersection", "threshold"};
  for (const std::string& name : names) {
    auto op = ruleOpFromName(name);
    ASSERT_TRUE(op.has_value()) << name;
    EXPECT_EQ(ruleOpName(*op), name);
  }
  for (const char* name : {"membership", "gte", "lte", "intersection", "Eq", "", "eq "})
    EXPECT_FALSE(ruleOpFromName(name).has_value()) << name;
  std::string joined;
  for (const std::string& name : names)
    joined += (joined.empty() ? "" : ", ") + name;
  EXPECT_EQ(allowedRuleOpsText(), joined);
}

TEST(IrTest, PolicyOperandConversion) {
  EXPECT_EQ(written(Operand::fromPolicy("active")), R"({"var":"active"})");
  EXPECT_TRUE(Operand::fromPolicy("active").isReference());
  EXPECT_EQ(written(Operand::fromPolicy(boost::json::parse(R"({"var":"x"})"))), R"({"var":"x"})");
  EXPECT_TRUE(Operand::fromPolicy(boost::json::parse(R"({"var":"x"})")).isReference());
  // Literals: numbers, booleans, null, arrays (strings inside stay strings), other objects.
  EXPECT_EQ(written(Operand::fromPolicy(18)), "18");
  EXPECT_EQ(written(Operand::fromPolicy(0.5)), "0.5");
  EXPECT_EQ(written(Operand::fromPolicy(nullptr)), "null");
  EXPECT_EQ(written(Operand::fromPolicy(boost::json::parse(R"(["a",{"var":"b"}])"))),
            R"(["a",{"var":"b"}])");
  EXPECT_FALSE(Operand::fromPolicy(boost::json::parse(R"(["a"])")).isReference());
  EXPECT_EQ(written(Operand::fromPolicy(boost::json::parse(R"({"var":"x","y":1})"))),
            R"({"var":"x","y":1})");
  EXPECT_FALSE(Operand::fromPolicy(boost::json::parse(R"({"var":1})")).isReference());
}

TEST(IrTest, EmbeddedIrOperandsKeepStringLiterals) {
  const Operand s = Operand::fromIr("active");
  EXPECT_FALSE(s.isReference());
  EXPECT_EQ(written(s), R"("active")");
  const Operand r = Operand::fromIr(boost::json::parse(R"({"var":"age"})"));
  ASSERT_TRUE(r.isReference());
  EXPECT_EQ(r.name(), "age");
  EXPECT_EQ(r, Operand::reference("age"));
  EXPECT_FALSE(r == Operand::literal("age"));
}

TEST(IrTest, HashIsOverTheIrWithAnEmptyHashMember) {
  IrV1 ir;
  ir.policy_id = "p";
  ir.policy_hash = "sha3-256:00";
  ir.rules.push_back({"r", RuleOp::kRangeMin, Operand::reference("age"), Operand::literal(18)});
  ir.ir_hash = "stale value that must not enter the hash";
  const std::string preimage =
      R"({"ir_version":"1.0","policy_id":"p","policy_hash":"sha3-256:00","rules":[)"
      R"({"id":"r","op":"range_min","lhs":{"var":"age"},"rhs":18}],"ir_hash":""})";
  auto hash = computeIrHash(ir);
  ASSERT_TRUE(hash.isOk());
  EXPECT_EQ(*hash, "sha3-256:" + crypto::toHex(crypto::sha3_256(preimage)));
  ir.ir_hash = *hash;
  auto text = irCanonicalJson(ir);
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(*text, preimage.substr(0, preimage.size() - 3) + "\"" + *hash + "\"}");
}

TEST(IrTest, AdaptivityOnlyWhenPresent) {
  IrV1 ir;
  ir.policy_id = "p";
  auto without = irCanonicalJson(ir);
  ASSERT_TRUE(without.isOk());
  EXPECT_EQ(without->find("adaptivity"), std::string::npos);
  ir.adaptivity = Adaptivity{};
  auto with = irCanonicalJson(ir);
  ASSERT_TRUE(with.isOk());
  EXPECT_NE(with->find(R"("rules":[],"adaptivity":{"predicates":[],"activations":[]},"ir_hash")"),
            std::string::npos);
}

TEST(IrTest, NonFiniteLiteralIsAnErrorNotAHash) {
  IrV1 ir;
  ir.rules.push_back({"r", RuleOp::kEq, Operand::literal(std::nan("")), Operand::literal(1)});
  EXPECT_FALSE(computeIrHash(ir).isOk());
}

TEST(IrTest, Etag) {
  EXPECT_EQ(irEtag("sha3-256:ab"), "\"ir:sha3-256:ab\"");
}

}  // namespace
}  // namespace tars::verifier
