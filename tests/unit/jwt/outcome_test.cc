#include "jwt/outcome.h"

#include <gtest/gtest.h>

#include <set>

namespace tars::jwt {
namespace {

TEST(OutcomeTest, MetricLabelsMatchTheSpecTable) {
  EXPECT_EQ(metricLabel(Outcome::kSuccess), "success");
  EXPECT_EQ(metricLabel(Outcome::kMissingAuthHeader), "missing_auth_header");
  EXPECT_EQ(metricLabel(Outcome::kInvalidAuthFormat), "invalid_auth_format");
  EXPECT_EQ(metricLabel(Outcome::kInvalidToken), "invalid_token");
  EXPECT_EQ(metricLabel(Outcome::kIssuerMismatch), "issuer_mismatch");
  EXPECT_EQ(metricLabel(Outcome::kKeyIdNotFound), "key_id_not_found");
  EXPECT_EQ(metricLabel(Outcome::kJwkParseError), "jwk_parse_error");
  EXPECT_EQ(metricLabel(Outcome::kJwksFetchFailed), "jwks_fetch_failed");
  EXPECT_EQ(metricLabel(Outcome::kInvalidSignature), "invalid_signature");
  EXPECT_EQ(metricLabel(Outcome::kTokenExpired), "token_expired");
  EXPECT_EQ(metricLabel(Outcome::kTokenNotYetValid), "token_not_yet_valid");
  EXPECT_EQ(metricLabel(Outcome::kAudienceMismatch), "audience_mismatch");
  EXPECT_EQ(metricLabel(Outcome::kWrongTokenType), "wrong_token_type");
  EXPECT_EQ(metricLabel(Outcome::kTokenRevoked), "token_revoked");
  EXPECT_EQ(metricLabel(Outcome::kInvalidApiKey), "invalid_api_key");
  EXPECT_EQ(metricLabel(Outcome::kInsufficientRole), "insufficient_role");
  EXPECT_EQ(metricLabel(Outcome::kInsufficientScope), "insufficient_scope");
  EXPECT_EQ(metricLabel(Outcome::kInternalError), "internal_error");
}

TEST(OutcomeTest, EveryOutcomeHasADistinctLabelAndName) {
  std::set<std::string_view> labels;
  std::set<std::string_view> names;
  for (Outcome o : kAllOutcomes) {
    labels.insert(metricLabel(o));
    names.insert(outcomeName(o));
  }
  EXPECT_EQ(labels.size(), kAllOutcomes.size());
  EXPECT_EQ(names.size(), kAllOutcomes.size());
}

TEST(OutcomeTest, ToStatus) {
  EXPECT_EQ(toStatus(Failure(Outcome::kTokenExpired, "x")).code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(toStatus(Failure(Outcome::kJwksFetchFailed, "x")).code(), StatusCode::kUnavailable);
  EXPECT_EQ(toStatus(Failure(Outcome::kInternalError, "x")).code(), StatusCode::kInternal);
  EXPECT_EQ(toStatus(Failure(Outcome::kInsufficientScope, "x")).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(toStatus(Failure(Outcome::kTokenExpired, "secret reason")).message(), "TokenExpired");
}

TEST(OutcomeTest, ResultHoldsValueOrFailure) {
  Result<int> ok(5);
  EXPECT_TRUE(ok.isOk());
  EXPECT_EQ(ok.outcome(), Outcome::kSuccess);
  EXPECT_EQ(*ok, 5);
  Result<int> bad(Failure(Outcome::kInvalidToken, "why"));
  EXPECT_FALSE(bad.isOk());
  EXPECT_EQ(bad.outcome(), Outcome::kInvalidToken);
  EXPECT_EQ(bad.failure().toString(), "InvalidToken: why");
}

}  // namespace
}  // namespace tars::jwt
