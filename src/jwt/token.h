#pragma once
// Parsing a compact JWS (RFC 7515 §7.1) / JWT (RFC 7519) WITHOUT trusting it: nothing here checks
// a signature or a claim. Every failure is InvalidToken (tars.md §3.2 check 3), with a reason.
//
// parseJws checks, in this order:
//   1. at most kMaxTokenBytes (8 KiB), before anything else is looked at;
//   2. exactly three '.'-separated segments;
//   3. each segment canonical unpadded base64url (core/base64url.h); header and signature
//      non-empty;
//   4. the header is a JSON object without duplicate member names (jwt/strict_json.h);
//   5. `alg` is a string naming a supported algorithm ("none", in any case, and unknown names
//      are refused);
//   6. no `crit` member (we understand no extensions, RFC 7515 §4.1.11);
//   7. `typ`, when present, is "JWT" (ASCII case-insensitive);
//   8. `kid`, when present, is a non-empty string of at most 256 bytes.
// Other header members (`jku`, `jwk`, `x5u`, `x5c`, ...) are ignored: a key is never taken from a
// token. parseToken adds: the payload is a JSON object without duplicate member names.
//
// Thread safety: pure functions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "jwt/algorithm.h"
#include "jwt/outcome.h"

namespace tars::jwt {

inline constexpr std::size_t kMaxTokenBytes = std::size_t{8} * 1024;
inline constexpr std::size_t kMaxKidBytes = 256;

// A compact JWS split and decoded; nothing verified. The JSON values of a Jws/Token share one
// arena (a Boost.JSON monotonic resource, kept alive by the values themselves): parsing costs
// two allocations instead of one per member.
struct Jws {
  Algorithm algorithm;
  std::optional<std::string> kid;
  boost::json::object header;
  std::string payload;        // decoded payload bytes
  std::string signing_input;  // ASCII "<header>.<payload>" exactly as received
  std::string signature;      // decoded signature bytes
};

// A JWS whose payload is a JSON object (the claims); nothing verified.
struct Token {
  Jws jws;
  boost::json::object claims;
};

Result<Jws> parseJws(std::string_view compact);
Result<Token> parseToken(std::string_view compact);

}  // namespace tars::jwt
