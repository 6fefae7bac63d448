// Input rules for API keys (tars.md §3.8): ranges, alphabets, known scopes, granting.

#include "identity/api_keys/api_key_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tars::identity {
namespace {

void expectField(const Status& status, const std::string& field) {
  EXPECT_EQ(status.code(), StatusCode::kValidation) << status.toString();
  ASSERT_EQ(status.fieldErrors().size(), 1u) << status.toString();
  EXPECT_EQ(status.fieldErrors()[0].field, field);
  EXPECT_NE(status.message().find(field), std::string::npos) << status.message();
}

TEST(ApiKeyRulesTest, ServiceName) {
  EXPECT_TRUE(validateServiceName("a").isOk());
  EXPECT_TRUE(validateServiceName("Billing Service_v2.1-eu").isOk());
  EXPECT_TRUE(validateServiceName(std::string(64, 'x')).isOk());
  expectField(validateServiceName(""), "service_name");
  expectField(validateServiceName(std::string(65, 'x')), "service_name");
  for (const char* bad : {"a/b", "a:b", "tab\there", "new\nline", "caf\xc3\xa9", "a@b", "x'y"})
    expectField(validateServiceName(bad), "service_name");
}

TEST(ApiKeyRulesTest, ScopesKnownBoundedAndDeduplicated) {
  auto none = normalizeScopes({});
  ASSERT_TRUE(none.isOk());
  EXPECT_TRUE(none->empty());
  auto some = normalizeScopes({"verify:run", "tars:viewer", "verify:run"});
  ASSERT_TRUE(some.isOk());
  EXPECT_EQ(*some, (std::vector<std::string>{"verify:run", "tars:viewer"}));

  auto unknown = normalizeScopes({"tars:viewer", "tars:root"});
  expectField(unknown.status(), "scopes[1]");
  EXPECT_NE(unknown.status().message().find("tars:root"), std::string::npos);
  expectField(normalizeScopes({"TARS:VIEWER"}).status(), "scopes[0]");

  std::vector<std::string> many(33, "tars:viewer");
  expectField(normalizeScopes(many).status(), "scopes");
  many.pop_back();
  EXPECT_TRUE(normalizeScopes(many).isOk());
}

TEST(ApiKeyRulesTest, UnknownScopeWithJunkIsNotEchoed) {
  auto junk = normalizeScopes({std::string(200, 'x')});
  expectField(junk.status(), "scopes[0]");
  EXPECT_EQ(junk.status().message().find("xxxxxxxx"), std::string::npos);
}

TEST(ApiKeyRulesTest, ExpiresInDays) {
  EXPECT_TRUE(validateExpiresInDays(1).isOk());
  EXPECT_TRUE(validateExpiresInDays(3650).isOk());
  expectField(validateExpiresInDays(0), "expires_in_days");
  expectField(validateExpiresInDays(-1), "expires_in_days");
  expectField(validateExpiresInDays(3651), "expires_in_days");
}

TEST(ApiKeyRulesTest, RotationGrace) {
  EXPECT_TRUE(validateRotationGrace(std::chrono::seconds(0)).isOk());
  EXPECT_TRUE(validateRotationGrace(std::chrono::seconds(604800)).isOk());
  expectField(validateRotationGrace(std::chrono::seconds(-1)), "grace_seconds");
  expectField(validateRotationGrace(std::chrono::seconds(604801)), "grace_seconds");
}

TEST(ApiKeyRulesTest, CallerMayGrantOnlyWhatItHolds) {
  using Scopes = std::vector<std::string>;
  EXPECT_TRUE(checkCallerMayGrant(std::nullopt, {"tars:admin", "policy:compile"}).isOk());
  // The tars:* hierarchy: a developer holds viewer.
  EXPECT_TRUE(checkCallerMayGrant(Scopes{"tars:developer"}, {"tars:viewer"}).isOk());
  EXPECT_TRUE(
      checkCallerMayGrant(Scopes{"tars:developer", "verify:run"}, {"tars:developer", "verify:run"})
          .isOk());
  Status denied = checkCallerMayGrant(Scopes{"tars:developer"}, {"tars:viewer", "tars:admin"});
  EXPECT_EQ(denied.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(denied.message().find("tars:admin"), std::string::npos);
  denied = checkCallerMayGrant(Scopes{"tars:developer"}, {"policy:compile"});
  EXPECT_EQ(denied.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(denied.message().find("policy:compile"), std::string::npos);
  // An admin holds all.
  EXPECT_TRUE(checkCallerMayGrant(Scopes{"tars:admin"}, {"policy:compile", "metrics:read"}).isOk());
  // Nothing to grant: always allowed.
  EXPECT_TRUE(checkCallerMayGrant(Scopes{}, {}).isOk());
}

}  // namespace
}  // namespace tars::identity
