#include "jwt/jwks.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/test_keys.h"
#include "jwt/jwt_test_util.h"

namespace tars::jwt {
namespace {

using test::makeKey;

boost::json::object publicJwkOf(const SigningKey& key) {
  return *key.verificationKey()->publicJwk();
}

std::string document(const boost::json::array& keys) {
  return boost::json::serialize(boost::json::object{{"keys", keys}});
}

TEST(JwksTest, ParsesRsaAndEcKeys) {
  const SigningKey rs = makeKey(Algorithm::kRs256, "rsa-1");
  const SigningKey es = makeKey(Algorithm::kEs256, "ec-1");
  auto set = parseJwks(document({publicJwkOf(rs), publicJwkOf(es)}));
  ASSERT_TRUE(set.isOk()) << set.failure().toString();
  EXPECT_EQ(set->size(), 2u);
  auto rsa = set->find("rsa-1", Algorithm::kRs256);
  ASSERT_TRUE(rsa.isOk());
  EXPECT_EQ((*rsa)->algorithm(), Algorithm::kRs256);
  EXPECT_EQ(set->find("nope", Algorithm::kRs256).outcome(), Outcome::kKeyIdNotFound);
}

TEST(JwksTest, DefaultsTheAlgorithmFromTheKeyType) {
  auto rs = publicJwkOf(makeKey(Algorithm::kRs256, "rsa-1"));
  auto es = publicJwkOf(makeKey(Algorithm::kEs256, "ec-1"));
  rs.erase("alg");
  es.erase("alg");
  auto set = parseJwks(document({rs, es}));
  ASSERT_TRUE(set.isOk());
  EXPECT_EQ((*set->find("rsa-1", Algorithm::kRs256))->algorithm(), Algorithm::kRs256);
  EXPECT_EQ((*set->find("ec-1", Algorithm::kEs256))->algorithm(), Algorithm::kEs256);
}

TEST(JwksTest, HonoursUseKeyOpsAlgAndSkipsUnknownKeys) {
  auto sig = publicJwkOf(makeKey(Algorithm::kEs256, "ok"));
  auto enc = publicJwkOf(makeKey(Algorithm::kEs256, "enc"));
  enc["use"] = "enc";
  auto ops = publicJwkOf(makeKey(Algorithm::kEs256, "ops"));
  ops["key_ops"] = boost::json::array{"encrypt"};
  auto ops_ok = publicJwkOf(makeKey(Algorithm::kEs256, "ops-ok"));
  ops_ok["key_ops"] = boost::json::array{"verify"};
  auto ps = publicJwkOf(makeKey(Algorithm::kPs256, "ps"));  // PS256 not allowed for providers
  auto es384 = publicJwkOf(makeKey(Algorithm::kEs384, "p384"));
  auto ed = publicJwkOf(makeKey(Algorithm::kEdDsa, "ed"));
  boost::json::object oct{{"kty", "oct"}, {"kid", "hmac"}, {"k", std::string(43, 'A')}};
  boost::json::object weird{{"kty", "XYZ"}, {"kid", "weird"}};
  auto no_kid = publicJwkOf(makeKey(Algorithm::kEs256, "x"));
  no_kid.erase("kid");
  auto set = parseJwks(document({sig, enc, ops, ops_ok, ps, es384, ed, oct, weird, no_kid, 42}));
  ASSERT_TRUE(set.isOk());
  EXPECT_EQ(set->size(), 2u);
  EXPECT_TRUE(set->containsKid("ok"));
  EXPECT_TRUE(set->containsKid("ops-ok"));
  for (const char* skipped : {"enc", "ops", "ps", "p384", "ed", "hmac", "weird"}) {
    EXPECT_FALSE(set->containsKid(skipped)) << skipped;
  }
  // A wider policy admits ES384 and EdDSA.
  JwksPolicy wide{{Algorithm::kEs256, Algorithm::kEs384, Algorithm::kEdDsa}};
  auto wider = parseJwks(document({es384, ed, oct}), wide);
  ASSERT_TRUE(wider.isOk());
  EXPECT_EQ(wider->size(), 2u);
}

TEST(JwksTest, BrokenKeysAreJwkParseErrorForTheirKid) {
  auto good = publicJwkOf(makeKey(Algorithm::kEs256, "good"));
  auto off_curve = good;
  off_curve["kid"] = "bad";
  off_curve["y"] = off_curve["x"];
  boost::json::object small_rsa{
      {"kty", "RSA"}, {"kid", "small"}, {"n", crypto::test::kRsa1024N}, {"e", "AQAB"}};
  boost::json::object mismatched{{"kty", "EC"},    {"kid", "mismatch"}, {"alg", "RS256"},
                                 {"crv", "P-256"}, {"x", good["x"]},    {"y", good["y"]}};
  auto set = parseJwks(document({good, off_curve, small_rsa, mismatched}));
  ASSERT_TRUE(set.isOk());
  EXPECT_TRUE(set->find("good", Algorithm::kEs256).isOk());
  EXPECT_EQ(set->find("bad", Algorithm::kEs256).outcome(), Outcome::kJwkParseError);
  EXPECT_EQ(set->find("small", Algorithm::kRs256).outcome(), Outcome::kJwkParseError);
  EXPECT_EQ(set->find("mismatch", Algorithm::kRs256).outcome(), Outcome::kJwkParseError);
}

TEST(JwksTest, SharedKidPicksTheKeyOfTheTokensAlgorithm) {
  auto rs = publicJwkOf(makeKey(Algorithm::kRs256, "same"));
  auto es = publicJwkOf(makeKey(Algorithm::kEs256, "same"));
  auto set = parseJwks(document({rs, es}));
  ASSERT_TRUE(set.isOk());
  EXPECT_EQ((*set->find("same", Algorithm::kEs256))->algorithm(), Algorithm::kEs256);
  EXPECT_EQ((*set->find("same", Algorithm::kRs256))->algorithm(), Algorithm::kRs256);
  // Another algorithm gets some key of that kid; its binding then refuses the token.
  EXPECT_NE((*set->find("same", Algorithm::kHs256))->algorithm(), Algorithm::kHs256);
}

TEST(JwksTest, UnusableDocumentsAreJwkParseError) {
  for (const char* doc : {"", "not json", "[]", "{}", R"({"keys":{}})", R"({"keys":"x"})",
                          R"({"keys":[],"keys":[]})", R"({"keys":[)"}) {
    EXPECT_EQ(parseJwks(doc).outcome(), Outcome::kJwkParseError) << doc;
  }
  EXPECT_TRUE(parseJwks(R"({"keys":[]})").isOk());
  EXPECT_EQ(parseJwks(std::string(kMaxJwksBytes + 1, ' ')).outcome(), Outcome::kJwkParseError);
}

TEST(JwksTest, SerialisesPublicKeysOnly) {
  const SigningKey rs = makeKey(Algorithm::kRs256, "r");
  const SigningKey hs = makeKey(Algorithm::kHs256, "h");
  const std::string json = serializeJwks({rs.verificationKey(), hs.verificationKey()});
  auto doc = boost::json::parse(json).as_object();
  const auto& keys = doc.at("keys").as_array();
  ASSERT_EQ(keys.size(), 1u);
  const auto& k = keys[0].as_object();
  EXPECT_EQ(k.at("kty").as_string(), "RSA");
  EXPECT_EQ(k.at("kid").as_string(), "r");
  EXPECT_EQ(k.at("alg").as_string(), "RS256");
  EXPECT_EQ(k.at("use").as_string(), "sig");
  EXPECT_FALSE(k.contains("d"));
  // Round trip through the parser.
  auto set = parseJwks(json);
  ASSERT_TRUE(set.isOk());
  EXPECT_TRUE(set->find("r", Algorithm::kRs256).isOk());
}

TEST(JwksTest, SingleJwkNeedsAnAlgorithm) {
  auto jwk = publicJwkOf(makeKey(Algorithm::kEs256, "k"));
  jwk.erase("alg");
  EXPECT_FALSE(verificationKeyFromJwk(jwk, std::nullopt).isOk());
  EXPECT_TRUE(verificationKeyFromJwk(jwk, Algorithm::kEs256).isOk());
  jwk["alg"] = "PS384";
  EXPECT_FALSE(verificationKeyFromJwk(jwk, Algorithm::kEs256).isOk());
  jwk["alg"] = "ES256";
  jwk["key_ops"] = "verify";  // not an array
  EXPECT_FALSE(verificationKeyFromJwk(jwk, std::nullopt).isOk());
}

}  // namespace
}  // namespace tars::jwt
