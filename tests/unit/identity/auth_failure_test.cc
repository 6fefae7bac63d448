#include "identity/auth_failure.h"

#include <gtest/gtest.h>

#include <set>

namespace tars::identity {
namespace {

TEST(AuthFailureTest, SpecTableRows) {
  auto& missing = authFailureInfo(AuthFailure::kMissingAuthHeader);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.detail, "Missing Authorization header");
  EXPECT_EQ(missing.slug, "auth/missing-auth-header");
  EXPECT_EQ(wwwAuthenticate(AuthFailure::kMissingAuthHeader), R"(Bearer realm="tars")");
  EXPECT_EQ(wwwAuthenticate(AuthFailure::kInvalidAuthFormat),
            R"(Bearer realm="tars", error="invalid_request")");
  EXPECT_EQ(wwwAuthenticate(AuthFailure::kTokenRevoked),
            R"(Bearer realm="tars", error="invalid_token")");
  EXPECT_EQ(wwwAuthenticate(AuthFailure::kInsufficientScope, "verify:run"),
            R"(Bearer realm="tars", error="insufficient_scope", scope="verify:run")");
  EXPECT_EQ(wwwAuthenticate(AuthFailure::kInsufficientRole), "");
  EXPECT_EQ(authFailureInfo(AuthFailure::kJwksFetchFailed).status, 503);
  EXPECT_EQ(wwwAuthenticate(AuthFailure::kJwksFetchFailed), "");
  EXPECT_EQ(authFailureInfo(AuthFailure::kInternalError).status, 500);
  EXPECT_EQ(authFailureDetail(AuthFailure::kInsufficientRole, "admin"),
            "Requires admin role or higher");
  EXPECT_EQ(authFailureDetail(AuthFailure::kInvalidApiKey), "Invalid API key");
}

TEST(AuthFailureTest, RowsFollowTheOutcomeOrder) {
  EXPECT_EQ(allAuthFailures().front(), AuthFailure::kMissingAuthHeader);
  EXPECT_EQ(allAuthFailures().back(), AuthFailure::kInternalError);
  EXPECT_EQ(authFailureInfo(AuthFailure::kTokenExpired).slug, "auth/token-expired");
  EXPECT_EQ(jwt::metricLabel(AuthFailure::kTokenExpired), "token_expired");
  EXPECT_EQ(authFailureInfo(AuthFailure::kInsufficientScope).slug, "auth/insufficient-scope");
}

TEST(AuthFailureTest, LabelsAndSlugsAreUnique) {
  std::set<std::string_view> labels, slugs;
  for (auto f : allAuthFailures()) {
    labels.insert(jwt::metricLabel(f));
    slugs.insert(authFailureInfo(f).slug);
  }
  EXPECT_EQ(labels.size(), kAuthFailureCount);
  EXPECT_EQ(slugs.size(), kAuthFailureCount);
}

}  // namespace
}  // namespace tars::identity
