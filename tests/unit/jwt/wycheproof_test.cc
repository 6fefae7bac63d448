// The Wycheproof JWS suite (C2SP/wycheproof testvectors_v1/json_web_signature_test.json, shared at
// ../shared/vectors/wycheproof/ beside the repository): every `valid` case verifies and every
// `invalid` case is refused, except the cases listed below with the reason; docs/SECURITY.md
// carries the same list. The file must be present: a missing file fails this test.
//
// Each group's key is read with verificationKeyFromJwk(jwk, no default algorithm): a key must name
// its algorithm. A case is accepted when the key loads, the token's kid (if any) is the key's kid,
// the compact JWS parses (jwt/token.h) and the signature verifies under the key's one algorithm.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "jwt/jwks.h"
#include "jwt/token.h"

namespace tars::jwt {
namespace {

// `valid` cases we refuse on purpose.
const std::map<int, std::string> kValidButRefused = {
    {320, "PS384 is not supported"},
    {321, "PS384 is not supported"},
    {322, "PS384 is not supported"},
    {323, "PS384 is not supported"},
    {325, "PS512 is not supported"},
    {326, "PS512 is not supported"},
    {327, "PS512 is not supported"},
    {328, "PS512 is not supported"},
    {346, "RFC 7520 fig. 20: the key says alg PS256, the token PS384 (binding; PS384 unsupported)"},
    {350, "RFC 7520 fig. 20 with key_ops: the key says alg PS256, the token PS384"},
    {347, "RFC 7520 fig. 27: ES512 on P-521 is not supported (key alg 'ES521')"},
    {351, "RFC 7520 fig. 27 with key_ops: ES512 on P-521 is not supported"},
    {372, "'?' inside the header segment: not canonical base64url (tars.md §3.2 check 3)"},
    {373, "'?' inside the payload segment: not canonical base64url (tars.md §3.2 check 3)"},
};

// `invalid` cases we accept: both are byte-for-byte the same JWS as valid case 357, so no
// verifier can refuse them and accept 357 (a defect of the vector file; their names say a
// padding character was meant to be there).
const std::map<int, std::string> kInvalidButAccepted = {
    {367, "identical to valid case 357 (invalidBase64Padding without any padding)"},
    {370, "identical to valid case 357 (invalidBase64PaddingInPayload without any padding)"},
};

std::string vectorPath() {
  const char* root = std::getenv("TARSTEST_SOURCE_DIR");
  if (root == nullptr) {
    return "";
  }
  return std::string(root) + "/../shared/vectors/wycheproof/json_web_signature_test.json";
}

bool accepts(const StatusOr<VerificationKey>& key, const boost::json::value& jws_value) {
  if (!key.isOk() || !jws_value.is_string()) {
    return false;
  }
  const std::string_view compact(jws_value.get_string().data(), jws_value.get_string().size());
  auto jws = parseJws(compact);
  if (!jws.isOk()) {
    return false;
  }
  if (jws->kid && *jws->kid != key->kid()) {
    return false;  // KeyIdNotFound in a real key source
  }
  return key->verify(jws->algorithm, jws->signing_input, jws->signature);
}

TEST(WycheproofJwsTest, EveryCaseAsExpected) {
  const std::string path = vectorPath();
  ASSERT_FALSE(path.empty()) << "TARSTEST_SOURCE_DIR is not set (run through ctest)";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing Wycheproof vectors: " << path;
  std::stringstream text;
  text << in.rdbuf();
  const boost::json::object suite = boost::json::parse(text.str()).as_object();
  ASSERT_EQ(suite.at("numberOfTests").as_int64(), 401);

  int total = 0;
  int valid = 0;
  int invalid = 0;
  int acceptable = 0;
  int valid_accepted = 0;
  int invalid_refused = 0;
  std::map<int, std::string> jws_by_id;
  for (const auto& group_value : suite.at("testGroups").as_array()) {
    const boost::json::object& group = group_value.as_object();
    const boost::json::value* jwk = group.if_contains("public");
    if (jwk == nullptr) {
      jwk = group.if_contains("private");  // symmetric groups have only the secret key
    }
    ASSERT_NE(jwk, nullptr);
    const StatusOr<VerificationKey> key = verificationKeyFromJwk(jwk->as_object(), std::nullopt);
    // The groups whose key names no algorithm (use "enc", key_ops "encrypt") must be refused for
    // their usage too, not only for the missing algorithm: load them again with RS256/ES256.
    const std::string_view kty = jwk->as_object().contains("kty")
                                     ? std::string_view(jwk->as_object().at("kty").as_string())
                                     : std::string_view();
    const StatusOr<VerificationKey> key_with_default = verificationKeyFromJwk(
        jwk->as_object(), kty == "RSA" ? Algorithm::kRs256 : Algorithm::kEs256);
    for (const auto& test_value : group.at("tests").as_array()) {
      const boost::json::object& test = test_value.as_object();
      const int id = static_cast<int>(test.at("tcId").as_int64());
      const std::string result(test.at("result").as_string());
      const std::string comment(test.at("comment").as_string());
      if (test.at("jws").is_string()) {
        jws_by_id[id] = std::string(test.at("jws").as_string());
      }
      const bool accepted = accepts(key, test.at("jws"));
      if (!jwk->as_object().contains("alg")) {
        EXPECT_EQ(accepts(key_with_default, test.at("jws")), accepted) << "tcId " << id;
      }
      ++total;
      if (result == "valid") {
        ++valid;
        valid_accepted += accepted ? 1 : 0;
        const bool expected = !kValidButRefused.contains(id);
        EXPECT_EQ(accepted, expected) << "tcId " << id << " (" << comment << ") valid";
      } else if (result == "invalid") {
        ++invalid;
        invalid_refused += accepted ? 0 : 1;
        const bool expected = kInvalidButAccepted.contains(id);
        EXPECT_EQ(accepted, expected) << "tcId " << id << " (" << comment << ") invalid";
      } else {
        ++acceptable;
        ADD_FAILURE() << "tcId " << id << " is 'acceptable': decide and document it";
      }
    }
  }
  EXPECT_EQ(total, 401);
  EXPECT_EQ(valid, 46);
  EXPECT_EQ(invalid, 355);
  EXPECT_EQ(acceptable, 0);
  EXPECT_EQ(valid_accepted, valid - static_cast<int>(kValidButRefused.size()));
  EXPECT_EQ(invalid_refused, invalid - static_cast<int>(kInvalidButAccepted.size()));
  // The two accepted "invalid" cases really are the valid case 357, byte for byte.
  for (const auto& [id, reason] : kInvalidButAccepted) {
    EXPECT_EQ(jws_by_id[id], jws_by_id[357]) << id;
  }
  std::cout << "Wycheproof JWS: " << total << " cases; valid " << valid << " (accepted "
            << valid_accepted << "), invalid " << invalid << " (refused " << invalid_refused
            << "), acceptable " << acceptable << "\n";
}

}  // namespace
}  // namespace tars::jwt
