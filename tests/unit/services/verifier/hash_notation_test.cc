#include "services/verifier/hash_notation.h"

#include <gtest/gtest.h>

namespace tars::verifier {
namespace {

TEST(HashNotationTest, Sha3Forms) {
  // FIPS 202 SHA3-256("abc").
  const std::string abc = "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532";
  EXPECT_EQ(*s3("abc"), abc);
  EXPECT_EQ(*sha3Tagged("abc"), "sha3-256:" + abc);
  EXPECT_EQ(*sha3HashString("abc"), "0x" + abc);
}

TEST(HashNotationTest, HashString) {
  const std::string ok = "0x" + std::string(64, 'a');
  EXPECT_TRUE(isHashString(ok));
  EXPECT_TRUE(isHashString("0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(isHashString("0x" + std::string(64, 'A')));  // upper case refused (§7.3)
  EXPECT_FALSE(isHashString("0X" + std::string(64, 'a')));
  EXPECT_FALSE(isHashString("0x" + std::string(63, 'a')));
  EXPECT_FALSE(isHashString("0x" + std::string(65, 'a')));
  EXPECT_FALSE(isHashString("0x" + std::string(63, 'a') + "g"));
  EXPECT_FALSE(isHashString(""));
}

}  // namespace
}  // namespace tars::verifier
