// The manifest and proof hash (spec/cap.md §7.7–§7.8): sorted canonical bytes, the timestamp form,
// and the §7.10 example's manifest_hash and proof_hash.

#include "services/verifier/manifest.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace tars::verifier {
namespace {

Manifest exampleManifest() {
  Manifest m;
  m.created_at = "2025-11-20T10:15:00Z";
  m.company_commitment_root = "0xea9134bb63361a4a0f8eb61c2d0a7e4830c27f02039df2e5693344f7658d1588";
  m.policy_name = "lksg.v1";
  m.policy_version = "1.0";
  m.policy_hash = "sha3-256:b98c3db55f874476dc749ea32b70bdf5369a0d7bc5364f236e034f1ddcd94638";
  m.ir_hash = "sha3-256:df3a3eeb7c72f6204131397e4b0a4b16235f1e20cc66102153ad6d4ee78f892c";
  m.sanctions_root = "0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c";
  m.rule_results = {{"no_sanctions", "ok"}};
  m.verdict = Verdict::kOk;
  return m;
}

TEST(ManifestTest, ExampleBytesAndHash) {
  StatusOr<std::string> bytes = manifestBytes(exampleManifest());
  ASSERT_TRUE(bytes.isOk());
  EXPECT_EQ(
      *bytes,
      R"({"company_commitment_root":"0xea9134bb63361a4a0f8eb61c2d0a7e4830c27f02039df2e5693344f7658d1588",)"
      R"("created_at":"2025-11-20T10:15:00Z",)"
      R"("ir_hash":"sha3-256:df3a3eeb7c72f6204131397e4b0a4b16235f1e20cc66102153ad6d4ee78f892c",)"
      R"("jurisdiction_root":null,)"
      R"("policy":{"hash":"sha3-256:b98c3db55f874476dc749ea32b70bdf5369a0d7bc5364f236e034f1ddcd94638","name":"lksg.v1","version":"1.0"},)"
      R"("proof":{"status":"ok","type":"mock"},)"
      R"("rule_results":[{"id":"no_sanctions","status":"ok"}],)"
      R"("sanctions_root":"0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c",)"
      R"("verdict":"OK","version":"manifest.v1.0"})");
  EXPECT_EQ(*manifestHash(*bytes),
            "0x56036dae8805fc522d46f9931f0dbe70434072514a8b71eceef520d9bc6b8b35");
}

TEST(ManifestTest, ExampleProofHash) {
  Manifest m = exampleManifest();
  EXPECT_EQ(*proofHash(m.company_commitment_root, m.policy_hash, m.sanctions_root, std::nullopt),
            "0x69593cfe08e557be3a0b420e7628ce538fb17aa0285145088e67913e1cc5dfee");
  // Roots that are given enter the statement; the hash changes.
  EXPECT_NE(
      *proofHash(m.company_commitment_root, m.policy_hash, m.sanctions_root, m.sanctions_root),
      *proofHash(m.company_commitment_root, m.policy_hash, m.sanctions_root, std::nullopt));
}

TEST(ManifestTest, NullsAndVerdicts) {
  Manifest m = exampleManifest();
  m.policy_version.reset();
  m.sanctions_root.reset();
  m.verdict = Verdict::kWarn;
  m.rule_results = {{"a", "skipped"}, {"b", "ok"}};
  StatusOr<std::string> bytes = manifestBytes(m);
  ASSERT_TRUE(bytes.isOk());
  EXPECT_NE(bytes->find(R"("name":"lksg.v1","version":null})"), std::string::npos);
  EXPECT_NE(bytes->find(R"("proof":{"status":"warn","type":"mock"})"), std::string::npos);
  EXPECT_NE(bytes->find(R"("sanctions_root":null,"verdict":"WARN")"), std::string::npos);
  EXPECT_NE(bytes->find(R"([{"id":"a","status":"skipped"},{"id":"b","status":"ok"}])"),
            std::string::npos);
}

TEST(ManifestTest, TimestampWholeSeconds) {
  auto t = *parseRfc3339("2025-11-20T10:15:00.987Z");
  EXPECT_EQ(manifestTimestamp(t), "2025-11-20T10:15:00Z");
  EXPECT_EQ(manifestTimestamp(*parseRfc3339("2026-01-02T03:04:05+01:00")), "2026-01-02T02:04:05Z");
}

TEST(ManifestTest, RuleResultsFromEvaluation) {
  std::vector<RuleResult> rules{{"x", RuleOp::kEq, RuleStatus::kFail, "values differ"},
                                {"y", RuleOp::kGt, RuleStatus::kSkipped, "fail-fast"}};
  EXPECT_EQ(manifestRuleResults(rules),
            (std::vector<ManifestRuleResult>{{"x", "fail"}, {"y", "skipped"}}));
}

}  // namespace
}  // namespace tars::verifier
