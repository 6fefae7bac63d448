#include "crypto/jwk.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/base64url.h"
#include "crypto/signature.h"
#include "crypto/test_keys.h"

namespace tars::crypto {
namespace {

boost::json::object parseObject(std::string_view text) {
  return boost::json::parse(text).as_object();
}

class JwkRoundTripTest : public ::testing::TestWithParam<KeyType> {};

TEST_P(JwkRoundTripTest, PublicJwkRoundTrips) {
  auto key = Key::Generate(GetParam());
  ASSERT_TRUE(key.isOk());
  auto jwk = publicJwk(*key);
  ASSERT_TRUE(jwk.isOk()) << jwk.status().toString();
  EXPECT_FALSE(jwk->contains("d"));
  EXPECT_FALSE(jwk->contains("p"));
  auto back = keyFromJwk(*jwk);
  ASSERT_TRUE(back.isOk()) << back.status().toString();
  EXPECT_FALSE(back->hasPrivate());
  EXPECT_TRUE(back->samePublicKey(*key));
  auto again = publicJwk(*back);
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ(*again, *jwk);
}

INSTANTIATE_TEST_SUITE_P(AllTypes, JwkRoundTripTest,
                         ::testing::Values(KeyType::kRsa, KeyType::kEcP256, KeyType::kEcP384,
                                           KeyType::kEd25519));

TEST(JwkTest, Rfc7515RsaPrivateKeyLoads) {
  auto key = keyFromJwk(parseObject(test::kRfc7515RsaJwk));
  ASSERT_TRUE(key.isOk()) << key.status().toString();
  EXPECT_EQ(key->type(), KeyType::kRsa);
  EXPECT_TRUE(key->hasPrivate());
  EXPECT_EQ(key->bits(), 2048);
  auto pub = publicJwk(*key);
  ASSERT_TRUE(pub.isOk());
  EXPECT_EQ(pub->at("n"), parseObject(test::kRfc7515RsaJwk).at("n"));
  EXPECT_EQ(pub->at("e").as_string(), "AQAB");
}

TEST(JwkTest, Rfc7515EcPrivateKeyLoads) {
  auto key = keyFromJwk(parseObject(test::kRfc7515EcJwk));
  ASSERT_TRUE(key.isOk()) << key.status().toString();
  EXPECT_EQ(key->type(), KeyType::kEcP256);
  EXPECT_TRUE(key->hasPrivate());
}

TEST(JwkTest, OctSecret) {
  auto secret = octSecretFromJwk(parseObject(test::kRfc7515OctJwk));
  ASSERT_TRUE(secret.isOk());
  EXPECT_EQ(secret->size(), 64u);
  EXPECT_FALSE(octSecretFromJwk(parseObject(R"({"kty":"RSA","k":"AA"})")).isOk());
  EXPECT_FALSE(octSecretFromJwk(parseObject(R"({"kty":"oct"})")).isOk());
  EXPECT_FALSE(octSecretFromJwk(parseObject(R"({"kty":"oct","k":"AB"})")).isOk());
}

TEST(JwkTest, RefusesSmallRsa) {
  boost::json::object jwk{{"kty", "RSA"}, {"n", test::kRsa1024N}, {"e", "AQAB"}};
  auto key = keyFromJwk(jwk);
  ASSERT_FALSE(key.isOk());
  EXPECT_NE(key.status().message().find("2048"), std::string::npos);
}

TEST(JwkTest, RefusesMalformedMembers) {
  auto rsa = parseObject(test::kRfc7515RsaJwk);
  // Private RSA without CRT members.
  auto no_crt = rsa;
  no_crt.erase("p");
  EXPECT_FALSE(keyFromJwk(no_crt).isOk());
  // Multi-prime.
  auto oth = rsa;
  oth["oth"] = boost::json::array();
  EXPECT_FALSE(keyFromJwk(oth).isOk());
  // Non-string member, non-canonical base64url (padding).
  auto bad_e = rsa;
  bad_e["e"] = 65537;
  EXPECT_FALSE(keyFromJwk(bad_e).isOk());
  auto padded = rsa;
  padded["e"] = "AQAB==";
  EXPECT_FALSE(keyFromJwk(padded).isOk());
  // Mismatched private part: d of another key.
  auto other = keyFromJwk(parseObject(test::kRfc7515RsaJwk));
  ASSERT_TRUE(other.isOk());
  auto wrong_d = rsa;
  wrong_d["d"] = "AQAB";
  EXPECT_FALSE(keyFromJwk(wrong_d).isOk());
  // Unknown kty.
  EXPECT_FALSE(keyFromJwk(parseObject(R"({"kty":"DSA"})")).isOk());
  EXPECT_FALSE(keyFromJwk(parseObject(R"({})")).isOk());
}

TEST(JwkTest, RefusesBadEcPoints) {
  auto ec = parseObject(test::kRfc7515EcJwk);
  ec.erase("d");
  ASSERT_TRUE(keyFromJwk(ec).isOk());
  // Point not on the curve: y changed by one bit.
  auto off_curve = ec;
  std::string y = *base64UrlDecode(ec.at("y").as_string());
  y[31] ^= 1;
  off_curve["y"] = base64UrlEncode(y);
  EXPECT_FALSE(keyFromJwk(off_curve).isOk());
  // Short coordinate (leading zero stripped).
  auto short_x = ec;
  short_x["x"] = base64UrlEncode(base64UrlDecode(ec.at("x").as_string())->substr(1));
  EXPECT_FALSE(keyFromJwk(short_x).isOk());
  // Curve named wrongly for the coordinates, unsupported curve.
  auto p384 = ec;
  p384["crv"] = "P-384";
  EXPECT_FALSE(keyFromJwk(p384).isOk());
  auto p521 = ec;
  p521["crv"] = "P-521";
  EXPECT_FALSE(keyFromJwk(p521).isOk());
  // Private scalar that does not match the public point.
  auto wrong_d = parseObject(test::kRfc7515EcJwk);
  std::string d = *base64UrlDecode(wrong_d.at("d").as_string());
  d[31] ^= 1;
  wrong_d["d"] = base64UrlEncode(d);
  EXPECT_FALSE(keyFromJwk(wrong_d).isOk());
}

TEST(JwkTest, Ed25519PrivateMustMatchPublic) {
  // RFC 8032 §7.1 test 1.
  const std::string sk = base64UrlEncode(std::string(
      "\x9d\x61\xb1\x9d\xef\xfd\x5a\x60\xba\x84\x4a\xf4\x92\xec\x2c\xc4\x44\x49\xc5\x69\x7b\x32\x69"
      "\x19\x70\x3b\xac\x03\x1c\xae\x7f\x60",
      32));
  const std::string pk = base64UrlEncode(std::string(
      "\xd7\x5a\x98\x01\x82\xb1\x0a\xb7\xd5\x4b\xfe\xd3\xc9\x64\x07\x3a\x0e\xe1\x72\xf3\xda\xa6\x23"
      "\x25\xaf\x02\x1a\x68\xf7\x07\x51\x1a",
      32));
  boost::json::object jwk{{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", pk}, {"d", sk}};
  auto key = keyFromJwk(jwk);
  ASSERT_TRUE(key.isOk()) << key.status().toString();
  EXPECT_TRUE(key->hasPrivate());
  auto wrong = jwk;
  wrong["x"] = base64UrlEncode(std::string(32, '\x01'));
  EXPECT_FALSE(keyFromJwk(wrong).isOk());
  auto x448 = jwk;
  x448["crv"] = "Ed448";
  EXPECT_FALSE(keyFromJwk(x448).isOk());
}

TEST(JwkTest, ErrorMessagesNeverQuoteKeyMaterial) {
  auto rsa = parseObject(test::kRfc7515RsaJwk);
  rsa["d"] = "AQAB==";
  auto key = keyFromJwk(rsa);
  ASSERT_FALSE(key.isOk());
  EXPECT_EQ(key.status().message().find("AQAB"), std::string::npos);
  EXPECT_NE(key.status().message().find("'d'"), std::string::npos);
}

}  // namespace
}  // namespace tars::crypto
