// The attack suite at the token level (issue 3 item 15): each hostile token gets its specific
// §3.2 outcome, never success and never a crash.
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json/serialize.hpp>

#include "core/base64url.h"
#include "jwt/jwt_test_util.h"
#include "jwt/key_ring.h"
#include "jwt/signer.h"
#include "jwt/verifier.h"
#include "test_util/fake_clock.h"

namespace tars::jwt {
namespace {

using std::chrono::seconds;
using test::accessClaims;
using test::kidFor;
using test::makeKey;
using test::rawToken;
using test::unixSeconds;

class AttackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ring_.add({hs_, KeyState::kCurrent, clock_.now(), {}, {}}).isOk());
    ASSERT_TRUE(ring_.add({rs_, KeyState::kVerifyOnly, clock_.now(), {}, {}}).isOk());
    ASSERT_TRUE(ring_.add({es_, KeyState::kVerifyOnly, clock_.now(), {}, {}}).isOk());
  }

  Result<VerifiedTokenConstSharedPtr> verify(std::string_view token,
                                             TokenType type = TokenType::kAccess) {
    return verifier_.verify(token, type);
  }

  std::string header(std::string_view alg, std::string_view kid) {
    return std::string(R"({"alg":")") + std::string(alg) + R"(","typ":"JWT","kid":")" +
           std::string(kid) + "\"}";
  }

  std::string validToken() { return *sign(accessClaims(clock_), *hs_); }

  tars::test::FakeClock clock_;
  KeyRing ring_{clock_};
  SigningKeyConstSharedPtr hs_ =
      std::make_shared<const SigningKey>(makeKey(Algorithm::kHs256, kidFor(1)));
  SigningKeyConstSharedPtr rs_ =
      std::make_shared<const SigningKey>(makeKey(Algorithm::kRs256, kidFor(2)));
  SigningKeyConstSharedPtr es_ =
      std::make_shared<const SigningKey>(makeKey(Algorithm::kEs256, kidFor(3)));
  TokenVerifier verifier_{
      clock_, ring_,
      VerifierOptions{{test::kIssuer, test::kAudience, seconds(30)},
                      {Algorithm::kHs256, Algorithm::kRs256, Algorithm::kEs256}}};
};

TEST_F(AttackTest, BaselineTokenVerifies) {
  EXPECT_TRUE(verify(validToken()).isOk());
  EXPECT_TRUE(verify(*sign(accessClaims(clock_), *rs_)).isOk());
  EXPECT_TRUE(verify(*sign(accessClaims(clock_), *es_)).isOk());
}

TEST_F(AttackTest, AlgNone) {
  const std::string claims = boost::json::serialize(accessClaims(clock_));
  for (const char* alg : {"none", "None", "NONE"}) {
    const std::string unsigned_token =
        base64UrlEncode(header(alg, kidFor(1))) + "." + base64UrlEncode(claims) + ".";
    EXPECT_EQ(verify(unsigned_token).outcome(), Outcome::kInvalidToken) << alg;
    EXPECT_EQ(verify(unsigned_token + "c2ln").outcome(), Outcome::kInvalidToken) << alg;
  }
}

TEST_F(AttackTest, Hs256SignedWithTheRsaPublicKeyAsSecret) {
  // The attacker knows the RS256 public key (it is published) and uses its bytes as an HMAC
  // secret, naming the RSA key's kid.
  const std::string pem = *rs_->verificationKey()->asymmetricKey()->publicPem();
  const std::string jwk = boost::json::serialize(*rs_->verificationKey()->publicJwk());
  for (const std::string& secret : {pem, jwk}) {
    auto forged = SigningKey::CreateHmac(Algorithm::kHs256, crypto::SecretBytes(secret), kidFor(2));
    ASSERT_TRUE(forged.isOk());
    auto r = verify(*sign(accessClaims(clock_), *forged));
    EXPECT_EQ(r.outcome(), Outcome::kInvalidSignature);
    EXPECT_EQ(r.failure().reason(), "alg differs from the key's algorithm");
  }
}

TEST_F(AttackTest, KidPointingAtAnotherKeyType) {
  // An ES256 token naming the RSA key, an HS256 token naming the EC key, an RS256 token naming
  // the HMAC key: each key verifies only its own algorithm.
  const SigningKey attacker_ec = makeKey(Algorithm::kEs256, kidFor(2));
  EXPECT_EQ(verify(*sign(accessClaims(clock_), attacker_ec)).outcome(), Outcome::kInvalidSignature);
  const SigningKey attacker_hs = makeKey(Algorithm::kHs256, kidFor(3));
  EXPECT_EQ(verify(*sign(accessClaims(clock_), attacker_hs)).outcome(), Outcome::kInvalidSignature);
  const SigningKey attacker_rs = makeKey(Algorithm::kRs256, kidFor(1));
  EXPECT_EQ(verify(*sign(accessClaims(clock_), attacker_rs)).outcome(), Outcome::kInvalidSignature);
}

TEST_F(AttackTest, Expired) {
  auto claims = accessClaims(clock_);
  claims["exp"] = unixSeconds(clock_) - 31;
  EXPECT_EQ(verify(*sign(claims, *hs_)).outcome(), Outcome::kTokenExpired);
}

TEST_F(AttackTest, NotBeforeInTheFuture) {
  auto claims = accessClaims(clock_);
  claims["nbf"] = unixSeconds(clock_) + 120;
  EXPECT_EQ(verify(*sign(claims, *hs_)).outcome(), Outcome::kTokenNotYetValid);
  claims.erase("nbf");
  claims["iat"] = unixSeconds(clock_) + 120;
  EXPECT_EQ(verify(*sign(claims, *hs_)).outcome(), Outcome::kTokenNotYetValid);
}

TEST_F(AttackTest, WrongIssuer) {
  auto claims = accessClaims(clock_);
  claims["iss"] = "evil-auth";
  EXPECT_EQ(verify(*sign(claims, *hs_)).outcome(), Outcome::kIssuerMismatch);
}

TEST_F(AttackTest, WrongAudience) {
  auto claims = accessClaims(clock_);
  claims["aud"] = "other-service";
  EXPECT_EQ(verify(*sign(claims, *hs_)).outcome(), Outcome::kAudienceMismatch);
  claims["aud"] = boost::json::array{"other-service", "tarsx"};
  EXPECT_EQ(verify(*sign(claims, *hs_)).outcome(), Outcome::kAudienceMismatch);
}

TEST_F(AttackTest, RefreshUsedAsAccessAndViceVersa) {
  auto claims = accessClaims(clock_);
  claims["type"] = "refresh";
  const std::string refresh = *sign(claims, *hs_);
  EXPECT_EQ(verify(refresh, TokenType::kAccess).outcome(), Outcome::kWrongTokenType);
  EXPECT_TRUE(verify(refresh, TokenType::kRefresh).isOk());
  EXPECT_EQ(verify(validToken(), TokenType::kRefresh).outcome(), Outcome::kWrongTokenType);
}

TEST_F(AttackTest, TamperedPayload) {
  const std::string token = validToken();
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first + 1);
  auto claims = accessClaims(clock_);
  claims["roles"] = boost::json::array{"admin", "superuser"};
  claims["sub"] = "someone-else";
  const std::string forged = token.substr(0, first + 1) +
                             base64UrlEncode(boost::json::serialize(claims)) + token.substr(second);
  EXPECT_EQ(verify(forged).outcome(), Outcome::kInvalidSignature);
}

TEST_F(AttackTest, TruncatedTokens) {
  const std::string token = validToken();
  const std::size_t second = token.rfind('.');
  EXPECT_EQ(verify(token.substr(0, second)).outcome(), Outcome::kInvalidToken);      // h.p
  EXPECT_EQ(verify(token.substr(0, second + 1)).outcome(), Outcome::kInvalidToken);  // h.p.
  EXPECT_EQ(verify(token.substr(0, token.find('.') / 2)).outcome(), Outcome::kInvalidToken);
  // A signature cut to a canonical shorter length decodes, and does not verify.
  EXPECT_EQ(verify(token.substr(0, second + 1 + 40)).outcome(), Outcome::kInvalidSignature);
  // Every other cut is refused too.
  for (std::size_t len = 0; len < token.size(); ++len) {
    EXPECT_FALSE(verify(token.substr(0, len)).isOk()) << len;
  }
}

TEST_F(AttackTest, NonCanonicalBase64Url) {
  const std::string token = validToken();
  // HS256 signatures are 32 bytes = 43 characters; the last one has 2 unused bits. Setting them
  // changes the text but not the decoded bytes: a lenient decoder would accept this token.
  std::string flipped = token;
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const char last = flipped.back();
  const std::size_t index = std::string_view(kAlphabet).find(last);
  flipped.back() = kAlphabet[index | 1];
  ASSERT_NE(flipped, token);
  auto r = verify(flipped);
  EXPECT_EQ(r.outcome(), Outcome::kInvalidToken);
  EXPECT_EQ(r.failure().reason(), "signature is not canonical base64url");
  EXPECT_EQ(verify(token + "=").outcome(), Outcome::kInvalidToken);
  std::string plus = token;
  std::replace(plus.begin(), plus.end(), '-', '+');
  std::replace(plus.begin(), plus.end(), '_', '/');
  if (plus != token) {
    EXPECT_EQ(verify(plus).outcome(), Outcome::kInvalidToken);
  }
  EXPECT_EQ(verify(" " + token).outcome(), Outcome::kInvalidToken);
  EXPECT_EQ(verify(token + "\n").outcome(), Outcome::kInvalidToken);
}

TEST_F(AttackTest, NineKibToken) {
  auto claims = accessClaims(clock_);
  claims["pad"] = std::string(9 * 1024, 'x');
  const std::string big =
      rawToken(header("HS256", kidFor(1)), boost::json::serialize(claims), *hs_);
  ASSERT_GT(big.size(), 9u * 1024);
  auto r = verify(big);
  EXPECT_EQ(r.outcome(), Outcome::kInvalidToken);
  EXPECT_EQ(r.failure().reason(), "token larger than 8 KiB");
}

TEST_F(AttackTest, DuplicateClaimNames) {
  const std::int64_t now = unixSeconds(clock_);
  const std::string base = R"({"iss":"tars-auth","aud":"tars","iat":)" + std::to_string(now) +
                           R"(,"exp":)" + std::to_string(now + 3600);
  for (const std::string& payload :
       {base + R"(,"type":"access","sub":"viewer-001","sub":"admin-001"})",
        base + R"(,"type":"refresh","type":"access"})",
        base + R"(,"type":"access","roles":["viewer"],"roles":["admin"]})",
        base + R"(,"type":"access","exp":9999999999})"}) {
    const std::string token = rawToken(header("HS256", kidFor(1)), payload, *hs_);
    auto r = verify(token);
    EXPECT_EQ(r.outcome(), Outcome::kInvalidToken) << payload;
  }
  // Duplicate header members too.
  const std::string dup_header =
      R"({"alg":"HS256","typ":"JWT","kid":")" + kidFor(1) + R"(","kid":")" + kidFor(2) + "\"}";
  EXPECT_EQ(
      verify(rawToken(dup_header, boost::json::serialize(accessClaims(clock_)), *hs_)).outcome(),
      Outcome::kInvalidToken);
}

TEST_F(AttackTest, UnknownKid) {
  const SigningKey stranger = makeKey(Algorithm::kHs256, kidFor(42));
  EXPECT_EQ(verify(*sign(accessClaims(clock_), stranger)).outcome(), Outcome::kKeyIdNotFound);
}

TEST_F(AttackTest, EmbeddedKeysAreIgnored) {
  // The attacker signs with their own key and embeds it as `jwk`, naming our EC key's kid.
  const SigningKey attacker = makeKey(Algorithm::kEs256, kidFor(3));
  boost::json::object extra{{"jwk", *attacker.verificationKey()->publicJwk()},
                            {"jku", "https://attacker.example/jwks.json"}};
  EXPECT_EQ(verify(*sign(extra, accessClaims(clock_), attacker)).outcome(),
            Outcome::kInvalidSignature);
}

TEST_F(AttackTest, CritHeader) {
  const std::string h =
      R"({"alg":"HS256","typ":"JWT","kid":")" + kidFor(1) + R"(","crit":["b64"],"b64":false})";
  EXPECT_EQ(verify(rawToken(h, boost::json::serialize(accessClaims(clock_)), *hs_)).outcome(),
            Outcome::kInvalidToken);
}

TEST_F(AttackTest, GarbageNeverCrashes) {
  for (const char* junk : {"", ".", "..", "...", "\xff\xfe.\x00.x", "eyJ.eyJ.eyJ", "Bearer abc",
                           "e30.e30.e30", "W10.e30.c2ln"}) {
    EXPECT_EQ(verify(junk).outcome(), Outcome::kInvalidToken) << junk;
  }
}

}  // namespace
}  // namespace tars::jwt
