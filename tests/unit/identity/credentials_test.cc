// readCredential (tars.md §3.2 checks 1–2) and Principal's role/scope rules (§1.7).
#include <gtest/gtest.h>

#include "identity/authn/credentials.h"
#include "identity/principal.h"

namespace tars::identity {
namespace {

jwt::Outcome outcomeOf(std::optional<std::string_view> authorization,
                       std::optional<std::string_view> api_key) {
  return readCredential({authorization, api_key}).outcome();
}

TEST(ReadCredentialTest, MissingAndBoth) {
  EXPECT_EQ(outcomeOf(std::nullopt, std::nullopt), jwt::Outcome::kMissingAuthHeader);
  EXPECT_EQ(outcomeOf("Bearer abc", "tars_x"), jwt::Outcome::kInvalidAuthFormat);
}

TEST(ReadCredentialTest, BearerFormat) {
  auto ok = readCredential({"Bearer abc.def.ghi", std::nullopt});
  ASSERT_TRUE(ok.isOk());
  EXPECT_EQ(ok->kind, PresentedCredential::Kind::kBearerToken);
  EXPECT_EQ(ok->value, "abc.def.ghi");
  EXPECT_TRUE(readCredential({"bEaReR abc", std::nullopt}).isOk()) << "scheme is case-insensitive";
  for (std::string_view bad :
       {"Bearer", "Bearer ", "Bearer  abc", "Basic abc", "Bearerabc", "Bearer a b", "Token abc"}) {
    EXPECT_EQ(outcomeOf(bad, std::nullopt), jwt::Outcome::kInvalidAuthFormat) << bad;
  }
}

TEST(ReadCredentialTest, ApiKeyEitherWay) {
  auto header = readCredential({std::nullopt, "tars_abc"});
  ASSERT_TRUE(header.isOk());
  EXPECT_EQ(header->kind, PresentedCredential::Kind::kApiKey);
  auto bearer = readCredential({"Bearer tars_abc", std::nullopt});
  ASSERT_TRUE(bearer.isOk());
  EXPECT_EQ(bearer->kind, PresentedCredential::Kind::kApiKey);
  EXPECT_EQ(bearer->value, "tars_abc");
}

TEST(PrincipalTest, RolesAndScopes) {
  Principal dev;
  dev.type = PrincipalType::kUser;
  dev.id = "dev-001";
  dev.roles = {Role::kDeveloper};
  EXPECT_TRUE(dev.hasRole(Role::kViewer));
  EXPECT_TRUE(dev.hasRole(Role::kDeveloper));
  EXPECT_FALSE(dev.hasRole(Role::kAdmin));
  EXPECT_TRUE(dev.hasScope("verify:run"));
  EXPECT_FALSE(dev.hasScope("policy:compile"));
  EXPECT_EQ(dev.limiterKey(), "user:dev-001");
  EXPECT_EQ(dev.autoRateClass(), "default");

  Principal key;
  key.type = PrincipalType::kService;
  key.id = "abcdefghijkl";
  key.scopes = {"tars:developer"};
  EXPECT_TRUE(key.hasRole(Role::kViewer));
  EXPECT_FALSE(key.hasRole(Role::kAdmin));
  EXPECT_TRUE(key.hasScope("tars:viewer"));
  EXPECT_FALSE(key.hasScope("metrics:read"));
  EXPECT_EQ(key.limiterKey(), "key:abcdefghijkl");
  EXPECT_EQ(key.autoRateClass(), "internal");

  Principal none;
  none.type = PrincipalType::kClient;
  none.id = "c";
  EXPECT_FALSE(none.hasRole(Role::kViewer)) << "no scopes, no role";
  EXPECT_EQ(none.limiterKey(), "client:c");
  EXPECT_EQ(auditActorType(PrincipalType::kExternal), "user");
}

}  // namespace
}  // namespace tars::identity
