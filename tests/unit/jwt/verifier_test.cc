#include "jwt/verifier.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "jwt/jwks_cache.h"
#include "jwt/jwt_test_util.h"
#include "jwt/key_ring.h"
#include "jwt/signer.h"
#include "test_util/fake_clock.h"

namespace tars::jwt {
namespace {

using std::chrono::seconds;
using test::accessClaims;
using test::kidFor;
using test::makeKey;

// Counts lookups, to prove what runs before key lookup.
class CountingKeySource final : public KeySource {
 public:
  explicit CountingKeySource(KeySource& inner) : inner_(inner) {}
  Result<VerificationKeyConstSharedPtr> findKey(std::string_view kid, Algorithm alg) override {
    ++lookups;
    return inner_.findKey(kid, alg);
  }
  std::uint64_t generation() const override { return inner_.generation(); }
  int lookups = 0;

 private:
  KeySource& inner_;
};

class VerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ring_.add({key_, KeyState::kCurrent, clock_.now(), {}, {}}).isOk());
  }

  VerifierOptions options() {
    return VerifierOptions{{test::kIssuer, test::kAudience, seconds(30)},
                           {Algorithm::kHs256, Algorithm::kEs256}};
  }

  tars::test::FakeClock clock_;
  KeyRing ring_{clock_};
  SigningKeyConstSharedPtr key_ =
      std::make_shared<const SigningKey>(makeKey(Algorithm::kHs256, kidFor(1)));
  CountingKeySource counting_{ring_};
};

TEST_F(VerifierTest, VerifiesAndReturnsClaims) {
  TokenVerifier verifier(clock_, counting_, options());
  auto token = sign(accessClaims(clock_), *key_);
  ASSERT_TRUE(token.isOk());
  auto r = verifier.verify(*token, TokenType::kAccess);
  ASSERT_TRUE(r.isOk()) << r.failure().toString();
  EXPECT_EQ((*r)->algorithm, Algorithm::kHs256);
  EXPECT_EQ((*r)->kid, kidFor(1));
  EXPECT_EQ((*r)->stringClaim("sub"), "admin-001");
  EXPECT_EQ((*r)->stringClaim("missing"), std::nullopt);
  EXPECT_EQ((*r)->expires_at, clock_.now() + seconds(3600));
}

TEST_F(VerifierTest, IssuerIsCheckedBeforeTheKeyLookup) {
  TokenVerifier verifier(clock_, counting_, options());
  auto claims = accessClaims(clock_);
  claims["iss"] = "someone-else";
  const SigningKey unknown = makeKey(Algorithm::kHs256, kidFor(99));
  auto r = verifier.verify(*sign(claims, unknown), TokenType::kAccess);
  EXPECT_EQ(r.outcome(), Outcome::kIssuerMismatch);  // not KeyIdNotFound
  EXPECT_EQ(counting_.lookups, 0);
}

TEST_F(VerifierTest, AlgorithmOutsideTheIssuersListIsInvalidToken) {
  VerifierOptions o = options();
  o.allowed_algorithms = {Algorithm::kRs256};
  TokenVerifier verifier(clock_, counting_, o);
  EXPECT_EQ(verifier.verify(*sign(accessClaims(clock_), *key_), TokenType::kAccess).outcome(),
            Outcome::kInvalidToken);
  EXPECT_EQ(counting_.lookups, 0);
}

TEST_F(VerifierTest, KidIsRequired) {
  TokenVerifier verifier(clock_, counting_, options());
  const std::string token = test::rawToken(R"({"alg":"HS256","typ":"JWT"})",
                                           boost::json::serialize(accessClaims(clock_)), *key_);
  auto r = verifier.verify(token, TokenType::kAccess);
  EXPECT_EQ(r.outcome(), Outcome::kInvalidToken);
  EXPECT_EQ(r.failure().reason(), "kid missing");
}

TEST_F(VerifierTest, RotationKeepsOldTokensValidUntilRetired) {
  TokenVerifier verifier(clock_, ring_, options());
  const std::string old_token = *sign(accessClaims(clock_), *key_);
  auto next = std::make_shared<const SigningKey>(makeKey(Algorithm::kHs256, kidFor(2)));
  ASSERT_TRUE(ring_.rotate(next, seconds(7200)).isOk());
  const std::string new_token = *sign(accessClaims(clock_), *ring_.currentSigningKey());
  EXPECT_TRUE(verifier.verify(old_token, TokenType::kAccess).isOk());
  EXPECT_TRUE(verifier.verify(new_token, TokenType::kAccess).isOk());
  ASSERT_TRUE(ring_.revoke(kidFor(1)).isOk());
  EXPECT_EQ(verifier.verify(old_token, TokenType::kAccess).outcome(), Outcome::kKeyIdNotFound);
  EXPECT_TRUE(verifier.verify(new_token, TokenType::kAccess).isOk());
}

TEST_F(VerifierTest, CacheAnswersRepeatsButNeverPastExpOrAfterRevocation) {
  VerifiedTokenCache cache(100);
  TokenVerifier verifier(clock_, counting_, options(), &cache);
  auto claims = accessClaims(clock_);
  claims["exp"] = test::unixSeconds(clock_) + 60;
  const std::string token = *sign(claims, *key_);
  ASSERT_TRUE(verifier.verify(token, TokenType::kAccess).isOk());
  EXPECT_EQ(counting_.lookups, 1);
  EXPECT_EQ(cache.size(), 1u);
  ASSERT_TRUE(verifier.verify(token, TokenType::kAccess).isOk());
  EXPECT_EQ(counting_.lookups, 1);  // answered from the cache
  // The type is checked on hits too.
  EXPECT_EQ(verifier.verify(token, TokenType::kRefresh).outcome(), Outcome::kWrongTokenType);
  // At exp the cache does not answer; the full check applies the leeway.
  clock_.advance(seconds(60));
  ASSERT_TRUE(verifier.verify(token, TokenType::kAccess).isOk());
  EXPECT_EQ(counting_.lookups, 2);
  clock_.advance(seconds(30));
  EXPECT_EQ(verifier.verify(token, TokenType::kAccess).outcome(), Outcome::kTokenExpired);
}

TEST_F(VerifierTest, CacheDropsEntriesWhenTheKeySourceChanges) {
  VerifiedTokenCache cache(100);
  TokenVerifier verifier(clock_, counting_, options(), &cache);
  const std::string token = *sign(accessClaims(clock_), *key_);
  ASSERT_TRUE(verifier.verify(token, TokenType::kAccess).isOk());
  auto next = std::make_shared<const SigningKey>(makeKey(Algorithm::kHs256, kidFor(2)));
  ASSERT_TRUE(ring_.rotate(next, seconds(3600)).isOk());
  ASSERT_TRUE(ring_.revoke(kidFor(1)).isOk());
  EXPECT_EQ(verifier.verify(token, TokenType::kAccess).outcome(), Outcome::kKeyIdNotFound);
}

TEST_F(VerifierTest, OversizeTokenIsRefusedBeforeHashingOrLookup) {
  VerifiedTokenCache cache(100);
  TokenVerifier verifier(clock_, counting_, options(), &cache);
  const std::string big(9 * 1024, 'a');
  auto r = verifier.verify(big, TokenType::kAccess);
  EXPECT_EQ(r.outcome(), Outcome::kInvalidToken);
  EXPECT_EQ(r.failure().reason(), "token larger than 8 KiB");
  EXPECT_EQ(counting_.lookups, 0);
}

TEST_F(VerifierTest, VerifyParsedMatchesVerify) {
  VerifiedTokenCache cache(100);
  TokenVerifier verifier(clock_, counting_, options(), &cache);
  const std::string token = *sign(accessClaims(clock_), *key_);
  auto parsed = parseToken(token);
  ASSERT_TRUE(parsed.isOk());
  auto r = verifier.verifyParsed(token, std::move(parsed).value(), TokenType::kAccess);
  ASSERT_TRUE(r.isOk());
  auto again = verifier.verify(token, TokenType::kAccess);
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ(*again, *r);  // the cached object
}

TEST_F(VerifierTest, ProviderTokensThroughAJwksCache) {
  test::FakeJwksFetcher fetcher;
  const SigningKey provider_key = makeKey(Algorithm::kRs256, "idp-key-1");
  fetcher.serve(boost::json::serialize(boost::json::object{
      {"keys", boost::json::array{*provider_key.verificationKey()->publicJwk()}}}));
  JwksCacheOptions jwks_options;
  jwks_options.url = "https://idp.example.com/jwks";
  auto jwks = JwksCache::Create(jwks_options, fetcher, clock_);
  ASSERT_TRUE(jwks.isOk());
  TokenVerifier verifier(clock_, **jwks,
                         VerifierOptions{{"https://idp.example.com/", "cap-verifier", seconds(30)},
                                         {Algorithm::kRs256, Algorithm::kEs256}});
  auto claims = accessClaims(clock_);
  claims["iss"] = "https://idp.example.com/";
  claims["aud"] = "cap-verifier";
  claims.erase("type");
  auto r = verifier.verify(*sign(claims, provider_key), std::nullopt);
  ASSERT_TRUE(r.isOk()) << r.failure().toString();
  // The provider's unknown kid.
  const SigningKey other = makeKey(Algorithm::kRs256, "idp-key-2");
  EXPECT_EQ(verifier.verify(*sign(claims, other), std::nullopt).outcome(), Outcome::kKeyIdNotFound);
  // HS256 is never accepted from a provider, even with the RSA key's kid.
  const SigningKey hs = makeKey(Algorithm::kHs256, "idp-key-1");
  EXPECT_EQ(verifier.verify(*sign(claims, hs), std::nullopt).outcome(), Outcome::kInvalidToken);
}

TEST_F(VerifierTest, ProviderWithoutKeysFailsClosed) {
  test::FakeJwksFetcher fetcher;
  fetcher.fail();
  JwksCacheOptions jwks_options;
  jwks_options.url = "https://idp.example.com/jwks";
  auto jwks = JwksCache::Create(jwks_options, fetcher, clock_);
  ASSERT_TRUE(jwks.isOk());
  TokenVerifier verifier(
      clock_, **jwks,
      VerifierOptions{{"https://idp.example.com/", "cap", seconds(30)}, {Algorithm::kRs256}});
  auto claims = accessClaims(clock_);
  claims["iss"] = "https://idp.example.com/";
  const SigningKey key = makeKey(Algorithm::kRs256, "k");
  EXPECT_EQ(verifier.verify(*sign(claims, key), std::nullopt).outcome(), Outcome::kJwksFetchFailed);
}

}  // namespace
}  // namespace tars::jwt
