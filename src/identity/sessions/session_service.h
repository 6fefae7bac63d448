#pragma once
// SessionService: login sessions as refresh-token families (tars.md §3.3, §3.4).
//
// - start(): after a successful login, a new family whose first refresh token is current, plus
//   an access token carrying the family as `sid`.
// - refresh(): single use and rotation. The store's compare-and-set decides; presenting a token
//   that was already rotated away revokes the whole family (reuse detection, no grace window).
//   Roles are re-read from the user store.
// - logout(): denylists the access token's jti until its exp and revokes its family.
// Every revocation is written to the store first (the system of record), then announced through
// RevocationSync, which applies it locally before the caller answers.
//
// Thread safety: thread-safe. Blocking (store): callers run it on the worker pool.

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "identity/principal.h"
#include "identity/sessions/token_issuer.h"
#include "jwt/verified_token.h"
#include "store/store.h"

namespace tars::identity {

class RevocationSync;

struct SessionTokens {
  IssuedToken access;
  IssuedToken refresh;
  std::string family_id;
};

enum class RefreshVerdict { kSuccess, kInvalid, kReuseDetected };

struct RefreshOutcomeDetail {
  RefreshVerdict verdict = RefreshVerdict::kInvalid;
  std::optional<SessionTokens> tokens;  // kSuccess
  std::string user_id;                  // from the token (audit actor)
  std::string family_id;
  std::string reason;  // kInvalid: why (audit), a fixed phrase
};

struct SessionServiceOptions {
  std::chrono::seconds family_max_age{30 * 24 * 3600};  // auth.jwt.refresh_family_max_days
};

class SessionService {
 public:
  SessionService(store::Store& store, const TokenIssuer& issuer, RevocationSync& revocations,
                 const Clock& clock, SessionServiceOptions options = {});

  StatusOr<SessionTokens> start(const store::UserRecord& user);
  // `token` passed Authenticator::verifyRefreshToken (signature, exp, type, family not revoked).
  StatusOr<RefreshOutcomeDetail> refresh(const jwt::VerifiedToken& token);
  // REQUIRES: principal.type == kUser.
  Status logout(const Principal& principal);

 private:
  Status revokeFamily(const std::string& family_id, const std::string& reason);

  store::Store& store_;
  const TokenIssuer& issuer_;
  RevocationSync& revocations_;
  const Clock& clock_;
  const SessionServiceOptions options_;
};

}  // namespace tars::identity
