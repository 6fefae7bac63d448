// VerificationKey, SigningKey and the signer.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "crypto/random.h"
#include "jwt/jwt_test_util.h"
#include "jwt/signer.h"
#include "jwt/signing_key.h"
#include "jwt/token.h"
#include "jwt/verification_key.h"

namespace tars::jwt {
namespace {

using test::makeKey;

class EveryAlgorithmTest : public ::testing::TestWithParam<Algorithm> {};

TEST_P(EveryAlgorithmTest, SignedTokenVerifiesOnlyUnderItsAlgorithm) {
  const Algorithm alg = GetParam();
  const SigningKey key = makeKey(alg, "kid-1");
  auto token = sign(boost::json::object{{"sub", "x"}}, key);
  ASSERT_TRUE(token.isOk()) << token.status().toString();
  auto parsed = parseToken(*token);
  ASSERT_TRUE(parsed.isOk());
  EXPECT_EQ(parsed->jws.algorithm, alg);
  EXPECT_EQ(parsed->jws.kid, "kid-1");
  EXPECT_EQ(parsed->jws.header.at("typ").as_string(), "JWT");
  const VerificationKey& vk = *key.verificationKey();
  EXPECT_TRUE(vk.verify(alg, parsed->jws.signing_input, parsed->jws.signature));
  // The same bytes under any other algorithm name fail: the key is bound to one algorithm.
  for (Algorithm other : kAllAlgorithms) {
    if (other != alg) {
      EXPECT_FALSE(vk.verify(other, parsed->jws.signing_input, parsed->jws.signature))
          << algorithmName(other);
    }
  }
  // Tampering.
  EXPECT_FALSE(vk.verify(alg, parsed->jws.signing_input + "x", parsed->jws.signature));
  std::string bad = parsed->jws.signature;
  bad[0] ^= 1;
  EXPECT_FALSE(vk.verify(alg, parsed->jws.signing_input, bad));
}

TEST_P(EveryAlgorithmTest, PrivateMaterialRoundTrips) {
  const Algorithm alg = GetParam();
  const SigningKey key = makeKey(alg, "kid-2");
  auto material = key.privateMaterial();
  ASSERT_TRUE(material.isOk());
  auto back = SigningKey::FromPrivateMaterial(alg, material->view(), "kid-2");
  ASSERT_TRUE(back.isOk()) << back.status().toString();
  auto token = sign(boost::json::object{{"a", 1}}, *back);
  ASSERT_TRUE(token.isOk());
  auto parsed = parseToken(*token);
  ASSERT_TRUE(parsed.isOk());
  EXPECT_TRUE(key.verificationKey()->verify(alg, parsed->jws.signing_input, parsed->jws.signature));
}

INSTANTIATE_TEST_SUITE_P(AllAlgorithms, EveryAlgorithmTest, ::testing::ValuesIn(kAllAlgorithms),
                         [](const auto& param_info) {
                           return std::string(algorithmName(param_info.param));
                         });

TEST(VerificationKeyTest, HmacSecretsMustBeLongEnough) {
  EXPECT_FALSE(
      VerificationKey::CreateHmac(Algorithm::kHs256, crypto::SecretBytes(std::string(31, 'k')), "")
          .isOk());
  EXPECT_TRUE(
      VerificationKey::CreateHmac(Algorithm::kHs256, crypto::SecretBytes(std::string(32, 'k')), "")
          .isOk());
  EXPECT_FALSE(
      VerificationKey::CreateHmac(Algorithm::kHs384, crypto::SecretBytes(std::string(47, 'k')), "")
          .isOk());
  EXPECT_TRUE(
      VerificationKey::CreateHmac(Algorithm::kHs384, crypto::SecretBytes(std::string(48, 'k')), "")
          .isOk());
  EXPECT_FALSE(
      VerificationKey::CreateHmac(Algorithm::kHs512, crypto::SecretBytes(std::string(63, 'k')), "")
          .isOk());
  EXPECT_TRUE(
      VerificationKey::CreateHmac(Algorithm::kHs512, crypto::SecretBytes(std::string(64, 'k')), "")
          .isOk());
  EXPECT_FALSE(
      SigningKey::CreateHmac(Algorithm::kHs256, crypto::SecretBytes(std::string(16, 'k')), "")
          .isOk());
}

TEST(VerificationKeyTest, KeysAreBoundToTheirType) {
  auto rsa = crypto::Key::Generate(crypto::KeyType::kRsa);
  auto p256 = crypto::Key::Generate(crypto::KeyType::kEcP256);
  auto ed = crypto::Key::Generate(crypto::KeyType::kEd25519);
  ASSERT_TRUE(rsa.isOk() && p256.isOk() && ed.isOk());
  EXPECT_TRUE(VerificationKey::CreateAsymmetric(Algorithm::kRs256, *rsa, "").isOk());
  EXPECT_TRUE(VerificationKey::CreateAsymmetric(Algorithm::kPs256, *rsa, "").isOk());
  EXPECT_FALSE(VerificationKey::CreateAsymmetric(Algorithm::kEs256, *rsa, "").isOk());
  EXPECT_FALSE(VerificationKey::CreateAsymmetric(Algorithm::kHs256, *rsa, "").isOk());
  EXPECT_FALSE(VerificationKey::CreateAsymmetric(Algorithm::kEs384, *p256, "").isOk());
  EXPECT_FALSE(VerificationKey::CreateAsymmetric(Algorithm::kRs256, *ed, "").isOk());
  EXPECT_FALSE(
      VerificationKey::CreateHmac(Algorithm::kRs256, crypto::SecretBytes(std::string(64, 'k')), "")
          .isOk());
  // A public key cannot sign.
  auto pub = crypto::Key::FromPem(*rsa->publicPem());
  ASSERT_TRUE(pub.isOk());
  EXPECT_FALSE(SigningKey::CreateAsymmetric(Algorithm::kRs256, *pub, "").isOk());
}

TEST(VerificationKeyTest, PublicJwkCarriesKidAlgUse) {
  const SigningKey es = makeKey(Algorithm::kEs256, "kid-es");
  auto jwk = es.verificationKey()->publicJwk();
  ASSERT_TRUE(jwk.isOk());
  EXPECT_EQ(jwk->at("kty").as_string(), "EC");
  EXPECT_EQ(jwk->at("crv").as_string(), "P-256");
  EXPECT_EQ(jwk->at("kid").as_string(), "kid-es");
  EXPECT_EQ(jwk->at("alg").as_string(), "ES256");
  EXPECT_EQ(jwk->at("use").as_string(), "sig");
  EXPECT_FALSE(jwk->contains("d"));
  const SigningKey hs = makeKey(Algorithm::kHs256, "kid-hs");
  EXPECT_EQ(hs.verificationKey()->publicJwk().status().code(), StatusCode::kFailedPrecondition);
}

TEST(SignerTest, HeaderOrderAndExtras) {
  const SigningKey key = makeKey(Algorithm::kHs256, "kid-x");
  auto token = sign(boost::json::object{{"cty", "x"}}, boost::json::object{{"sub", "s"}}, key);
  ASSERT_TRUE(token.isOk());
  const std::string header = *base64UrlDecode(token->substr(0, token->find('.')));
  EXPECT_EQ(header, R"({"alg":"HS256","typ":"JWT","kid":"kid-x","cty":"x"})");
  for (const char* forbidden : {"alg", "typ", "kid", "crit"}) {
    EXPECT_EQ(
        sign(boost::json::object{{forbidden, "x"}}, boost::json::object{}, key).status().code(),
        StatusCode::kInvalidArgument)
        << forbidden;
  }
}

TEST(SignerTest, RefusesTokensVerifiersWouldRefuse) {
  const SigningKey key = makeKey(Algorithm::kHs256, "kid-x");
  auto token = sign(boost::json::object{{"blob", std::string(7000, 'x')}}, key);
  EXPECT_EQ(token.status().code(), StatusCode::kInvalidArgument);
}

TEST(SignerTest, HmacSignaturesAreDeterministic) {
  const SigningKey key = makeKey(Algorithm::kHs512, "kid-x");
  EXPECT_EQ(*sign(boost::json::object{{"a", 1}}, key), *sign(boost::json::object{{"a", 1}}, key));
}

}  // namespace
}  // namespace tars::jwt
