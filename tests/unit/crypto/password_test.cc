#include "crypto/password.h"

#include <gtest/gtest.h>

namespace tars::crypto {
namespace {

// Small limits keep the unit tests fast; one test uses the production defaults.
PasswordHashOptions fast() {
  PasswordHashOptions o;
  o.ops_limit = 1;
  o.mem_limit = 8 * 1024;
  return o;
}

TEST(PasswordTest, HashVerifiesAndMismatchFails) {
  auto hash = hashPassword("correct horse battery staple", fast());
  ASSERT_TRUE(hash.isOk()) << hash.status().toString();
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=8,t=1,p=1$"));
  EXPECT_TRUE(verifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(verifyPassword(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(verifyPassword(*hash, ""));
}

TEST(PasswordTest, SaltsDiffer) {
  auto a = hashPassword("pw", fast());
  auto b = hashPassword("pw", fast());
  ASSERT_TRUE(a.isOk() && b.isOk());
  EXPECT_NE(*a, *b);
}

TEST(PasswordTest, DefaultsAreInteractiveArgon2id) {
  auto hash = hashPassword("admin123");
  ASSERT_TRUE(hash.isOk());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash;
  EXPECT_TRUE(verifyPassword(*hash, "admin123"));
  EXPECT_FALSE(passwordNeedsRehash(*hash));
  EXPECT_TRUE(passwordNeedsRehash(*hash, fast()));
}

TEST(PasswordTest, PasswordsWithNulBytesAreHashedWhole) {
  const std::string pw("ab\0cd", 5);
  auto hash = hashPassword(pw, fast());
  ASSERT_TRUE(hash.isOk());
  EXPECT_TRUE(verifyPassword(*hash, pw));
  EXPECT_FALSE(verifyPassword(*hash, "ab"));
}

TEST(PasswordTest, MalformedOrForeignHashesFailClosed) {
  EXPECT_FALSE(verifyPassword("", "x"));
  EXPECT_FALSE(verifyPassword("$argon2id$garbage", "x"));
  EXPECT_FALSE(verifyPassword(std::string(200, 'a'), "x"));
  // An argon2i hash (not id) is refused even when correct.
  EXPECT_FALSE(verifyPassword(
      "$argon2i$v=19$m=8,t=1,p=1$c29tZXNhbHQ$0000000000000000000000000000000000000000000", "x"));
  EXPECT_TRUE(passwordNeedsRehash("not a hash"));
}

TEST(PasswordTest, RefusesOutOfRangeLimits) {
  PasswordHashOptions o;
  o.ops_limit = 0;
  EXPECT_EQ(hashPassword("x", o).status().code(), StatusCode::kInvalidArgument);
  o = fast();
  o.mem_limit = 1;
  EXPECT_EQ(hashPassword("x", o).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tars::crypto
