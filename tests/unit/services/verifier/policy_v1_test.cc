// Legacy policy v1 (spec/cap.md §4.1–§4.2): validation with JSON paths, the canonical record and
// its "0x" + SHA3-256 hash.

#include "services/verifier/policy_v1.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "crypto/hash.h"

namespace tars::verifier {
namespace {

constexpr const char* kValid = R"({
  "notes_not": "unknown members are dropped",
  "constraints": {"supplier_count_max": 10, "require_at_least_one_ubo": true, "extra": 1},
  "created_at": "2025-01-01T00:00:00Z", "name": "LkSG baseline", "version": "lksg.v1"})";

std::vector<std::string> errorsOf(std::string_view text) {
  std::vector<std::string> out;
  auto result = readPolicyV1(boost::json::parse(text));
  if (result.isOk())
    return out;
  EXPECT_EQ(result.error().problem, CapProblem::kInvalidPolicy);
  EXPECT_EQ(result.error().status.code(), StatusCode::kInvalidArgument);  // the legacy 400
  for (const FieldError& e : result.error().status.fieldErrors())
    out.push_back(e.field + ": " + e.message);
  return out;
}

TEST(PolicyV1Test, CanonicalRecordAndHash) {
  auto policy = readPolicyV1(boost::json::parse(kValid));
  ASSERT_TRUE(policy.isOk()) << policy.status().toString();
  const std::string expected =
      R"({"version":"lksg.v1","name":"LkSG baseline","created_at":"2025-01-01T00:00:00Z",)"
      R"("constraints":{"require_at_least_one_ubo":true,"supplier_count_max":10},"notes":""})";
  auto text = policyV1CanonicalJson(*policy);
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(*text, expected);
  auto hash = policyV1Hash(*policy);
  ASSERT_TRUE(hash.isOk());
  EXPECT_EQ(*hash, "0x" + crypto::toHex(crypto::sha3_256(expected)));
}

TEST(PolicyV1Test, OptionalConstraintsWrittenInOrderWhenPresent) {
  auto policy = readPolicyV1(boost::json::parse(R"({"version":"lksg.v2","name":"n",
      "created_at":"T","notes":"x","constraints":{"require_statement_roots":
      ["jurisdiction_root","sanctions_root","jurisdiction_root"],"ubo_count_min":4294967295,
      "supplier_count_max":1,"require_at_least_one_ubo":false}})"));
  ASSERT_TRUE(policy.isOk()) << policy.status().toString();
  auto text = policyV1CanonicalJson(*policy);
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(
      *text,
      R"({"version":"lksg.v2","name":"n","created_at":"T","constraints":{)"
      R"("require_at_least_one_ubo":false,"supplier_count_max":1,"ubo_count_min":4294967295,)"
      R"("require_statement_roots":["jurisdiction_root","sanctions_root","jurisdiction_root"]},)"
      R"("notes":"x"})");
}

TEST(PolicyV1Test, HashDependsOnContent) {
  auto a = readPolicyV1(boost::json::parse(kValid));
  boost::json::value changed = boost::json::parse(kValid);
  changed.at("constraints").as_object()["supplier_count_max"] = 11;
  auto b = readPolicyV1(changed);
  ASSERT_TRUE(a.isOk() && b.isOk());
  EXPECT_NE(*policyV1Hash(*a), *policyV1Hash(*b));
}

TEST(PolicyV1Test, MissingMembers) {
  EXPECT_EQ(errorsOf("{}"),
            (std::vector<std::string>{"policy.version: is required", "policy.name: is required",
                                      "policy.created_at: is required",
                                      "policy.constraints: is required"}));
  EXPECT_EQ(errorsOf(R"({"version":"lksg.v1","name":"n","created_at":"T","constraints":{}})"),
            (std::vector<std::string>{"policy.constraints.require_at_least_one_ubo: is required",
                                      "policy.constraints.supplier_count_max: is required"}));
  EXPECT_EQ(errorsOf("[]"), std::vector<std::string>{"policy: expected object"});
}

TEST(PolicyV1Test, RuleViolations) {
  EXPECT_EQ(errorsOf(R"({"version":"v1","name":" \t\u00a0\u3000","created_at":"2025-01-01",
          "constraints":{"require_at_least_one_ubo":"yes","supplier_count_max":0,
          "ubo_count_min":4294967296,"require_statement_roots":["sanctions_root","other",3]},
          "notes":5})"),
            (std::vector<std::string>{
                "policy.version: must start with lksg.v",
                "policy.name: must not be empty or only whitespace",
                "policy.created_at: must contain T (an RFC 3339 date-time)",
                "policy.constraints.require_at_least_one_ubo: expected boolean",
                "policy.constraints.supplier_count_max: must be greater than 0",
                "policy.constraints.ubo_count_min: must be at most 4294967295",
                "policy.constraints.require_statement_roots[1]: must be sanctions_root or "
                "jurisdiction_root",
                "policy.constraints.require_statement_roots[2]: expected string",
                "policy.notes: expected string",
            }));
}

TEST(PolicyV1Test, IntegersMustBeIntegers) {
  EXPECT_EQ(errorsOf(R"({"version":"lksg.v1","name":"n","created_at":"T",
      "constraints":{"require_at_least_one_ubo":true,"supplier_count_max":5.0,
      "ubo_count_min":-1}})"),
            (std::vector<std::string>{"policy.constraints.supplier_count_max: expected integer",
                                      "policy.constraints.ubo_count_min: must be greater than 0"}));
  EXPECT_EQ(
      errorsOf(R"({"version":"lksg.v1","name":"n","created_at":"T",
      "constraints":{"require_at_least_one_ubo":true,"supplier_count_max":1,
      "require_statement_roots":[]}})"),
      std::vector<std::string>{"policy.constraints.require_statement_roots: must not be empty"});
}

}  // namespace
}  // namespace tars::verifier
