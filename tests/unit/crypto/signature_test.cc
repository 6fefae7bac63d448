#include "crypto/signature.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/base64url.h"
#include "crypto/crypto_test_util.h"
#include "crypto/hash.h"
#include "crypto/jwk.h"
#include "crypto/test_keys.h"

namespace tars::crypto {
namespace {

using test::fromHex;

struct AlgCase {
  SignatureAlgorithm algorithm;
  KeyType key_type;
  std::size_t signature_size;
};

class SignatureRoundTripTest : public ::testing::TestWithParam<AlgCase> {};

TEST_P(SignatureRoundTripTest, SignsVerifiesAndDetectsTampering) {
  const AlgCase c = GetParam();
  auto key = Key::Generate(c.key_type);
  ASSERT_TRUE(key.isOk());
  const std::string data = "eyJhbGciOiJ0ZXN0In0.eyJzdWIiOiJ4In0";
  auto sig = sign(c.algorithm, *key, data);
  ASSERT_TRUE(sig.isOk()) << sig.status().toString();
  EXPECT_EQ(sig->size(), c.signature_size);
  EXPECT_TRUE(verify(c.algorithm, *key, data, *sig));

  // The public half alone verifies.
  auto pub = Key::FromPem(*key->publicPem());
  ASSERT_TRUE(pub.isOk());
  EXPECT_TRUE(verify(c.algorithm, *pub, data, *sig));
  // ...but cannot sign.
  EXPECT_EQ(sign(c.algorithm, *pub, data).status().code(), StatusCode::kInvalidArgument);

  // Tampered data, tampered signature (first, middle, last byte), truncated, extended, empty.
  EXPECT_FALSE(verify(c.algorithm, *key, data + "x", *sig));
  EXPECT_FALSE(verify(c.algorithm, *key, data.substr(1), *sig));
  for (std::size_t pos : {std::size_t{0}, sig->size() / 2, sig->size() - 1}) {
    std::string bad = *sig;
    bad[pos] ^= 0x01;
    EXPECT_FALSE(verify(c.algorithm, *key, data, bad)) << pos;
  }
  EXPECT_FALSE(verify(c.algorithm, *key, data, sig->substr(0, sig->size() - 1)));
  EXPECT_FALSE(verify(c.algorithm, *key, data, *sig + std::string(1, '\0')));
  EXPECT_FALSE(verify(c.algorithm, *key, data, ""));

  // Another key of the same type does not verify it.
  auto other = Key::Generate(c.key_type);
  ASSERT_TRUE(other.isOk());
  EXPECT_FALSE(verify(c.algorithm, *other, data, *sig));
}

INSTANTIATE_TEST_SUITE_P(
    AllAlgorithms, SignatureRoundTripTest,
    ::testing::Values(AlgCase{SignatureAlgorithm::kRsaPkcs1Sha256, KeyType::kRsa, 256},
                      AlgCase{SignatureAlgorithm::kRsaPkcs1Sha384, KeyType::kRsa, 256},
                      AlgCase{SignatureAlgorithm::kRsaPkcs1Sha512, KeyType::kRsa, 256},
                      AlgCase{SignatureAlgorithm::kRsaPssSha256, KeyType::kRsa, 256},
                      AlgCase{SignatureAlgorithm::kEcdsaP256Sha256, KeyType::kEcP256, 64},
                      AlgCase{SignatureAlgorithm::kEcdsaP384Sha384, KeyType::kEcP384, 96},
                      AlgCase{SignatureAlgorithm::kEd25519, KeyType::kEd25519, 64}));

TEST(SignatureTest, SchemesDoNotCrossVerify) {
  auto rsa = Key::Generate(KeyType::kRsa);
  ASSERT_TRUE(rsa.isOk());
  const std::string data = "data";
  auto pkcs1 = sign(SignatureAlgorithm::kRsaPkcs1Sha256, *rsa, data);
  auto pss = sign(SignatureAlgorithm::kRsaPssSha256, *rsa, data);
  ASSERT_TRUE(pkcs1.isOk() && pss.isOk());
  EXPECT_FALSE(verify(SignatureAlgorithm::kRsaPssSha256, *rsa, data, *pkcs1));
  EXPECT_FALSE(verify(SignatureAlgorithm::kRsaPkcs1Sha256, *rsa, data, *pss));
  EXPECT_FALSE(verify(SignatureAlgorithm::kRsaPkcs1Sha384, *rsa, data, *pkcs1));
  EXPECT_FALSE(verify(SignatureAlgorithm::kRsaPkcs1Sha512, *rsa, data, *pkcs1));
}

TEST(SignatureTest, WrongKeyTypeIsRefused) {
  auto ec = Key::Generate(KeyType::kEcP256);
  auto ed = Key::Generate(KeyType::kEd25519);
  ASSERT_TRUE(ec.isOk() && ed.isOk());
  EXPECT_EQ(sign(SignatureAlgorithm::kRsaPkcs1Sha256, *ec, "x").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(sign(SignatureAlgorithm::kEcdsaP384Sha384, *ec, "x").status().code(),
            StatusCode::kInvalidArgument);
  auto sig = sign(SignatureAlgorithm::kEcdsaP256Sha256, *ec, "x");
  ASSERT_TRUE(sig.isOk());
  EXPECT_FALSE(verify(SignatureAlgorithm::kEd25519, *ec, "x", *sig));
  EXPECT_FALSE(verify(SignatureAlgorithm::kEcdsaP384Sha384, *ec, "x", *sig));
  EXPECT_TRUE(checkKeyForAlgorithm(SignatureAlgorithm::kEd25519, *ed).isOk());
  EXPECT_FALSE(checkKeyForAlgorithm(SignatureAlgorithm::kEcdsaP256Sha256, *ed).isOk());
}

TEST(SignatureTest, Rfc8032Ed25519Test1) {
  const std::string sk =
      fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  const std::string pk =
      fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const std::string expected = fromHex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
      "b46bd25bf5f0595bbe24655141438e7a100b");
  boost::json::object jwk{
      {"kty", "OKP"}, {"crv", "Ed25519"}, {"x", base64UrlEncode(pk)}, {"d", base64UrlEncode(sk)}};
  auto key = keyFromJwk(jwk);
  ASSERT_TRUE(key.isOk()) << key.status().toString();
  auto sig = sign(SignatureAlgorithm::kEd25519, *key, "");
  ASSERT_TRUE(sig.isOk());
  EXPECT_EQ(toHex(*sig), toHex(expected));
  jwk.erase("d");
  auto pub = keyFromJwk(jwk);
  ASSERT_TRUE(pub.isOk());
  EXPECT_TRUE(verify(SignatureAlgorithm::kEd25519, *pub, "", expected));
  EXPECT_FALSE(verify(SignatureAlgorithm::kEd25519, *pub, "x", expected));
}

TEST(SignatureTest, Rfc8032Ed25519Test2) {
  const std::string pk =
      fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
  const std::string sig = fromHex(
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
      "1d8c387b2eaeb4302aeeb00d291612bb0c00");
  auto pub = keyFromJwk(
      boost::json::object{{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", base64UrlEncode(pk)}});
  ASSERT_TRUE(pub.isOk());
  EXPECT_TRUE(verify(SignatureAlgorithm::kEd25519, *pub, fromHex("72"), sig));
}

TEST(SignatureTest, Rfc7515A2Rs256IsReproducedExactly) {
  // RSASSA-PKCS1-v1_5 is deterministic, so signing the RFC's input reproduces its signature.
  auto key = keyFromJwk(boost::json::parse(test::kRfc7515RsaJwk).as_object());
  ASSERT_TRUE(key.isOk());
  const std::string input =
      "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLm"
      "NvbS9pc19yb290Ijp0cnVlfQ";
  const std::string expected =
      "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5"
      "jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb"
      "1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QO"
      "YEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
  auto sig = sign(SignatureAlgorithm::kRsaPkcs1Sha256, *key, input);
  ASSERT_TRUE(sig.isOk());
  EXPECT_EQ(base64UrlEncode(*sig), expected);
}

TEST(SignatureTest, EcdsaRejectsZeroAndOutOfRangeScalars) {
  auto key = Key::Generate(KeyType::kEcP256);
  ASSERT_TRUE(key.isOk());
  EXPECT_FALSE(verify(SignatureAlgorithm::kEcdsaP256Sha256, *key, "x", std::string(64, '\0')));
  EXPECT_FALSE(verify(SignatureAlgorithm::kEcdsaP256Sha256, *key, "x", std::string(64, '\xff')));
}

}  // namespace
}  // namespace tars::crypto
