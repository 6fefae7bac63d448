#pragma once
// Producing a compact JWS/JWT with a SigningKey.
//
// The protected header is {"alg":<key's alg>,"typ":"JWT","kid":<key's kid>} followed by the
// members of `header_extra`, which may not set "alg", "typ", "kid" or "crit" (kInvalidArgument):
// the algorithm always comes from the key. The payload is the compact serialisation of `claims`.
//
// Thread safety: thread-safe. Failure: kInvalidArgument as above, kInternal if signing fails.

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/status.h"
#include "jwt/signing_key.h"

namespace tars::jwt {

StatusOr<std::string> sign(const boost::json::object& header_extra,
                           const boost::json::object& claims, const SigningKey& key);

// sign() without extra header members.
StatusOr<std::string> sign(const boost::json::object& claims, const SigningKey& key);

// The same, for a payload that is already serialised (any bytes; used by tests and vectors).
StatusOr<std::string> signPayload(const boost::json::object& header_extra, std::string_view payload,
                                  const SigningKey& key);

}  // namespace tars::jwt
