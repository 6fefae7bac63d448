#include "identity/sessions/token_issuer.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/base64url.h"
#include "crypto/random.h"
#include "jwt/signer.h"

namespace tars::identity {
namespace {

std::int64_t epochSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

StatusOr<std::string> newTokenId() {
  TARS_ASSIGN_OR_RETURN(std::string bytes, crypto::randomBytes(16));
  return base64UrlEncode(bytes);
}

TokenIssuer::TokenIssuer(const jwt::KeyRing& ring, const Clock& clock, TokenIssuerOptions options)
    : ring_(ring), clock_(clock), options_(std::move(options)) {}

namespace {

// Signs `claims` (completed with iss, iat, exp, jti, type) with the ring's current key.
StatusOr<IssuedToken> signClaims(const jwt::KeyRing& ring, const TokenIssuerOptions& options,
                                 boost::json::object claims, std::string jti,
                                 std::chrono::system_clock::time_point now,
                                 std::chrono::system_clock::time_point expires_at,
                                 std::string_view type) {
  jwt::SigningKeyConstSharedPtr key = ring.currentSigningKey();
  if (!key)
    return unavailable("no current signing key");
  claims["iss"] = options.issuer;
  claims["iat"] = epochSeconds(now);
  claims["exp"] = epochSeconds(expires_at);
  claims["jti"] = jti;
  claims["type"] = type;
  TARS_ASSIGN_OR_RETURN(std::string token, jwt::sign(claims, *key));
  // The token carries whole seconds; report the instant it really expires.
  return IssuedToken{
      std::move(token), std::move(jti),
      std::chrono::system_clock::time_point(std::chrono::seconds(epochSeconds(expires_at)))};
}

}  // namespace

StatusOr<IssuedToken> TokenIssuer::userAccess(const store::UserRecord& user,
                                              std::string_view family_id) const {
  const auto now = clock_.now();
  TARS_ASSIGN_OR_RETURN(std::string jti, newTokenId());
  boost::json::object claims;
  claims["aud"] = options_.audience;
  claims["sub"] = user.user_id;
  claims["user_id"] = user.user_id;
  claims["username"] = user.username;
  boost::json::array roles;
  for (const std::string& r : user.roles)
    roles.emplace_back(r);
  claims["roles"] = std::move(roles);
  claims["sid"] = family_id;
  return signClaims(ring_, options_, std::move(claims), std::move(jti), now,
                    now + options_.access_ttl, "access");
}

StatusOr<IssuedToken> TokenIssuer::refresh(
    std::string_view user_id, std::string_view family_id, std::string_view jti,
    std::chrono::system_clock::time_point family_expires_at) const {
  const auto now = clock_.now();
  boost::json::object claims;
  claims["aud"] = options_.audience;
  claims["sub"] = user_id;
  claims["family"] = family_id;
  auto expires = std::min(now + options_.refresh_ttl, family_expires_at);
  return signClaims(ring_, options_, std::move(claims), std::string(jti), now, expires, "refresh");
}

StatusOr<IssuedToken> TokenIssuer::clientAccess(
    std::string_view key_id, const std::vector<std::string>& scopes,
    const std::optional<std::string>& extra_audience) const {
  const auto now = clock_.now();
  TARS_ASSIGN_OR_RETURN(std::string jti, newTokenId());
  boost::json::object claims;
  if (extra_audience && *extra_audience != options_.audience) {
    claims["aud"] = boost::json::array{boost::json::value(options_.audience),
                                       boost::json::value(*extra_audience)};
  } else {
    claims["aud"] = options_.audience;
  }
  claims["sub"] = key_id;
  claims["client_id"] = key_id;
  std::string scope;
  for (const std::string& s : scopes)
    scope += (scope.empty() ? "" : " ") + s;
  claims["scope"] = scope;
  return signClaims(ring_, options_, std::move(claims), std::move(jti), now,
                    now + options_.access_ttl, "access");
}

}  // namespace tars::identity
