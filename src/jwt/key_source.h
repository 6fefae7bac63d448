#pragma once
// KeySource: where a verifier finds the key for a token's `kid` — tars' own KeyRing, or a JWKS
// provider's JwksCache.
//
// Thread safety: implementations are thread-safe.

#include <cstdint>
#include <string_view>

#include "jwt/algorithm.h"
#include "jwt/outcome.h"
#include "jwt/verification_key.h"

namespace tars::jwt {

class KeySource {
 public:
  virtual ~KeySource() = default;

  // The key for `kid`, preferring one bound to `algorithm` when several share the kid. The caller
  // still checks the binding (a key bound to another algorithm → InvalidSignature, §3.2 row 8).
  // Failures: KeyIdNotFound (unknown, revoked or retired kid), JwkParseError (the provider's key
  // for this kid did not parse), JwksFetchFailed (no usable key set). May block on a fetch
  // (JwksCache); never blocks for KeyRing.
  virtual Result<VerificationKeyConstSharedPtr> findKey(std::string_view kid,
                                                        Algorithm algorithm) = 0;

  // Changes whenever a key this source returned before may no longer be valid (revoked, removed,
  // replaced). Caches of verified tokens compare it to drop stale entries.
  virtual std::uint64_t generation() const = 0;
};

}  // namespace tars::jwt
