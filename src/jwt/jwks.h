#pragma once
// JSON Web Key Sets (RFC 7517 §5): reading a provider's set into algorithm-bound keys, and
// writing our public keys for GET /.well-known/jwks.json.
//
// Reading one JWK (verificationKeyFromJwk), in this order:
//   - `use`, when present, must be "sig"; `key_ops`, when present, must be an array of strings
//     containing "verify" (otherwise the key is not for verifying signatures);
//   - `alg`, when present, must name a supported algorithm (jwt/algorithm.h); when absent the
//     caller's default applies, and without one the key is refused (ambiguous keys are not
//     guessed at);
//   - the key material must fit that algorithm (crypto/jwk.h; RSA ≥ 2048 bits, HMAC secrets at
//     least the hash length).
//
// Reading a provider's set (parseJwks): the document must be a JSON object (no duplicate member
// names, at most kMaxJwksBytes) with a `keys` array, else the whole set is a JwkParseError. Each
// entry is then skipped when it is not an object, has no string `kid`, has `use` ≠ "sig" or
// `key_ops` without "verify", an unknown or symmetric `kty` (an "oct" key in a public set is never
// trusted), or an `alg` outside the policy's algorithms. When `alg` is absent, the policy's
// algorithm for the key type is used (RSA → RS256, EC P-256 → ES256, EC P-384 → ES384,
// OKP Ed25519 → EdDSA, each only if allowed). An entry that should be usable but whose material
// does not parse marks its kid as broken: a token naming that kid gets JwkParseError. Several
// keys may share a kid if they are bound to different algorithms.
//
// Thread safety: JwkSet is immutable after parseJwks(); the functions are pure.

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/status.h"
#include "jwt/algorithm.h"
#include "jwt/outcome.h"
#include "jwt/verification_key.h"

namespace tars::jwt {

inline constexpr std::size_t kMaxJwksBytes = std::size_t{512} * 1024;

// One JWK → a key bound to one algorithm (see above). kInvalidArgument says which rule failed.
StatusOr<VerificationKey> verificationKeyFromJwk(const boost::json::object& jwk,
                                                 std::optional<Algorithm> default_algorithm);

struct JwksPolicy {
  // Algorithms a provider's keys may be bound to (cap.md §10.4: RS256 and ES256).
  std::vector<Algorithm> allowed_algorithms = {Algorithm::kRs256, Algorithm::kEs256};
};

class JwkSet {
 public:
  // The key for `kid` bound to `algorithm`, else another key with that kid (the caller's binding
  // check then fails with InvalidSignature). KeyIdNotFound for an unknown kid, JwkParseError for
  // a kid whose JWK did not parse.
  Result<VerificationKeyConstSharedPtr> find(std::string_view kid, Algorithm algorithm) const;

  bool containsKid(std::string_view kid) const;
  // Usable keys (all kids, all algorithms).
  std::size_t size() const;

 private:
  friend Result<JwkSet> parseJwks(std::string_view document, const JwksPolicy& policy);

  std::map<std::string, std::vector<VerificationKeyConstSharedPtr>, std::less<>> keys_;
  std::set<std::string, std::less<>> broken_kids_;
};

// A provider's JWKS document → its usable keys; JwkParseError when the document is unusable.
Result<JwkSet> parseJwks(std::string_view document, const JwksPolicy& policy = {});

// {"keys":[...]}: the public JWK (with kid, alg, use) of every asymmetric key given; HMAC keys are
// skipped (a secret is never published).
std::string serializeJwks(const std::vector<VerificationKeyConstSharedPtr>& keys);

}  // namespace tars::jwt
