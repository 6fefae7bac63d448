#pragma once
// VerifiedToken: what a successful verification hands to the authn filter.
//
// Thread safety: immutable once built; shared as VerifiedTokenConstSharedPtr.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "jwt/algorithm.h"
#include "jwt/token_type.h"

namespace tars::jwt {

struct VerifiedToken {
  Algorithm algorithm;
  std::string kid;
  boost::json::object header;
  boost::json::object claims;
  std::chrono::system_clock::time_point expires_at;  // `exp`
  std::optional<TokenType> type;                     // `type`, when "access" or "refresh"

  // The string claim `name`; nullopt when absent or not a string.
  std::optional<std::string_view> stringClaim(std::string_view name) const;
};

using VerifiedTokenConstSharedPtr = std::shared_ptr<const VerifiedToken>;

}  // namespace tars::jwt
