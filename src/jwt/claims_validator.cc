#include "jwt/claims_validator.h"

#include <algorithm>
#include <cmath>

#include "jwt/strict_json.h"

namespace tars::jwt {
namespace {

// The registered claims this validator reads, found in one pass over the object (the hot path:
// one scan instead of a lookup per claim).
struct Registered {
  const boost::json::value* iss = nullptr;
  const boost::json::value* exp = nullptr;
  const boost::json::value* nbf = nullptr;
  const boost::json::value* iat = nullptr;
  const boost::json::value* aud = nullptr;
  const boost::json::value* type = nullptr;
};

Registered collect(const boost::json::object& claims) {
  Registered r;
  for (const auto& member : claims) {
    const std::string_view key(member.key().data(), member.key().size());
    if (key.size() == 3) {
      if (key == "iss") {
        r.iss = &member.value();
      } else if (key == "exp") {
        r.exp = &member.value();
      } else if (key == "nbf") {
        r.nbf = &member.value();
      } else if (key == "iat") {
        r.iat = &member.value();
      } else if (key == "aud") {
        r.aud = &member.value();
      }
    } else if (key == "type") {
      r.type = &member.value();
    }
  }
  return r;
}

// A NumericDate: `present` false when absent; Failure when present but not a finite number.
struct NumericDate {
  bool present = false;
  double seconds = 0;
};

std::optional<Failure> readNumericDate(const boost::json::value* v, std::string_view name,
                                       NumericDate& out) {
  if (v == nullptr) {
    return std::nullopt;
  }
  double seconds = 0;
  if (v->is_int64()) {
    seconds = static_cast<double>(v->get_int64());
  } else if (v->is_uint64()) {
    seconds = static_cast<double>(v->get_uint64());
  } else if (v->is_double()) {
    seconds = v->get_double();
  } else {
    return Failure(Outcome::kInvalidToken, std::string(name) + " is not a number");
  }
  if (!std::isfinite(seconds)) {
    return Failure(Outcome::kInvalidToken, std::string(name) + " is not finite");
  }
  out.present = true;
  out.seconds = seconds;
  return std::nullopt;
}

std::optional<Failure> issuerFailure(const boost::json::value* iss, const std::string& expected) {
  if (iss == nullptr) {
    return Failure(Outcome::kIssuerMismatch, "iss missing");
  }
  if (!iss->is_string()) {
    return Failure(Outcome::kInvalidToken, "iss is not a string");
  }
  if (view(iss->get_string()) != expected) {
    return Failure(Outcome::kIssuerMismatch, "iss is not the expected issuer");
  }
  return std::nullopt;
}

std::optional<TokenType> typeOf(const boost::json::value* type) {
  if (type == nullptr || !type->is_string()) {
    return std::nullopt;
  }
  if (view(type->get_string()) == tokenTypeName(TokenType::kAccess)) {
    return TokenType::kAccess;
  }
  if (view(type->get_string()) == tokenTypeName(TokenType::kRefresh)) {
    return TokenType::kRefresh;
  }
  return std::nullopt;
}

Failure wrongType(TokenType expected) {
  return Failure(Outcome::kWrongTokenType,
                 expected == TokenType::kAccess ? "not an access token" : "not a refresh token");
}

}  // namespace

std::optional<Failure> ClaimsValidator::checkIssuer(const boost::json::object& claims) const {
  return issuerFailure(claims.if_contains("iss"), policy_.issuer);
}

std::optional<Failure> ClaimsValidator::checkType(const boost::json::object& claims,
                                                  TokenType expected) {
  if (typeOf(claims.if_contains("type")) != expected) {
    return wrongType(expected);
  }
  return std::nullopt;
}

Result<ClaimTimes> ClaimsValidator::validate(const boost::json::object& claims,
                                             std::optional<TokenType> expected_type) const {
  const Registered r = collect(claims);
  if (auto f = issuerFailure(r.iss, policy_.issuer)) {
    return *f;
  }

  const double now = std::chrono::duration<double>(clock_.now().time_since_epoch()).count();
  const double leeway = static_cast<double>(policy_.leeway.count());

  NumericDate exp;
  if (auto f = readNumericDate(r.exp, "exp", exp)) {
    return *f;
  }
  if (!exp.present) {
    return Failure(Outcome::kInvalidToken, "exp missing");
  }
  if (now >= exp.seconds + leeway) {
    return Failure(Outcome::kTokenExpired, "exp passed");
  }

  NumericDate nbf;
  if (auto f = readNumericDate(r.nbf, "nbf", nbf)) {
    return *f;
  }
  if (nbf.present && now + leeway < nbf.seconds) {
    return Failure(Outcome::kTokenNotYetValid, "nbf in the future");
  }
  NumericDate iat;
  if (auto f = readNumericDate(r.iat, "iat", iat)) {
    return *f;
  }
  if (iat.present && iat.seconds > now + leeway) {
    return Failure(Outcome::kTokenNotYetValid, "iat in the future");
  }

  if (r.aud == nullptr) {
    return Failure(Outcome::kAudienceMismatch, "aud missing");
  }
  bool audience_ok = false;
  if (r.aud->is_string()) {
    audience_ok = view(r.aud->get_string()) == policy_.audience;
  } else if (r.aud->is_array()) {
    for (const auto& entry : r.aud->get_array()) {
      if (!entry.is_string()) {
        return Failure(Outcome::kInvalidToken, "aud array holds a non-string");
      }
      audience_ok = audience_ok || view(entry.get_string()) == policy_.audience;
    }
  } else {
    return Failure(Outcome::kInvalidToken, "aud is neither a string nor an array");
  }
  if (!audience_ok) {
    return Failure(Outcome::kAudienceMismatch, "aud does not contain the expected audience");
  }

  const std::optional<TokenType> type = typeOf(r.type);
  if (expected_type && type != expected_type) {
    return wrongType(*expected_type);
  }

  // exp as a time_point; absurdly late values are clamped so the conversion cannot overflow
  // (exp is known to be later than now - leeway here).
  constexpr double kMaxSeconds = 253402300799.0;  // 9999-12-31T23:59:59Z
  const auto expires_at = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::duration<double>(std::min(exp.seconds, kMaxSeconds))));
  return ClaimTimes{expires_at, type};
}

}  // namespace tars::jwt
