// The offline check of a saved response (spec/cap.md §7.12) over the §7.10 example: pinned,
// unpinned, and every edit a holder could make to the file.

#include "services/verifier/offline_check.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <functional>

#include "verify_example.h"

namespace tars::verifier {
namespace {

using test::parseJson;

const TrustedKey kRfcKey{"cb483424b33786daf2a6f645cdd65049",
                         "0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"};

std::string savedResponse() {
  CapOr<VerifyResponse> response = test::runExample();
  EXPECT_TRUE(response.isOk()) << response.status().toString();
  return response.isOk() ? responseBody(*response, CacheState::kMiss) : "";
}

OfflineCheckResult check(const std::string& text,
                         const std::optional<std::vector<TrustedKey>>& trusted) {
  StatusOr<OfflineCheckResult> r = checkSavedResponse(text, trusted);
  EXPECT_TRUE(r.isOk()) << r.status().toString();
  return r.isOk() ? *r : OfflineCheckResult{};
}

TEST(OfflineCheckTest, SpecExampleResponse) {
  const std::string spec_response = test::exampleResponseCompact();
  ASSERT_FALSE(spec_response.empty()) << "spec/cap.md §7.10 not found (run through ctest)";
  // The spec's own response text, pretty-printed as written there, checks out.
  const std::string pretty = test::exampleBlocks()[1];
  EXPECT_EQ(check(pretty, std::vector<TrustedKey>{kRfcKey}).outcome, OfflineOutcome::kValid);
  EXPECT_EQ(check(pretty, std::vector<TrustedKey>{{"", kRfcKey.pubkey_hex}}).outcome,
            OfflineOutcome::kValid);
  EXPECT_EQ(check(pretty, std::nullopt).outcome, OfflineOutcome::kValidUnpinned);
  EXPECT_EQ(check(savedResponse(), std::vector<TrustedKey>{kRfcKey}).outcome,
            OfflineOutcome::kValid);
}

TEST(OfflineCheckTest, UntrustedKey) {
  OfflineCheckResult r = check(savedResponse(), std::vector<TrustedKey>{});
  EXPECT_EQ(r.outcome, OfflineOutcome::kMismatch);
  ASSERT_EQ(r.problems.size(), 1u);
  TrustedKey wrong_kid = kRfcKey;
  wrong_kid.kid = "00000000000000000000000000000000";
  EXPECT_EQ(check(savedResponse(), std::vector<TrustedKey>{wrong_kid}).outcome,
            OfflineOutcome::kMismatch);
}

// Applies `edit` to the saved response and expects a mismatch even with the right key.
void expectMismatch(const std::function<void(boost::json::object&)>& edit) {
  boost::json::value v = parseJson(savedResponse());
  edit(v.as_object());
  OfflineCheckResult r = check(boost::json::serialize(v), std::vector<TrustedKey>{kRfcKey});
  EXPECT_EQ(r.outcome, OfflineOutcome::kMismatch) << boost::json::serialize(v);
  EXPECT_FALSE(r.problems.empty());
}

TEST(OfflineCheckTest, EditsAreDetected) {
  expectMismatch([](boost::json::object& o) { o["result"] = "FAIL"; });
  expectMismatch([](boost::json::object& o) { o["manifest"].as_object()["verdict"] = "FAIL"; });
  expectMismatch([](boost::json::object& o) {
    o["manifest"].as_object()["created_at"] = "2025-11-20T10:15:01Z";
  });
  expectMismatch([](boost::json::object& o) { o["manifest_hash"] = "0x" + std::string(64, '0'); });
  expectMismatch(
      [](boost::json::object& o) { o["rules"].as_array()[0].as_object()["status"] = "fail"; });
  expectMismatch([](boost::json::object& o) { o["rules"].as_array().clear(); });
  expectMismatch([](boost::json::object& o) {
    auto& s = o["signature"].as_object();
    std::string hex(s["sig_hex"].as_string());
    hex[2] = hex[2] == '9' ? '8' : '9';
    s["sig_hex"] = hex;
  });
  expectMismatch([](boost::json::object& o) { o.erase("signature"); });
  expectMismatch([](boost::json::object& o) { o.erase("manifest"); });
}

TEST(OfflineCheckTest, NotJsonIsAnError) {
  EXPECT_FALSE(checkSavedResponse("not json", std::nullopt).isOk());
  EXPECT_FALSE(checkSavedResponse("[1]", std::nullopt).isOk());
}

}  // namespace
}  // namespace tars::verifier
