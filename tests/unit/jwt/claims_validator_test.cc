#include "jwt/claims_validator.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "jwt/jwt_test_util.h"
#include "test_util/fake_clock.h"

namespace tars::jwt {
namespace {

using test::accessClaims;
using test::unixSeconds;

class ClaimsValidatorTest : public ::testing::Test {
 protected:
  Outcome check(const boost::json::object& claims,
                std::optional<TokenType> type = TokenType::kAccess) {
    return validator_.validate(claims, type).outcome();
  }

  tars::test::FakeClock clock_;
  ClaimsValidator validator_{
      clock_, ClaimsPolicy{test::kIssuer, test::kAudience, std::chrono::seconds(30)}};
};

TEST_F(ClaimsValidatorTest, AcceptsAValidAccessToken) {
  auto claims = accessClaims(clock_);
  auto r = validator_.validate(claims, TokenType::kAccess);
  ASSERT_TRUE(r.isOk()) << r.failure().toString();
  EXPECT_EQ(r->expires_at, clock_.now() + std::chrono::seconds(3600));
}

TEST_F(ClaimsValidatorTest, IssuerMustMatchExactly) {
  auto claims = accessClaims(clock_);
  claims["iss"] = "tars-auth ";
  EXPECT_EQ(check(claims), Outcome::kIssuerMismatch);
  claims["iss"] = "TARS-AUTH";
  EXPECT_EQ(check(claims), Outcome::kIssuerMismatch);
  claims.erase("iss");
  EXPECT_EQ(check(claims), Outcome::kIssuerMismatch);
  claims["iss"] = 5;
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
}

TEST_F(ClaimsValidatorTest, ExpIsRequiredAndHonoursLeeway) {
  auto claims = accessClaims(clock_);
  const std::int64_t now = unixSeconds(clock_);
  claims.erase("exp");
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
  claims["exp"] = "1700000000";
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
  claims["exp"] = true;
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
  claims["exp"] = nullptr;
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
  // now >= exp + leeway → expired; exp + leeway - 1 still fine.
  claims["exp"] = now - 30;
  EXPECT_EQ(check(claims), Outcome::kTokenExpired);
  claims["exp"] = now - 29;
  EXPECT_EQ(check(claims), Outcome::kSuccess);
  claims["exp"] = static_cast<double>(now) - 29.5;
  EXPECT_EQ(check(claims), Outcome::kSuccess);
  claims["exp"] = static_cast<double>(now) - 30.0;
  EXPECT_EQ(check(claims), Outcome::kTokenExpired);
  claims["exp"] = -1;
  EXPECT_EQ(check(claims), Outcome::kTokenExpired);
  claims["exp"] = 1e300;
  EXPECT_EQ(check(claims), Outcome::kSuccess);
}

TEST_F(ClaimsValidatorTest, NbfAndIatInTheFuture) {
  auto claims = accessClaims(clock_);
  const std::int64_t now = unixSeconds(clock_);
  claims["nbf"] = now + 30;
  EXPECT_EQ(check(claims), Outcome::kSuccess);
  claims["nbf"] = now + 31;
  EXPECT_EQ(check(claims), Outcome::kTokenNotYetValid);
  claims["nbf"] = "soon";
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
  claims.erase("nbf");
  claims["iat"] = now + 30;
  EXPECT_EQ(check(claims), Outcome::kSuccess);
  claims["iat"] = now + 31;
  EXPECT_EQ(check(claims), Outcome::kTokenNotYetValid);
  claims["iat"] = boost::json::array{1};
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
  claims.erase("iat");
  EXPECT_EQ(check(claims), Outcome::kSuccess);  // iat and nbf are optional
}

TEST_F(ClaimsValidatorTest, ExpiryIsCheckedBeforeNotBefore) {
  auto claims = accessClaims(clock_);
  const std::int64_t now = unixSeconds(clock_);
  claims["exp"] = now - 100;
  claims["nbf"] = now + 100;
  EXPECT_EQ(check(claims), Outcome::kTokenExpired);
}

TEST_F(ClaimsValidatorTest, AudienceStringOrArray) {
  auto claims = accessClaims(clock_);
  claims["aud"] = "other";
  EXPECT_EQ(check(claims), Outcome::kAudienceMismatch);
  claims["aud"] = boost::json::array{"other", "tars"};
  EXPECT_EQ(check(claims), Outcome::kSuccess);
  claims["aud"] = boost::json::array{"other"};
  EXPECT_EQ(check(claims), Outcome::kAudienceMismatch);
  claims["aud"] = boost::json::array{};
  EXPECT_EQ(check(claims), Outcome::kAudienceMismatch);
  claims["aud"] = boost::json::array{"tars", 1};
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
  claims["aud"] = 1;
  EXPECT_EQ(check(claims), Outcome::kInvalidToken);
  claims.erase("aud");
  EXPECT_EQ(check(claims), Outcome::kAudienceMismatch);
}

TEST_F(ClaimsValidatorTest, TokenType) {
  auto claims = accessClaims(clock_);
  EXPECT_EQ(check(claims, TokenType::kRefresh), Outcome::kWrongTokenType);
  EXPECT_EQ(check(claims, std::nullopt), Outcome::kSuccess);
  claims["type"] = "refresh";
  EXPECT_EQ(check(claims, TokenType::kAccess), Outcome::kWrongTokenType);
  EXPECT_EQ(check(claims, TokenType::kRefresh), Outcome::kSuccess);
  claims.erase("type");
  EXPECT_EQ(check(claims, TokenType::kAccess), Outcome::kWrongTokenType);
}

TEST_F(ClaimsValidatorTest, UsesOnlyTheInjectedClock) {
  auto claims = accessClaims(clock_);
  EXPECT_EQ(check(claims), Outcome::kSuccess);
  clock_.advance(std::chrono::seconds(3600 + 29));
  EXPECT_EQ(check(claims), Outcome::kSuccess);
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(check(claims), Outcome::kTokenExpired);
}

}  // namespace
}  // namespace tars::jwt
