// RFC 7515 Appendix A: the worked examples A.1 (HS256), A.2 (RS256), A.3 (ES256) verify with the
// RFC's keys, and A.5 (an unsecured JWS) is refused.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/base64url.h"
#include "crypto/test_keys.h"
#include "jwt/jwks.h"
#include "jwt/signing_key.h"
#include "jwt/token.h"
#include "jwt/verification_key.h"

namespace tars::jwt {
namespace {

// The payload shared by A.1–A.5: {"iss":"joe",\r\n "exp":1300819380,\r\n
// "http://example.com/is_root":true}
constexpr char kPayload[] =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl"
    "fQ";

constexpr char kA1[] =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl"
    "fQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

constexpr char kA2Signature[] =
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
    "O8W2Fp5jujG"
    "bds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe"
    "7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI"
    "8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

constexpr char kA3Signature[] =
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

constexpr char kA5[] =
    "eyJhbGciOiJub25lIn0."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl"
    "fQ.";

VerificationKey keyFromJwk(const char* jwk, Algorithm alg) {
  auto key = verificationKeyFromJwk(boost::json::parse(jwk).as_object(), alg);
  EXPECT_TRUE(key.isOk()) << key.status().toString();
  return std::move(key).value();
}

bool verifies(const VerificationKey& key, std::string_view compact) {
  auto jws = parseJws(compact);
  return jws.isOk() && key.verify(jws->algorithm, jws->signing_input, jws->signature);
}

TEST(Rfc7515Test, A1Hs256) {
  auto token = parseToken(kA1);
  ASSERT_TRUE(token.isOk()) << token.failure().toString();
  EXPECT_EQ(token->jws.algorithm, Algorithm::kHs256);
  EXPECT_EQ(token->claims.at("iss").as_string(), "joe");
  EXPECT_EQ(token->claims.at("exp").as_int64(), 1300819380);
  EXPECT_TRUE(token->claims.at("http://example.com/is_root").as_bool());
  const VerificationKey key = keyFromJwk(crypto::test::kRfc7515OctJwk, Algorithm::kHs256);
  EXPECT_TRUE(verifies(key, kA1));
  // HMAC is deterministic: our signer reproduces the RFC's MAC.
  auto secret = base64UrlDecode(
      boost::json::parse(crypto::test::kRfc7515OctJwk).as_object().at("k").as_string());
  auto signer =
      SigningKey::CreateHmac(Algorithm::kHs256, crypto::SecretBytes(std::move(*secret)), "");
  ASSERT_TRUE(signer.isOk());
  const std::string_view a1(kA1);
  auto mac = signer->sign(a1.substr(0, a1.rfind('.')));
  ASSERT_TRUE(mac.isOk());
  EXPECT_EQ(base64UrlEncode(*mac), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

TEST(Rfc7515Test, A2Rs256) {
  const std::string token = std::string("eyJhbGciOiJSUzI1NiJ9.") + kPayload + "." + kA2Signature;
  const VerificationKey key = keyFromJwk(crypto::test::kRfc7515RsaJwk, Algorithm::kRs256);
  EXPECT_TRUE(verifies(key, token));
  // The same key bound to PS256 refuses it (binding), and so does RS384.
  const VerificationKey pss = keyFromJwk(crypto::test::kRfc7515RsaJwk, Algorithm::kPs256);
  EXPECT_FALSE(verifies(pss, token));
}

TEST(Rfc7515Test, A3Es256) {
  const std::string token = std::string("eyJhbGciOiJFUzI1NiJ9.") + kPayload + "." + kA3Signature;
  const VerificationKey key = keyFromJwk(crypto::test::kRfc7515EcJwk, Algorithm::kEs256);
  EXPECT_TRUE(verifies(key, token));
  std::string tampered = token;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verifies(key, tampered));
}

TEST(Rfc7515Test, A5UnsecuredJwsIsRefused) {
  auto jws = parseJws(kA5);
  ASSERT_FALSE(jws.isOk());
  EXPECT_EQ(jws.failure().outcome(), Outcome::kInvalidToken);
  // Even with a signature segment added, alg none stays refused.
  auto with_sig = parseJws(std::string(kA5) + "c2ln");
  ASSERT_FALSE(with_sig.isOk());
  EXPECT_EQ(with_sig.failure().reason(), "alg none is refused");
}

}  // namespace
}  // namespace tars::jwt
