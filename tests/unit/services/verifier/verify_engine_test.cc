// POST /verify end to end through the library (spec/cap.md §7, §9, §14 scenarios 7–12): the §7.10
// example answered byte for byte with a cache miss then a hit, WARN answers never cached, Mode B,
// the mode and IR errors, adaptive selection errors and fail-fast.

#include "services/verifier/verify_engine.h"

#include <gtest/gtest.h>

#include <map>

#include "test_util/fake_clock.h"
#include "verify_example.h"

namespace tars::verifier {
namespace {

using test::parseJson;

class MapPolicySource final : public PolicySource {
 public:
  std::map<std::string, StoredPolicy, std::less<>> policies;
  StatusOr<std::optional<StoredPolicy>> findPolicy(std::string_view id) const override {
    auto it = policies.find(id);
    if (it == policies.end())
      return std::optional<StoredPolicy>();
    return std::optional<StoredPolicy>(it->second);
  }
  StatusOr<bool> hasIrHash(std::string_view ir_hash) const override {
    for (const auto& [id, p] : policies) {
      if (p.ir.ir_hash == ir_hash)
        return true;
    }
    return false;
  }
};

const std::string kSupplierHashes =
    R"(["0x281d3eac17c8697ae5cac4255c605730d1d9db2a75cd4a2fe6fc367d8b1a31a2",)"
    R"("0xe835adb2a5dee76c2bede526f002e956fb875d87f6eb7770207fc91f4e4a6c0a"])";
const std::string kSanctionsRoot =
    "0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c";
const std::string kUboHashes =
    R"(["0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608",)"
    R"("0xba2c8446b7e6d44ddff73b898d01c7a689ec2bb0828e5e3d178c5a1b62b86951"])";

class VerifyEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.advance(test::exampleTime() - clock_.now());
    policies_.policies.emplace(
        "lksg.v1", StoredPolicy{*readEmbeddedIr(parseJson(test::kGoldenIrJson)), "1.0"});
    test::registerC3Sanctions(lists_);
  }

  VerifyEngine engine(VerifyCache* cache, bool allow_embedded_ir = true) {
    VerifyEngineOptions options;
    options.allow_embedded_ir = allow_embedded_ir;
    return VerifyEngine(options, policies_, lists_, signer_, clock_, cache);
  }

  CapOr<VerifyAnswer> verify(std::string_view body, VerifyCache* cache = nullptr) {
    return engine(cache).verify(parseJson(body).as_object());
  }

  boost::json::object answerJson(std::string_view body, VerifyCache* cache = nullptr) {
    CapOr<VerifyAnswer> a = verify(body, cache);
    EXPECT_TRUE(a.isOk()) << a.status().toString();
    return a.isOk() ? parseJson(a->body).as_object() : boost::json::object();
  }

  void addPolicy(std::string id, std::string_view rules, std::string_view adaptivity = "") {
    IrV1 ir = test::irFrom(rules, adaptivity);
    ir.policy_id = id;
    ir.ir_hash = *computeIrHash(ir);
    policies_.policies.emplace(std::move(id), StoredPolicy{std::move(ir), "1"});
  }

  tars::test::FakeClock clock_;
  MapPolicySource policies_;
  InMemoryListSource lists_;
  ManifestSigner signer_ = test::rfc8032Signer();
};

TEST_F(VerifyEngineTest, Scenario7ExampleMissThenHit) {
  VerifyCache cache(VerifyCacheOptions{}, clock_);
  const std::string request = test::exampleBlocks().at(0);
  CapOr<VerifyAnswer> first = verify(request, &cache);
  ASSERT_TRUE(first.isOk()) << first.status().toString();
  EXPECT_EQ(first->body, test::exampleResponseCompact());
  EXPECT_EQ(first->cache, CacheState::kMiss);
  EXPECT_EQ(first->verdict, Verdict::kOk);
  // Later, the hit returns the stored answer (same created_at, hash and signature).
  clock_.advance(std::chrono::seconds(5));
  CapOr<VerifyAnswer> second = verify(request, &cache);
  ASSERT_TRUE(second.isOk());
  EXPECT_EQ(second->cache, CacheState::kHit);
  std::string expected = first->body;
  expected.replace(expected.rfind("\"miss\""), 6, "\"hit\"");
  EXPECT_EQ(second->body, expected);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
  // Without a cache, a fresh created_at.
  CapOr<VerifyAnswer> uncached = verify(request);
  ASSERT_TRUE(uncached.isOk());
  EXPECT_EQ(uncached->cache, CacheState::kOff);
  EXPECT_EQ(parseJson(uncached->body).at("manifest").at("created_at"), "2025-11-20T10:15:05Z");
}

TEST_F(VerifyEngineTest, Scenario8Fail) {
  boost::json::object r = answerJson(
      R"({"policy_id":"lksg.v1","context":{"supplier_hashes":["0x57aceaa0168ef7b30029938c22061b1521abf5627a6e65328d71ac1a614e3ce9"],"sanctions_root":")" +
      kSanctionsRoot + R"("}})");
  EXPECT_EQ(r["result"], "FAIL");
  EXPECT_EQ(r["rules"].at(0).at("reason"), "1 element(s) of lhs found in rhs");
}

TEST_F(VerifyEngineTest, Scenario9WarnNotCached) {
  VerifyCache cache(VerifyCacheOptions{}, clock_);
  const std::string unregistered = "0x" + std::string(64, 'c');
  const std::string body = R"({"policy_id":"lksg.v1","context":{"supplier_hashes":)" +
                           kSupplierHashes + R"(,"sanctions_root":")" + unregistered + R"("}})";
  for (int i = 0; i < 2; ++i) {
    boost::json::object r = answerJson(body, &cache);
    EXPECT_EQ(r["result"], "WARN");
    EXPECT_EQ(r["rules"].at(0).at("reason"),
              boost::json::value("list not registered: " + unregistered));
    EXPECT_EQ(r["cache"], "miss") << i;
  }
  boost::json::object null_root =
      answerJson(R"({"policy_id":"lksg.v1","context":{"supplier_hashes":)" + kSupplierHashes +
                     R"(,"sanctions_root":null}})",
                 &cache);
  EXPECT_EQ(null_root["result"], "WARN");
  EXPECT_EQ(null_root["rules"].at(0).at("reason"), "missing input: sanctions_root");
}

TEST_F(VerifyEngineTest, Scenario10ModeB) {
  const std::string context = R"("context":{"supplier_hashes":)" + kSupplierHashes +
                              R"(,"sanctions_root":")" + kSanctionsRoot + R"("})";
  boost::json::object r = answerJson(R"({"ir":)" + test::kGoldenIrJson + "," + context + "}");
  EXPECT_EQ(r["result"], "OK");
  EXPECT_EQ(r["trace"].at("mode"), "embedded_ir");
  EXPECT_EQ(r["trace"].at("policy_id"), nullptr);
  EXPECT_EQ(r["manifest"].at("policy").at("version"), nullptr);
  EXPECT_EQ(r["report"].at("registry_match"), true);  // the same IR is stored as lksg.v1

  std::string altered = test::kGoldenIrJson;
  altered.replace(altered.rfind("892c"), 4, "892d");
  CapOr<VerifyAnswer> mismatch = verify(R"({"ir":)" + altered + "," + context + "}");
  ASSERT_FALSE(mismatch.isOk());
  EXPECT_EQ(mismatch.error().problem, CapProblem::kIrHashMismatch);

  for (std::string body :
       {R"({"policy_id":"lksg.v1","ir":)" + test::kGoldenIrJson + "," + context + "}",
        "{" + context + "}"}) {
    CapOr<VerifyAnswer> a = verify(body);
    ASSERT_FALSE(a.isOk());
    EXPECT_EQ(a.error().problem, CapProblem::kVerifyMode);
  }
  CapOr<VerifyAnswer> nope = verify(R"({"policy_id":"nope",)" + context + "}");
  ASSERT_FALSE(nope.isOk());
  EXPECT_EQ(nope.error().problem, CapProblem::kPolicyNotFound);

  CapOr<VerifyAnswer> disabled =
      engine(nullptr, /*allow_embedded_ir=*/false)
          .verify(parseJson(R"({"ir":)" + test::kGoldenIrJson + "," + context + "}").as_object());
  ASSERT_FALSE(disabled.isOk());
  EXPECT_EQ(disabled.error().problem, CapProblem::kEmbeddedIrDisabled);
}

TEST_F(VerifyEngineTest, Scenario11Adaptive) {
  addPolicy("acme.adaptive",
            R"([{"id":"adult","op":"range_min","lhs":{"var":"age"},"rhs":18},
                {"id":"ubo_clean","op":"non_membership","lhs":{"var":"ubo_hashes"},
                 "rhs":{"var":"sanctions_root"}}])",
            R"({"predicates":[{"id":"high_risk","expr":{"func":"gt","args":["risk_score",70]}}],
                "activations":[{"when":"high_risk","rules":["ubo_clean"]}]})");
  auto body = [&](std::string_view variables, bool adaptive) {
    return R"({"policy_id":"acme.adaptive","context":{"ubo_hashes":)" + kUboHashes +
           R"(,"sanctions_root":")" + kSanctionsRoot + R"(","variables":)" +
           std::string(variables) + R"(},"options":{"adaptive":)" + (adaptive ? "true" : "false") +
           "}}";
  };
  boost::json::object high = answerJson(body(R"({"risk_score":80})", true));
  EXPECT_EQ(high["result"], "FAIL");
  EXPECT_EQ(
      high["trace"].at("plan").at("steps"),
      parseJson(R"([{"rule_id":"ubo_clean","op":"non_membership","cost":10,"step_index":0}])"));
  boost::json::object low = answerJson(body(R"({"risk_score":10})", true));
  EXPECT_EQ(low["result"], "WARN");
  EXPECT_EQ(low["rules"], boost::json::array());
  CapOr<VerifyAnswer> missing = verify(body("{}", true));
  ASSERT_FALSE(missing.isOk());
  EXPECT_EQ(missing.error().problem, CapProblem::kAdaptiveSelectionFailed);
  EXPECT_EQ(missing.error().status.message(), "variable 'risk_score' is missing");
  boost::json::object plain = answerJson(body(R"({"risk_score":80})", false));
  EXPECT_EQ(plain["result"], "FAIL");
  EXPECT_FALSE(plain["trace"].as_object().contains("plan"));
  EXPECT_EQ(plain["rules"].at(0).at("reason"), "missing input: age");
}

TEST_F(VerifyEngineTest, Scenario12FailFast) {
  addPolicy("ff", R"([{"id":"a_eq","op":"eq","lhs":{"var":"x"},"rhs":1},
                      {"id":"b_sanctions","op":"non_membership","lhs":{"var":"ubo_hashes"},
                       "rhs":{"var":"sanctions_root"}}])");
  boost::json::object r = answerJson(R"({"policy_id":"ff","context":{"ubo_hashes":)" + kUboHashes +
                                     R"(,"sanctions_root":")" + kSanctionsRoot +
                                     R"(","variables":{"x":2}},"options":{"adaptive":true}})");
  EXPECT_EQ(r["result"], "FAIL");
  EXPECT_EQ(r["rules"],
            parseJson(R"([{"id":"a_eq","op":"eq","status":"fail","reason":"values differ"},
      {"id":"b_sanctions","op":"non_membership","status":"skipped","reason":"fail-fast"}])"));
  EXPECT_EQ(
      r["manifest"].at("rule_results"),
      parseJson(R"([{"id":"a_eq","status":"fail"},{"id":"b_sanctions","status":"skipped"}])"));
}

// §8.6 integration vectors through /verify with the IR embedded and adaptive: trace.plan.
TEST_F(VerifyEngineTest, IntegrationVectorsThroughVerify) {
  struct Case {
    std::string rules;
    std::string adaptivity;
    std::string variables;
    std::string plan;
  };
  const std::string i2_rules =
      R"([{"id":"sanctions_check","op":"non_membership","lhs":[],"rhs":[]},
          {"id":"jurisdiction_check","op":"non_membership","lhs":[],"rhs":[]},
          {"id":"baseline_check","op":"eq","lhs":1,"rhs":1}])";
  auto i2_adaptivity = [](std::string_view expr) {
    return R"({"predicates":[{"id":"is_high_risk","expr":)" + std::string(expr) +
           R"(}],"activations":[{"when":"is_high_risk","rules":["sanctions_check","jurisdiction_check"]}]})";
  };
  const std::string i4_rules = R"([{"id":"age_check","op":"range_min","lhs":{"var":"age"},"rhs":18},
      {"id":"enhanced_check","op":"eq","lhs":1,"rhs":1}])";
  const std::string i4_adaptivity =
      R"({"predicates":[{"id":"is_young","expr":{"func":"lt","args":["age",25]}}],
          "activations":[{"when":"is_young","rules":["enhanced_check"]}]})";
  auto empty_plan =
      R"({"steps":[],"total_cost":0,"metadata":{"policy_id":"test.policy","active_rules":0,"strategy":"cost_based_v1"}})";
  for (
      const Case& c : std::vector<Case>{
          {R"([{"id":"check_sanctions","op":"non_membership","lhs":[],"rhs":[]},
                {"id":"check_age","op":"range_min","lhs":20,"rhs":18},
                {"id":"check_status","op":"eq","lhs":1,"rhs":1}])",
           "", "{}",
           R"({"steps":[{"rule_id":"check_status","op":"eq","cost":1,"step_index":0},{"rule_id":"check_age","op":"range_min","cost":2,"step_index":1},{"rule_id":"check_sanctions","op":"non_membership","cost":10,"step_index":2}],"total_cost":13,"metadata":{"policy_id":"test.policy","active_rules":3,"strategy":"cost_based_v1"}})"},
          {i2_rules, i2_adaptivity("true"), "{}",
           R"({"steps":[{"rule_id":"jurisdiction_check","op":"non_membership","cost":10,"step_index":0},{"rule_id":"sanctions_check","op":"non_membership","cost":10,"step_index":1}],"total_cost":20,"metadata":{"policy_id":"test.policy","active_rules":2,"strategy":"cost_based_v1"}})"},
          {i2_rules, i2_adaptivity("false"), "{}", empty_plan},
          {i4_rules, i4_adaptivity, R"({"age":20})",
           R"({"steps":[{"rule_id":"enhanced_check","op":"eq","cost":1,"step_index":0}],"total_cost":1,"metadata":{"policy_id":"test.policy","active_rules":1,"strategy":"cost_based_v1"}})"},
          {i4_rules, i4_adaptivity, R"({"age":30})", empty_plan},
          {R"([{"id":"z_rule","op":"eq","lhs":1,"rhs":1},{"id":"a_rule","op":"eq","lhs":1,"rhs":1},
                {"id":"m_rule","op":"eq","lhs":1,"rhs":1}])",
           "", "{}",
           R"({"steps":[{"rule_id":"a_rule","op":"eq","cost":1,"step_index":0},{"rule_id":"m_rule","op":"eq","cost":1,"step_index":1},{"rule_id":"z_rule","op":"eq","cost":1,"step_index":2}],"total_cost":3,"metadata":{"policy_id":"test.policy","active_rules":3,"strategy":"cost_based_v1"}})"},
      }) {
    IrV1 ir = test::irFrom(c.rules, c.adaptivity);
    StatusOr<std::string> ir_json = irCanonicalJson(ir);
    ASSERT_TRUE(ir_json.isOk());
    boost::json::object r =
        answerJson(R"({"ir":)" + *ir_json + R"(,"context":{"company_commitment_root":"0x)" +
                   std::string(64, 'f') + R"(","variables":)" + c.variables +
                   R"(},"options":{"adaptive":true}})");
    EXPECT_EQ(r["trace"].at("plan"), parseJson(c.plan)) << c.rules;
    EXPECT_EQ(r["trace"].at("plan").at("steps").as_array().size(), r["rules"].as_array().size());
  }
}

TEST_F(VerifyEngineTest, CacheOffSaysOff) {
  VerifyCache off(VerifyCacheOptions{0, std::chrono::seconds(3600)}, clock_);
  CapOr<VerifyAnswer> a = verify(test::exampleBlocks().at(0), &off);
  ASSERT_TRUE(a.isOk());
  EXPECT_EQ(a->cache, CacheState::kOff);
  EXPECT_EQ(parseJson(a->body).at("cache"), "off");
  EXPECT_EQ(off.hits() + off.misses(), 0u);
}

TEST_F(VerifyEngineTest, ContextErrorsNameTheField) {
  CapOr<VerifyAnswer> a =
      verify(R"({"policy_id":"lksg.v1","context":{"supplier_hashes":["0xABC"]}})");
  ASSERT_FALSE(a.isOk());
  EXPECT_EQ(a.error().problem, CapProblem::kInvalidContext);
  EXPECT_EQ(a.error().status.fieldErrors().at(0).field, "context.supplier_hashes[0]");
  CapOr<VerifyAnswer> no_root = verify(R"({"policy_id":"lksg.v1","context":{}})");
  ASSERT_FALSE(no_root.isOk());
  EXPECT_EQ(no_root.error().problem, CapProblem::kInvalidContext);
}

}  // namespace
}  // namespace tars::verifier
