// The /verify 200 body (spec/cap.md §7.7–§7.11): the §7.10 example reproduced byte for byte from
// the spec's own request and response, then the members that vary with the request (report
// options, Mode B trace, adaptive plan, reasons, company root, cacheability).

#include "services/verifier/verify_response.h"

#include <gtest/gtest.h>

#include "crypto/blake3.h"
#include "verify_example.h"

namespace tars::verifier {
namespace {

using test::parseJson;

TEST(VerifyResponseTest, SpecExampleByteForByte) {
  const std::string expected = test::exampleResponseCompact();
  ASSERT_FALSE(expected.empty()) << "spec/cap.md §7.10 not found (run through ctest)";
  CapOr<VerifyResponse> response = test::runExample();
  ASSERT_TRUE(response.isOk()) << response.status().toString();
  EXPECT_EQ(response->verdict, Verdict::kOk);
  EXPECT_EQ(response->manifest_hash,
            "0x56036dae8805fc522d46f9931f0dbe70434072514a8b71eceef520d9bc6b8b35");
  EXPECT_TRUE(response->cacheable);
  EXPECT_EQ(responseBody(*response, CacheState::kMiss), expected);
  // A hit differs only in its last member.
  std::string hit = expected;
  hit.replace(hit.rfind("\"miss\""), 6, "\"hit\"");
  EXPECT_EQ(responseBody(*response, CacheState::kHit), hit);
}

boost::json::object run(std::string_view request) {
  CapOr<VerifyResponse> response = test::runExample(std::string(request));
  EXPECT_TRUE(response.isOk()) << response.status().toString();
  if (!response.isOk())
    return {};
  return parseJson(responseBody(*response, CacheState::kOff)).as_object();
}

const std::string kContext =
    R"("context":{"supplier_hashes":["0x57aceaa0168ef7b30029938c22061b1521abf5627a6e65328d71ac1a614e3ce9"],)"
    R"("sanctions_root":"0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c"})";

TEST(VerifyResponseTest, FailWithReasonAndDerivedRoot) {
  boost::json::object r = run(R"({"policy_id":"lksg.v1",)" + kContext + "}");
  EXPECT_EQ(r["result"], "FAIL");
  EXPECT_EQ(r["rules"], parseJson(R"([{"id":"no_sanctions","op":"non_membership",
      "status":"fail","reason":"1 element(s) of lhs found in rhs"}])"));
  EXPECT_EQ(r["manifest"].at("verdict"), "FAIL");
  EXPECT_EQ(r["manifest"].at("proof").at("status"), "fail");
  EXPECT_EQ(r["report"].at("status"), "fail");
  EXPECT_EQ(r["manifest"].at("company_commitment_root"),
            boost::json::value(crypto::blake3Hex(
                "0x57aceaa0168ef7b30029938c22061b1521abf5627a6e65328d71ac1a614e3ce9")));
  EXPECT_EQ(r["manifest"].at("jurisdiction_root"), nullptr);
  EXPECT_EQ(r["cache"], "off");
}

TEST(VerifyResponseTest, WarnForUnregisteredListIsNotCacheable) {
  CapOr<VerifyResponse> response = test::runExample(
      R"({"policy_id":"lksg.v1","context":{"supplier_hashes":["0x57aceaa0168ef7b30029938c22061b1521abf5627a6e65328d71ac1a614e3ce9"],"sanctions_root":"0x)" +
      std::string(64, 'e') + R"("}})");
  ASSERT_TRUE(response.isOk());
  EXPECT_EQ(response->verdict, Verdict::kWarn);
  EXPECT_FALSE(response->cacheable);
  boost::json::object r = parseJson(responseBody(*response, CacheState::kMiss)).as_object();
  EXPECT_EQ(r["rules"].at(0).at("reason"),
            boost::json::value("list not registered: 0x" + std::string(64, 'e')));
  EXPECT_EQ(r["result"], "WARN");
}

TEST(VerifyResponseTest, ReportChecksDisabled) {
  boost::json::object r = run(R"({"policy_id":"lksg.v1",)" + kContext +
                              R"(,"options":{"check_timestamp":false,"check_registry":false}})");
  const boost::json::object& report = r["report"].as_object();
  EXPECT_FALSE(report.contains("timestamp_valid"));
  EXPECT_FALSE(report.contains("registry_match"));
  EXPECT_EQ(report.at("details").at("timestamp_check"), "disabled");
  EXPECT_EQ(report.at("details").at("registry_check"), "disabled");
  EXPECT_EQ(report.at("details").at("checks_total"), 2);
  EXPECT_EQ(report.at("details").at("checks_passed"), 2);
}

TEST(VerifyResponseTest, ModeBTraceAndAdaptivePlan) {
  boost::json::object r =
      run(R"({"ir":)" + test::kGoldenIrJson + "," + kContext + R"(,"options":{"adaptive":true}})");
  EXPECT_EQ(r["trace"], parseJson(R"({"adaptive":true,"backend":"mock","mode":"embedded_ir",
      "policy_id":null,"plan":{"steps":[{"rule_id":"no_sanctions","op":"non_membership","cost":10,
      "step_index":0}],"total_cost":10,"metadata":{"policy_id":"lksg.v1","active_rules":1,
      "strategy":"cost_based_v1"}}})"));
}

TEST(VerifyResponseTest, NoCompanyRootIsInvalidContext) {
  CapOr<VerifyResponse> response = test::runExample(
      R"({"policy_id":"lksg.v1","context":{"sanctions_root":"0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c"}})");
  ASSERT_FALSE(response.isOk());
  EXPECT_EQ(response.error().problem, CapProblem::kInvalidContext);
  EXPECT_EQ(response.error().status.code(), StatusCode::kValidation);
  EXPECT_EQ(response.error().status.fieldErrors()[0].field, "context.company_commitment_root");
}

TEST(VerifyResponseTest, RegistryNoMatch) {
  CapOr<VerifyRequest> request =
      readVerifyRequest(parseJson(R"({"policy_id":"lksg.v1",)" + kContext + "}").as_object());
  ASSERT_TRUE(request.isOk());
  ResolvedIr resolved{*readEmbeddedIr(parseJson(test::kGoldenIrJson)), std::nullopt};
  InMemoryListSource lists;
  CapOr<Evaluation> evaluation = evaluateIr(resolved.ir, request->context, false, lists);
  ASSERT_TRUE(evaluation.isOk());
  CapOr<VerifyResponse> response = buildVerifyResponse(*request, resolved, *evaluation, false,
                                                       test::exampleTime(), test::rfc8032Signer());
  ASSERT_TRUE(response.isOk());
  boost::json::object r = parseJson(responseBody(*response, CacheState::kMiss)).as_object();
  EXPECT_EQ(r["report"].at("registry_match"), false);
  EXPECT_EQ(r["report"].at("details").at("registry_check"), "no_match");
  EXPECT_EQ(r["report"].at("details").at("checks_passed"), 3);
  EXPECT_EQ(r["manifest"].at("policy").at("version"), nullptr);
}

}  // namespace
}  // namespace tars::verifier
