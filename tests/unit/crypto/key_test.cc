#include "crypto/key.h"

#include <gtest/gtest.h>

#include "crypto/test_keys.h"

namespace tars::crypto {
namespace {

class KeyGenerateTest : public ::testing::TestWithParam<KeyType> {};

TEST_P(KeyGenerateTest, GeneratesAndRoundTripsPem) {
  auto key = Key::Generate(GetParam());
  ASSERT_TRUE(key.isOk()) << key.status().toString();
  EXPECT_EQ(key->type(), GetParam());
  EXPECT_TRUE(key->hasPrivate());

  auto pub_pem = key->publicPem();
  ASSERT_TRUE(pub_pem.isOk());
  EXPECT_NE(pub_pem->find("BEGIN PUBLIC KEY"), std::string::npos);
  auto pub = Key::FromPem(*pub_pem);
  ASSERT_TRUE(pub.isOk()) << pub.status().toString();
  EXPECT_FALSE(pub->hasPrivate());
  EXPECT_EQ(pub->type(), GetParam());
  EXPECT_TRUE(pub->samePublicKey(*key));
  EXPECT_EQ(pub->privatePem().status().code(), StatusCode::kFailedPrecondition);

  auto priv_pem = key->privatePem();
  ASSERT_TRUE(priv_pem.isOk());
  EXPECT_NE(priv_pem->find("BEGIN PRIVATE KEY"), std::string::npos);
  auto priv = Key::FromPem(*priv_pem);
  ASSERT_TRUE(priv.isOk());
  EXPECT_TRUE(priv->hasPrivate());
  EXPECT_TRUE(priv->samePublicKey(*key));
}

INSTANTIATE_TEST_SUITE_P(AllTypes, KeyGenerateTest,
                         ::testing::Values(KeyType::kRsa, KeyType::kEcP256, KeyType::kEcP384,
                                           KeyType::kEd25519));

TEST(KeyTest, GeneratedRsaIs2048Bits) {
  auto key = Key::Generate(KeyType::kRsa);
  ASSERT_TRUE(key.isOk());
  EXPECT_EQ(key->bits(), 2048);
}

TEST(KeyTest, DifferentKeysDiffer) {
  auto a = Key::Generate(KeyType::kEcP256);
  auto b = Key::Generate(KeyType::kEcP256);
  auto c = Key::Generate(KeyType::kEd25519);
  ASSERT_TRUE(a.isOk() && b.isOk() && c.isOk());
  EXPECT_FALSE(a->samePublicKey(*b));
  EXPECT_FALSE(a->samePublicKey(*c));
}

TEST(KeyTest, RefusesSmallRsaKeys) {
  auto key = Key::FromPem(test::kRsa1024PublicPem);
  ASSERT_FALSE(key.isOk());
  EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(key.status().message().find("2048"), std::string::npos);
  EXPECT_FALSE(Key::GenerateRsa(1024).isOk());
  EXPECT_FALSE(Key::GenerateRsa(16384).isOk());
}

TEST(KeyTest, RefusesUnsupportedCurvesAndTypes) {
  EXPECT_EQ(Key::FromPem(test::kP521PublicPem).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Key::FromPem(test::kX25519PublicPem).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyTest, RefusesGarbage) {
  EXPECT_FALSE(Key::FromPem("").isOk());
  EXPECT_FALSE(Key::FromPem("not a key").isOk());
  EXPECT_FALSE(
      Key::FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").isOk());
  EXPECT_FALSE(Key::FromPem(std::string(70000, 'A')).isOk());
}

TEST(KeyTest, EncryptedPemIsRefusedWithoutPrompting) {
  // Any "ENCRYPTED PRIVATE KEY" block: no passphrase is ever supplied.
  const char* pem =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
      "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgAAAAAAAAAAAICCAAw\n"
      "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEAAAAAAAAAAAAAAAAAAAAAAEQAAA\n"
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
      "AAAAAAAAAAAAAAAAAAAAAAAA\n"
      "-----END ENCRYPTED PRIVATE KEY-----\n";
  EXPECT_FALSE(Key::FromPem(pem).isOk());
}

}  // namespace
}  // namespace tars::crypto
