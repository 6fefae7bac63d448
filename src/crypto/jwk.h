#pragma once
// JSON Web Key (RFC 7517/7518) material ↔ keys: RSA (n, e [, d, p, q, dp, dq, qi]), EC P-256 and
// P-384 (crv, x, y [, d]), OKP Ed25519 (crv, x [, d]) and oct (k). Only the key material is read
// here; `kid`, `alg`, `use` and `key_ops` are for jwt/, which binds a key to one algorithm.
//
// Strictness: every member used must be a string of canonical base64url (core/base64url.h); EC
// coordinates and private scalars must have exactly the curve's length (RFC 7518 §6.2.1.2); EC
// points must lie on the curve; a private RSA key needs all CRT members; multi-prime RSA (`oth`)
// is refused; the private part, when present, must match the public one.
//
// Thread safety: pure functions. Failure: kInvalidArgument with a message naming the member
// (never its value).

#include <boost/json/object.hpp>

#include "core/status.h"
#include "crypto/key.h"
#include "crypto/secret_bytes.h"

namespace tars::crypto {

// An RSA, EC or OKP JWK → Key (private when `d` is present).
StatusOr<Key> keyFromJwk(const boost::json::object& jwk);

// An oct JWK → its secret `k` (may be empty; callers enforce their minimum length).
StatusOr<SecretBytes> octSecretFromJwk(const boost::json::object& jwk);

// The public JWK members of `key`: {"kty":"RSA","n","e"}, {"kty":"EC","crv","x","y"} or
// {"kty":"OKP","crv":"Ed25519","x"}. Never includes private members.
StatusOr<boost::json::object> publicJwk(const Key& key);

}  // namespace tars::crypto
