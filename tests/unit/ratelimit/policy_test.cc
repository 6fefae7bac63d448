#include "ratelimit/policy.h"

#include <gtest/gtest.h>

namespace tars::ratelimit {
namespace {

TEST(PolicyTest, DefaultsAreTheSpecClasses) {
  auto policy = Policy::Create({});
  ASSERT_TRUE(policy.isOk());
  const Policy& p = **policy;
  auto expect = [&](ClassId id, int limit, int window) {
    EXPECT_EQ(p.get(id).limit, limit) << className(id);
    EXPECT_EQ(p.get(id).window_seconds, window) << className(id);
    EXPECT_EQ(p.get(id).algorithm, Algorithm::kSlidingWindow) << className(id);
    EXPECT_EQ(p.get(id).id, id);
  };
  expect(ClassId::kAuth, 10, 60);
  expect(ClassId::kLoginUser, 10, 300);
  expect(ClassId::kPublic, 30, 60);
  expect(ClassId::kDefault, 300, 60);
  expect(ClassId::kInternal, 1000, 60);
  expect(ClassId::kSensitive, 10, 60);
  expect(ClassId::kStatic, 600, 60);
}

TEST(PolicyTest, AutoClassPerPrincipal) {
  EXPECT_EQ(autoClass(PrincipalKind::kUser), ClassId::kDefault);
  EXPECT_EQ(autoClass(PrincipalKind::kExternal), ClassId::kDefault);
  EXPECT_EQ(autoClass(PrincipalKind::kClient), ClassId::kInternal);
  EXPECT_EQ(autoClass(PrincipalKind::kServiceKey), ClassId::kInternal);
  EXPECT_EQ(autoClass(PrincipalKind::kAnonymous), ClassId::kPublic);
}

TEST(PolicyTest, ResolveRouteClasses) {
  auto p = *Policy::Create({});
  EXPECT_EQ(p->resolve("auto", PrincipalKind::kServiceKey)->id, ClassId::kInternal);
  EXPECT_EQ(p->resolve("auto", PrincipalKind::kUser)->id, ClassId::kDefault);
  EXPECT_EQ(p->resolve("sensitive", PrincipalKind::kServiceKey)->id, ClassId::kSensitive);
  EXPECT_EQ(p->resolve("exempt", PrincipalKind::kUser), nullptr);
  EXPECT_EQ(p->resolve("Auth", PrincipalKind::kUser), nullptr);
  EXPECT_EQ(p->find("static")->limit, 600);
  EXPECT_EQ(p->find("nope"), nullptr);
  EXPECT_EQ(classIdFromName("login_user"), ClassId::kLoginUser);
  EXPECT_EQ(classIdFromName("auto"), std::nullopt);
}

TEST(PolicyTest, OverridesReplaceDefaults) {
  auto p = Policy::Create({RateClass{ClassId::kInternal, 50, 10, Algorithm::kGcra}});
  ASSERT_TRUE(p.isOk());
  EXPECT_EQ((*p)->get(ClassId::kInternal),
            (RateClass{ClassId::kInternal, 50, 10, Algorithm::kGcra}));
  EXPECT_EQ((*p)->get(ClassId::kPublic).limit, 30);
}

TEST(PolicyTest, CreateRejectsBadClasses) {
  EXPECT_FALSE(Policy::Create({RateClass{ClassId::kAuth, 0, 60, Algorithm::kGcra}}).isOk());
  EXPECT_FALSE(Policy::Create({RateClass{ClassId::kAuth, 1, 0, Algorithm::kGcra}}).isOk());
  EXPECT_FALSE(Policy::Create({RateClass{ClassId::kAuth, 1, 1, Algorithm::kGcra},
                               RateClass{ClassId::kAuth, 2, 1, Algorithm::kGcra}})
                   .isOk());
}

TEST(PolicyTest, Keys) {
  EXPECT_EQ(principalKey(PrincipalKind::kUser, "u1"), "user:u1");
  EXPECT_EQ(principalKey(PrincipalKind::kClient, "k1"), "client:k1");
  EXPECT_EQ(principalKey(PrincipalKind::kServiceKey, "k1"), "key:k1");
  EXPECT_EQ(principalKey(PrincipalKind::kExternal, "google:123"), "ext:google:123");
  EXPECT_EQ(externalKey("google", "123"), "ext:google:123");
}

TEST(PolicyTest, LoginUserKeyIsHashOfLowercaseName) {
  // SHA-256("alice") = 2bd806c97f0e00af1a1fc3328fa763a9…
  EXPECT_EQ(loginUserKey("alice"), "2bd806c97f0e00af");
  EXPECT_EQ(loginUserKey("ALICE"), "2bd806c97f0e00af");
  EXPECT_EQ(loginUserKey("AlIcE"), "2bd806c97f0e00af");
  EXPECT_NE(loginUserKey("bob"), loginUserKey("alice"));
  EXPECT_EQ(loginUserKey(std::string(100000, 'x')).size(), 16u);
}

}  // namespace
}  // namespace tars::ratelimit
