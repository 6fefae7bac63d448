#include "identity/sessions/session_service.h"

#include "identity/revocation/revocation_sync.h"

namespace tars::identity {
namespace {

std::string claim(const jwt::VerifiedToken& token, std::string_view name) {
  return std::string(token.stringClaim(name).value_or(""));
}

store::RevocationChange change(store::RevocationKind kind, std::string id,
                               std::optional<store::Timestamp> expires_at, store::Timestamp now) {
  store::RevocationChange c;
  c.kind = kind;
  c.id = std::move(id);
  c.expires_at = expires_at;
  c.created_at = now;
  return c;
}

RefreshOutcomeDetail invalid(std::string user_id, std::string family_id, std::string reason) {
  RefreshOutcomeDetail d;
  d.verdict = RefreshVerdict::kInvalid;
  d.user_id = std::move(user_id);
  d.family_id = std::move(family_id);
  d.reason = std::move(reason);
  return d;
}

}  // namespace

SessionService::SessionService(store::Store& store, const TokenIssuer& issuer,
                               RevocationSync& revocations, const Clock& clock,
                               SessionServiceOptions options)
    : store_(store), issuer_(issuer), revocations_(revocations), clock_(clock), options_(options) {}

StatusOr<SessionTokens> SessionService::start(const store::UserRecord& user) {
  const auto now = clock_.now();
  TARS_ASSIGN_OR_RETURN(std::string family_id, newTokenId());
  TARS_ASSIGN_OR_RETURN(std::string refresh_jti, newTokenId());
  store::RefreshFamilyRecord family;
  family.family_id = family_id;
  family.user_id = user.user_id;
  family.current_jti = refresh_jti;
  family.created_at = now;
  family.updated_at = now;
  family.expires_at = now + options_.family_max_age;
  TARS_RETURN_IF_ERROR(store_.refreshFamilies().create(family));
  SessionTokens tokens;
  TARS_ASSIGN_OR_RETURN(tokens.access, issuer_.userAccess(user, family_id));
  TARS_ASSIGN_OR_RETURN(tokens.refresh,
                        issuer_.refresh(user.user_id, family_id, refresh_jti, family.expires_at));
  tokens.family_id = std::move(family_id);
  return tokens;
}

StatusOr<RefreshOutcomeDetail> SessionService::refresh(const jwt::VerifiedToken& token) {
  const auto now = clock_.now();
  const std::string jti = claim(token, "jti");
  const std::string family_id = claim(token, "family");
  const std::string user_id = claim(token, "sub");

  StatusOr<store::RefreshFamilyRecord> family = store_.refreshFamilies().get(family_id);
  if (family.status().code() == StatusCode::kNotFound)
    return invalid(user_id, family_id, "unknown family");
  TARS_RETURN_IF_ERROR(family.status());
  if (family->user_id != user_id)
    return invalid(user_id, family_id, "family of another user");
  if (family->revoked_at)
    return invalid(user_id, family_id, "family revoked");
  if (now >= family->expires_at)
    return invalid(user_id, family_id, "family expired");

  StatusOr<store::UserRecord> user = store_.users().get(user_id);
  if (user.status().code() == StatusCode::kNotFound)
    return invalid(user_id, family_id, "unknown user");
  TARS_RETURN_IF_ERROR(user.status());
  if (user->disabled)
    return invalid(user_id, family_id, "user disabled");

  TARS_ASSIGN_OR_RETURN(std::string new_jti, newTokenId());
  Status rotated = store_.refreshFamilies().rotate(family_id, jti, new_jti, now);
  if (rotated.code() == StatusCode::kFailedPrecondition) {
    StatusOr<store::RefreshTokenRecord> used = store_.refreshFamilies().getToken(jti);
    if (used.status().code() == StatusCode::kNotFound)
      return invalid(user_id, family_id, "unknown refresh token");
    TARS_RETURN_IF_ERROR(used.status());
    if (used->family_id != family_id)
      return invalid(user_id, family_id, "token of another family");
    if (!used->used_at)
      return invalid(user_id, family_id, "family revoked or expired");
    // A token that was already rotated away: someone holds a copy. End the whole session.
    TARS_RETURN_IF_ERROR(revokeFamily(family_id, "reuse_detected"));
    RefreshOutcomeDetail d;
    d.verdict = RefreshVerdict::kReuseDetected;
    d.user_id = user_id;
    d.family_id = family_id;
    return d;
  }
  if (rotated.code() == StatusCode::kNotFound)
    return invalid(user_id, family_id, "unknown family");
  TARS_RETURN_IF_ERROR(rotated);

  RefreshOutcomeDetail d;
  d.verdict = RefreshVerdict::kSuccess;
  d.user_id = user_id;
  d.family_id = family_id;
  SessionTokens tokens;
  TARS_ASSIGN_OR_RETURN(tokens.access, issuer_.userAccess(*user, family_id));
  TARS_ASSIGN_OR_RETURN(tokens.refresh,
                        issuer_.refresh(user_id, family_id, new_jti, family->expires_at));
  tokens.family_id = family_id;
  d.tokens = std::move(tokens);
  return d;
}

Status SessionService::logout(const Principal& principal) {
  const auto now = clock_.now();
  const auto expires = principal.expires_at.value_or(now + issuer_.options().access_ttl);
  TARS_RETURN_IF_ERROR(store_.revocations().denyJti(principal.jti, expires, now));
  (void)revocations_.announce(change(store::RevocationKind::kJti, principal.jti, expires, now));
  if (!principal.sid.empty())
    TARS_RETURN_IF_ERROR(revokeFamily(principal.sid, "logout"));
  return Status::ok();
}

Status SessionService::revokeFamily(const std::string& family_id, const std::string& reason) {
  const auto now = clock_.now();
  Status revoked = store_.refreshFamilies().revoke(family_id, now, reason);
  if (revoked.code() == StatusCode::kNotFound)
    return Status::ok();  // purged after expiry: nothing left to revoke
  TARS_RETURN_IF_ERROR(revoked);
  std::optional<store::Timestamp> expires;
  if (auto family = store_.refreshFamilies().get(family_id); family.isOk())
    expires = family->expires_at;
  // The store holds the revocation already; a failed broadcast only delays other processes
  // until their next poll, so it does not fail the request.
  (void)revocations_.announce(change(store::RevocationKind::kFamily, family_id,
                                     expires.value_or(now + options_.family_max_age), now));
  return Status::ok();
}

}  // namespace tars::identity
