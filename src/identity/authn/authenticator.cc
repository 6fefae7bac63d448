#include "identity/authn/authenticator.h"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "identity/api_keys/api_key_service.h"
#include "identity/revocation/revocation_set.h"
#include "jwt/token.h"

namespace tars::identity {
namespace {

AuthnResult refuse(jwt::Outcome outcome, std::string reason) {
  AuthnResult r;
  r.outcome = outcome;
  r.reason = std::move(reason);
  return r;
}

AuthnResult refuse(const jwt::Failure& failure) {
  return refuse(failure.outcome(), std::string(failure.reason()));
}

std::optional<std::string_view> stringMember(const boost::json::object& o, std::string_view name) {
  const boost::json::value* v = o.if_contains(name);
  if (v == nullptr || !v->is_string())
    return std::nullopt;
  return std::string_view(v->get_string().data(), v->get_string().size());
}

// Scopes of a provider token: `scope` (space-separated) or `scp` (array of strings).
std::vector<std::string> externalScopes(const boost::json::object& claims) {
  if (auto scope = stringMember(claims, "scope"))
    return splitScopes(*scope);
  std::vector<std::string> out;
  if (const boost::json::value* scp = claims.if_contains("scp"); scp && scp->is_array()) {
    for (const boost::json::value& item : scp->get_array()) {
      if (item.is_string())
        out.emplace_back(item.get_string().data(), item.get_string().size());
    }
  }
  return out;
}

}  // namespace

Authenticator::Authenticator(const jwt::TokenVerifier& local, std::vector<ExternalIssuer> external,
                             const RevocationSet& revocations, ApiKeyService* api_keys)
    : local_(local),
      external_(std::move(external)),
      revocations_(revocations),
      api_keys_(api_keys) {}

AuthnResult Authenticator::authenticate(const Credentials& credentials) const {
  jwt::Result<PresentedCredential> presented = readCredential(credentials);
  if (!presented.isOk())
    return refuse(presented.failure());
  if (presented->kind == PresentedCredential::Kind::kApiKey)
    return authenticateApiKey(presented->value);
  return authenticateToken(presented->value);
}

AuthnResult Authenticator::authenticateToken(std::string_view token) const {
  if (external_.empty()) {
    // Only tars issues tokens here: the verifier's cache answers a repeated token without
    // parsing it (its check 4 refuses any other `iss`).
    auto verified = local_.verify(token, jwt::TokenType::kAccess);
    if (!verified.isOk())
      return refuse(verified.failure());
    return localPrincipal(**verified);
  }
  auto parsed = jwt::parseToken(token);
  if (!parsed.isOk())
    return refuse(parsed.failure());
  std::string_view iss = stringMember(parsed->claims, "iss").value_or(std::string_view());
  if (iss == local_.options().claims.issuer) {
    auto verified = local_.verifyParsed(token, std::move(*parsed), jwt::TokenType::kAccess);
    if (!verified.isOk())
      return refuse(verified.failure());
    return localPrincipal(**verified);
  }
  for (const ExternalIssuer& issuer : external_) {
    if (iss != issuer.verifier->options().claims.issuer)
      continue;
    auto verified = issuer.verifier->verifyParsed(token, std::move(*parsed), std::nullopt);
    if (!verified.isOk())
      return refuse(verified.failure());
    return externalPrincipal(issuer, **verified);
  }
  return refuse(jwt::Outcome::kIssuerMismatch, "iss names no known issuer");
}

AuthnResult Authenticator::localPrincipal(const jwt::VerifiedToken& token) const {
  auto principal = std::make_shared<Principal>();
  std::optional<std::string_view> jti = stringMember(token.claims, "jti");
  std::optional<std::string_view> sub = stringMember(token.claims, "sub");
  if (!jti || jti->empty() || !sub || sub->empty())
    return refuse(jwt::Outcome::kInvalidToken, "jti or sub missing");
  principal->jti = std::string(*jti);
  principal->expires_at = token.expires_at;

  if (std::optional<std::string_view> client_id = stringMember(token.claims, "client_id")) {
    // Check 14: a client token dies with the API key it was issued from (§3.8).
    if (revocations_.isApiKeyRevoked(*client_id))
      return refuse(jwt::Outcome::kTokenRevoked, "client key revoked");
    principal->type = PrincipalType::kClient;
    principal->id = std::string(*client_id);
    principal->scopes = splitScopes(stringMember(token.claims, "scope").value_or(""));
  } else {
    std::optional<std::string_view> user_id = stringMember(token.claims, "user_id");
    const boost::json::value* roles = token.claims.if_contains("roles");
    if (!user_id || user_id->empty() || roles == nullptr || !roles->is_array() ||
        roles->get_array().empty())
      return refuse(jwt::Outcome::kInvalidToken, "user claims missing");
    // Check 13: every role known (an unknown role string is a refusal, never a 500).
    for (const boost::json::value& r : roles->get_array()) {
      std::optional<Role> role;
      if (r.is_string())
        role = parseRole(std::string_view(r.get_string().data(), r.get_string().size()));
      if (!role)
        return refuse(jwt::Outcome::kInvalidToken, "unknown role");
      principal->roles.push_back(*role);
    }
    principal->type = PrincipalType::kUser;
    principal->id = std::string(*user_id);
    principal->username = std::string(stringMember(token.claims, "username").value_or(""));
    principal->sid = std::string(stringMember(token.claims, "sid").value_or(""));
    if (!principal->sid.empty() && revocations_.isFamilyRevoked(principal->sid))
      return refuse(jwt::Outcome::kTokenRevoked, "session revoked");
  }
  // Check 14: the access token itself (logout).
  if (revocations_.isJtiDenied(principal->jti))
    return refuse(jwt::Outcome::kTokenRevoked, "jti denylisted");
  AuthnResult ok;
  ok.principal = std::move(principal);
  return ok;
}

AuthnResult Authenticator::externalPrincipal(const ExternalIssuer& issuer,
                                             const jwt::VerifiedToken& token) const {
  std::optional<std::string_view> sub = stringMember(token.claims, "sub");
  if (!sub || sub->empty())
    return refuse(jwt::Outcome::kInvalidToken, "sub missing");
  auto principal = std::make_shared<Principal>();
  principal->type = PrincipalType::kExternal;
  principal->id = std::string(*sub);
  principal->provider = issuer.name;
  principal->scopes = externalScopes(token.claims);
  principal->expires_at = token.expires_at;
  if (auto jti = stringMember(token.claims, "jti"))
    principal->jti = std::string(*jti);
  AuthnResult ok;
  ok.principal = std::move(principal);
  return ok;
}

AuthnResult Authenticator::authenticateApiKey(std::string_view api_key) const {
  if (api_keys_ == nullptr)
    return refuse(jwt::Outcome::kInvalidApiKey, "API keys not accepted here");
  StatusOr<ApiKeyCheck> check = api_keys_->verify(api_key);
  if (!check.isOk())
    return refuse(jwt::Outcome::kInternalError, "API key store unavailable");
  if (check->verdict != ApiKeyVerdict::kValid || !check->identity) {
    AuthnResult r = refuse(jwt::Outcome::kInvalidApiKey,
                           "API key " + std::string(apiKeyVerdictName(check->verdict)));
    r.key_id = check->key_id;
    r.api_key_check = check->verdict == ApiKeyVerdict::kExpired   ? ApiKeyCheckOutcome::kExpired
                      : check->verdict == ApiKeyVerdict::kRevoked ? ApiKeyCheckOutcome::kRevoked
                                                                  : ApiKeyCheckOutcome::kInvalid;
    return r;
  }
  // The revocation set also holds keys revoked by other processes before their cache expires.
  if (revocations_.isApiKeyRevoked(check->identity->key_id)) {
    AuthnResult r = refuse(jwt::Outcome::kInvalidApiKey, "API key revoked");
    r.key_id = check->identity->key_id;
    r.api_key_check = ApiKeyCheckOutcome::kRevoked;
    return r;
  }
  auto principal = std::make_shared<Principal>();
  principal->type = PrincipalType::kService;
  principal->id = check->identity->key_id;
  principal->service_name = check->identity->service_name;
  principal->scopes = check->identity->scopes;
  principal->expires_at = check->identity->expires_at;
  AuthnResult ok;
  ok.principal = std::move(principal);
  ok.api_key_check = ApiKeyCheckOutcome::kSuccess;
  return ok;
}

jwt::Result<jwt::VerifiedTokenConstSharedPtr> Authenticator::verifyRefreshToken(
    std::string_view token) const {
  auto verified = local_.verify(token, jwt::TokenType::kRefresh);
  if (!verified.isOk())
    return verified;
  const jwt::VerifiedToken& t = **verified;
  std::optional<std::string_view> family = stringMember(t.claims, "family");
  std::optional<std::string_view> jti = stringMember(t.claims, "jti");
  std::optional<std::string_view> sub = stringMember(t.claims, "sub");
  if (!family || family->empty() || !jti || jti->empty() || !sub || sub->empty())
    return jwt::Failure(jwt::Outcome::kInvalidToken, "refresh claims missing");
  if (revocations_.isFamilyRevoked(*family))
    return jwt::Failure(jwt::Outcome::kTokenRevoked, "family revoked");
  return verified;
}

}  // namespace tars::identity
