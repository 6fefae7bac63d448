// The §5.3 typed record behind policy_hash (the golden vector is in compiler_test.cc).

#include "services/verifier/policy_v2_hash.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <limits>

#include "crypto/hash.h"

namespace tars::verifier {
namespace {

TEST(PolicyV2HashTest, TypedRecordLayout) {
  auto policy = readPolicyV2(boost::json::parse(R"({"rules":[
      {"rhs":{"b":[{"d":1,"c":2}],"a":"s"},"lhs":"v","op":"eq","id":"z"},
      {"id":"a","op":"gt","lhs":1e21,"rhs":null}],
      "inputs":{"z":{"type":"t"},"é":{"type":"t"},"a":{"items":"i","type":"t"}},
      "legal_basis":[{"article":"1","directive":"D"},{"article":"2"},{}],
      "version":"v","id":"p"})"));
  ASSERT_TRUE(policy.isOk()) << policy.status().toString();
  auto text = policyV2CanonicalJson(*policy);
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(*text, R"({"id":"p","version":"v",)"
                   R"("legal_basis":[{"directive":"D","article":"1"},{"article":"2"},{}],)"
                   R"("description":"",)"
                   R"("inputs":{"a":{"type":"t","items":"i"},"z":{"type":"t"},"é":{"type":"t"}},)"
                   R"("rules":[{"id":"z","op":"eq","lhs":"v","rhs":{"a":"s","b":[{"c":2,"d":1}]}},)"
                   R"({"id":"a","op":"gt","lhs":1e21,"rhs":null}]})");
  auto hash = policyV2Hash(*policy);
  ASSERT_TRUE(hash.isOk());
  EXPECT_EQ(*hash, "sha3-256:" + crypto::toHex(crypto::sha3_256(*text)));
}

TEST(PolicyV2HashTest, NonFiniteValueBuiltInCodeIsAnError) {
  PolicyV2 policy;
  policy.rules.push_back({"r", "eq", std::numeric_limits<double>::infinity(), 1});
  EXPECT_FALSE(policyV2Hash(policy).isOk());
}

}  // namespace
}  // namespace tars::verifier
