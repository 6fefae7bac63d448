#pragma once
// TokenIssuer: signs the three kinds of tars tokens (tars.md §3.2) with the key ring's current
// key: user access, client access (/oauth/token) and refresh. Claims are exactly the spec's
// table; `jti` is 16 random bytes, base64url.
//
// Thread safety: thread-safe (the ring is; signing keys are immutable).
// Failure: kUnavailable when the ring has no current key; kInternal when randomness or signing
// fails.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "jwt/key_ring.h"
#include "store/users.h"

namespace tars::identity {

struct TokenIssuerOptions {
  std::string issuer = "tars-auth";  // auth.jwt.issuer
  std::string audience = "tars";     // auth.jwt.audience
  std::chrono::seconds access_ttl{3600};
  std::chrono::seconds refresh_ttl{7 * 24 * 3600};
};

struct IssuedToken {
  std::string token;  // compact JWS
  std::string jti;
  std::chrono::system_clock::time_point expires_at;
};

// 16 random bytes, base64url (22 chars): jti and refresh family ids (§1.5).
StatusOr<std::string> newTokenId();

class TokenIssuer {
 public:
  TokenIssuer(const jwt::KeyRing& ring, const Clock& clock, TokenIssuerOptions options);

  // type=access with user_id, username, roles and sid = `family_id`.
  StatusOr<IssuedToken> userAccess(const store::UserRecord& user, std::string_view family_id) const;
  // type=refresh with `jti` (the family's new current token), expiring at the earlier of
  // now + refresh_ttl and `family_expires_at`.
  StatusOr<IssuedToken> refresh(std::string_view user_id, std::string_view family_id,
                                std::string_view jti,
                                std::chrono::system_clock::time_point family_expires_at) const;
  // type=access for an OAuth2 client: sub = client_id = key_id, `scope` space-separated, `aud`
  // the configured audience or [audience, extra_audience] (§3.7).
  StatusOr<IssuedToken> clientAccess(std::string_view key_id,
                                     const std::vector<std::string>& scopes,
                                     const std::optional<std::string>& extra_audience) const;

  const TokenIssuerOptions& options() const { return options_; }

 private:
  const jwt::KeyRing& ring_;
  const Clock& clock_;
  const TokenIssuerOptions options_;
};

}  // namespace tars::identity
