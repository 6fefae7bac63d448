#include "jwt/verified_token.h"

namespace tars::jwt {

std::optional<std::string_view> VerifiedToken::stringClaim(std::string_view name) const {
  const boost::json::value* v = claims.if_contains(name);
  if (v == nullptr || !v->is_string()) {
    return std::nullopt;
  }
  return std::string_view(v->get_string().data(), v->get_string().size());
}

}  // namespace tars::jwt
