#pragma once
// SignatureVerifier: one key and one signature algorithm prepared once, for verifying many
// messages (the JWT hot path). Same rules and results as crypto::verify() (signature.h); the
// difference is cost: the OpenSSL verification context (padding, digest, PSS parameters) is set up
// once and reused, and the message digest is computed with a per-thread context, so a call costs
// the hash and the public-key operation only.
//
// Thread safety: thread-safe. Ready contexts are kept in a small pool (one per concurrently
// verifying thread, at most kMaxPooledContexts), taken and returned under a mutex.
// Failure: Create() returns kInvalidArgument when the key does not fit the algorithm; verify()
// fails closed (false) on any error.

#include <memory>
#include <string_view>

#include "core/status.h"
#include "crypto/key.h"
#include "crypto/signature.h"

namespace tars::crypto {

class SignatureVerifier {
 public:
  static constexpr std::size_t kMaxPooledContexts = 64;

  static StatusOr<SignatureVerifier> Create(SignatureAlgorithm algorithm, Key key);

  // True only when `signature` is a valid signature of `data` (see crypto::verify()).
  bool verify(std::string_view data, std::string_view signature) const;

  SignatureAlgorithm algorithm() const { return algorithm_; }
  const Key& key() const { return key_; }

 private:
  struct Pool;
  SignatureVerifier(SignatureAlgorithm algorithm, Key key, std::shared_ptr<Pool> pool)
      : algorithm_(algorithm), key_(std::move(key)), pool_(std::move(pool)) {}

  SignatureAlgorithm algorithm_;
  Key key_;
  std::shared_ptr<Pool> pool_;  // null for Ed25519 (no pre-hash: one-shot verify)
};

}  // namespace tars::crypto
