#include "crypto/signature_verifier.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace tars::crypto {
namespace {

struct Case {
  SignatureAlgorithm algorithm;
  KeyType key_type;
};

class SignatureVerifierTest : public ::testing::TestWithParam<Case> {};

TEST_P(SignatureVerifierTest, AgreesWithOneShotVerify) {
  const Case c = GetParam();
  auto key = Key::Generate(c.key_type);
  ASSERT_TRUE(key.isOk());
  auto verifier = SignatureVerifier::Create(c.algorithm, *key);
  ASSERT_TRUE(verifier.isOk()) << verifier.status().toString();
  const std::string data = "header.payload";
  const std::string sig = *sign(c.algorithm, *key, data);
  for (int round = 0; round < 3; ++round) {  // pooled contexts are reused across calls
    EXPECT_TRUE(verifier->verify(data, sig));
    EXPECT_FALSE(verifier->verify(data + "!", sig));
    std::string bad = sig;
    bad[bad.size() / 2] ^= 0x10;
    EXPECT_FALSE(verifier->verify(data, bad));
    EXPECT_FALSE(verifier->verify(data, sig.substr(1)));
    EXPECT_FALSE(verifier->verify(data, ""));
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllAlgorithms, SignatureVerifierTest,
    ::testing::Values(Case{SignatureAlgorithm::kRsaPkcs1Sha256, KeyType::kRsa},
                      Case{SignatureAlgorithm::kRsaPkcs1Sha384, KeyType::kRsa},
                      Case{SignatureAlgorithm::kRsaPkcs1Sha512, KeyType::kRsa},
                      Case{SignatureAlgorithm::kRsaPssSha256, KeyType::kRsa},
                      Case{SignatureAlgorithm::kEcdsaP256Sha256, KeyType::kEcP256},
                      Case{SignatureAlgorithm::kEcdsaP384Sha384, KeyType::kEcP384},
                      Case{SignatureAlgorithm::kEd25519, KeyType::kEd25519}));

TEST(SignatureVerifierTest, RefusesAKeyOfAnotherType) {
  auto ec = Key::Generate(KeyType::kEcP256);
  ASSERT_TRUE(ec.isOk());
  EXPECT_EQ(SignatureVerifier::Create(SignatureAlgorithm::kRsaPkcs1Sha256, *ec).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(SignatureVerifier::Create(SignatureAlgorithm::kEcdsaP384Sha384, *ec).isOk());
}

TEST(SignatureVerifierTest, PkcsAndPssDoNotCrossVerify) {
  auto rsa = Key::Generate(KeyType::kRsa);
  ASSERT_TRUE(rsa.isOk());
  auto pss = SignatureVerifier::Create(SignatureAlgorithm::kRsaPssSha256, *rsa);
  auto pkcs = SignatureVerifier::Create(SignatureAlgorithm::kRsaPkcs1Sha256, *rsa);
  ASSERT_TRUE(pss.isOk() && pkcs.isOk());
  EXPECT_FALSE(pss->verify("m", *sign(SignatureAlgorithm::kRsaPkcs1Sha256, *rsa, "m")));
  EXPECT_FALSE(pkcs->verify("m", *sign(SignatureAlgorithm::kRsaPssSha256, *rsa, "m")));
}

TEST(SignatureVerifierTest, SharedAcrossThreads) {
  auto key = Key::Generate(KeyType::kEcP256);
  ASSERT_TRUE(key.isOk());
  auto verifier = SignatureVerifier::Create(SignatureAlgorithm::kEcdsaP256Sha256, *key);
  ASSERT_TRUE(verifier.isOk());
  const std::string good = *sign(SignatureAlgorithm::kEcdsaP256Sha256, *key, "m");
  std::string bad = good;
  bad[3] ^= 1;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (!verifier->verify("m", good) || verifier->verify("m", bad))
          ++wrong;
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace tars::crypto
