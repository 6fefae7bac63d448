#include "jwt/outcome.h"

namespace tars::jwt {

std::string_view metricLabel(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSuccess:
      return "success";
    case Outcome::kMissingAuthHeader:
      return "missing_auth_header";
    case Outcome::kInvalidAuthFormat:
      return "invalid_auth_format";
    case Outcome::kInvalidToken:
      return "invalid_token";
    case Outcome::kIssuerMismatch:
      return "issuer_mismatch";
    case Outcome::kKeyIdNotFound:
      return "key_id_not_found";
    case Outcome::kJwkParseError:
      return "jwk_parse_error";
    case Outcome::kJwksFetchFailed:
      return "jwks_fetch_failed";
    case Outcome::kInvalidSignature:
      return "invalid_signature";
    case Outcome::kTokenExpired:
      return "token_expired";
    case Outcome::kTokenNotYetValid:
      return "token_not_yet_valid";
    case Outcome::kAudienceMismatch:
      return "audience_mismatch";
    case Outcome::kWrongTokenType:
      return "wrong_token_type";
    case Outcome::kTokenRevoked:
      return "token_revoked";
    case Outcome::kInvalidApiKey:
      return "invalid_api_key";
    case Outcome::kInsufficientRole:
      return "insufficient_role";
    case Outcome::kInsufficientScope:
      return "insufficient_scope";
    case Outcome::kInternalError:
      return "internal_error";
  }
  return "internal_error";
}

std::string_view outcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSuccess:
      return "Success";
    case Outcome::kMissingAuthHeader:
      return "MissingAuthHeader";
    case Outcome::kInvalidAuthFormat:
      return "InvalidAuthFormat";
    case Outcome::kInvalidToken:
      return "InvalidToken";
    case Outcome::kIssuerMismatch:
      return "IssuerMismatch";
    case Outcome::kKeyIdNotFound:
      return "KeyIdNotFound";
    case Outcome::kJwkParseError:
      return "JwkParseError";
    case Outcome::kJwksFetchFailed:
      return "JwksFetchFailed";
    case Outcome::kInvalidSignature:
      return "InvalidSignature";
    case Outcome::kTokenExpired:
      return "TokenExpired";
    case Outcome::kTokenNotYetValid:
      return "TokenNotYetValid";
    case Outcome::kAudienceMismatch:
      return "AudienceMismatch";
    case Outcome::kWrongTokenType:
      return "WrongTokenType";
    case Outcome::kTokenRevoked:
      return "TokenRevoked";
    case Outcome::kInvalidApiKey:
      return "InvalidApiKey";
    case Outcome::kInsufficientRole:
      return "InsufficientRole";
    case Outcome::kInsufficientScope:
      return "InsufficientScope";
    case Outcome::kInternalError:
      return "InternalError";
  }
  return "InternalError";
}

std::string Failure::toString() const {
  std::string out(outcomeName(outcome_));
  if (!reason_.empty()) {
    out += ": ";
    out += reason_;
  }
  return out;
}

Status toStatus(const Failure& failure) {
  StatusCode code = StatusCode::kUnauthenticated;
  switch (failure.outcome()) {
    case Outcome::kJwksFetchFailed:
      code = StatusCode::kUnavailable;
      break;
    case Outcome::kInternalError:
    case Outcome::kSuccess:  // a Failure never carries kSuccess; treat as a bug
      code = StatusCode::kInternal;
      break;
    case Outcome::kInsufficientRole:
    case Outcome::kInsufficientScope:
      code = StatusCode::kPermissionDenied;
      break;
    default:
      break;
  }
  return Status(code, std::string(outcomeName(failure.outcome())));
}

}  // namespace tars::jwt
