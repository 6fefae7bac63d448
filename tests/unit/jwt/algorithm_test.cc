#include "jwt/algorithm.h"

#include <gtest/gtest.h>

namespace tars::jwt {
namespace {

TEST(AlgorithmTest, NamesRoundTrip) {
  for (Algorithm a : kAllAlgorithms) {
    EXPECT_EQ(algorithmFromName(algorithmName(a)), a);
  }
}

TEST(AlgorithmTest, UnsupportedAndMiscasedNamesAreRefused) {
  for (const char* name : {"none", "None", "NONE", "hs256", "Hs256", "PS384", "PS512", "ES512",
                           "ES256K", "RSA-OAEP", "A128GCM", "EdDSA ", "", "eddsa"}) {
    EXPECT_FALSE(algorithmFromName(name)) << name;
  }
}

TEST(AlgorithmTest, KeyRequirements) {
  EXPECT_EQ(minHmacSecretBytes(Algorithm::kHs256), 32u);
  EXPECT_EQ(minHmacSecretBytes(Algorithm::kHs384), 48u);
  EXPECT_EQ(minHmacSecretBytes(Algorithm::kHs512), 64u);
  EXPECT_EQ(keyTypeFor(Algorithm::kRs256), crypto::KeyType::kRsa);
  EXPECT_EQ(keyTypeFor(Algorithm::kPs256), crypto::KeyType::kRsa);
  EXPECT_EQ(keyTypeFor(Algorithm::kEs256), crypto::KeyType::kEcP256);
  EXPECT_EQ(keyTypeFor(Algorithm::kEs384), crypto::KeyType::kEcP384);
  EXPECT_EQ(keyTypeFor(Algorithm::kEdDsa), crypto::KeyType::kEd25519);
  EXPECT_TRUE(isHmac(Algorithm::kHs512));
  EXPECT_FALSE(isHmac(Algorithm::kRs256));
}

}  // namespace
}  // namespace tars::jwt
