#include "identity/access.h"

#include <gtest/gtest.h>

namespace tars::identity {
namespace {

TEST(AccessTest, RolesParseExactly) {
  EXPECT_EQ(parseRole("admin"), Role::kAdmin);
  EXPECT_EQ(parseRole("viewer"), Role::kViewer);
  EXPECT_FALSE(parseRole("Admin").has_value());
  EXPECT_FALSE(parseRole("root").has_value());
  EXPECT_FALSE(parseRole("").has_value());
}

TEST(AccessTest, ScopeHierarchy) {
  EXPECT_TRUE(scopesSatisfy({"tars:admin"}, "tars:viewer"));
  EXPECT_TRUE(scopesSatisfy({"tars:developer"}, "tars:developer"));
  EXPECT_FALSE(scopesSatisfy({"tars:viewer"}, "tars:developer"));
  EXPECT_FALSE(scopesSatisfy({"metrics:read"}, "tars:viewer"));
  EXPECT_TRUE(scopesSatisfy({"verify:run"}, "verify:run"));
  // CAP scopes have no hierarchy.
  EXPECT_FALSE(scopesSatisfy({"policy:compile"}, "policy:read"));
  EXPECT_FALSE(scopesSatisfy({"tars:admin"}, "verify:run"));
}

TEST(AccessTest, RoleGrantsOfUsers) {
  auto admin = scopesOfRoles({Role::kAdmin});
  for (const char* s :
       {"tars:admin", "verify:run", "policy:compile", "policy:read", "metrics:read"}) {
    EXPECT_TRUE(scopesSatisfy(admin, s)) << s;
  }
  auto dev = scopesOfRoles({Role::kDeveloper});
  EXPECT_TRUE(scopesSatisfy(dev, "verify:run"));
  EXPECT_FALSE(scopesSatisfy(dev, "policy:compile"));
  auto viewer = scopesOfRoles({Role::kViewer});
  EXPECT_TRUE(scopesSatisfy(viewer, "policy:read"));
  EXPECT_TRUE(scopesSatisfy(viewer, "metrics:read"));
  EXPECT_FALSE(scopesSatisfy(viewer, "verify:run"));
  EXPECT_FALSE(scopesSatisfy(viewer, "tars:developer"));
  EXPECT_TRUE(scopesOfRoles({}).empty());
}

TEST(AccessTest, KnownScopes) {
  EXPECT_TRUE(isKnownScope("policy:compile"));
  EXPECT_FALSE(isKnownScope("verify:read"));  // the original's made-up scope
  EXPECT_EQ(roleFromScopes({"metrics:read", "tars:developer", "tars:viewer"}), Role::kDeveloper);
  EXPECT_FALSE(roleFromScopes({"verify:run"}).has_value());
}

}  // namespace
}  // namespace tars::identity
