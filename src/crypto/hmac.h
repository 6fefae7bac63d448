#pragma once
// HMAC (RFC 2104) with SHA-256, SHA-384 or SHA-512 through OpenSSL 3's EVP_MAC.
//
// Thread safety: hmac() is thread-safe. HmacKey is immutable after Create(); compute() may run
// on many threads at once: each thread keeps ready keyed contexts for the last 4 keys it used
// (freed, and their key copies cleansed, when replaced or when the thread ends).
// Failure: only allocation failure inside OpenSSL, reported as kInternal; key bytes never
// appear in a message.

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "crypto/hash.h"

namespace tars::crypto {

// One-shot HMAC; returns the raw tag (digestSize(algorithm) bytes).
// REQUIRES: algorithm is kSha256, kSha384 or kSha512.
StatusOr<std::string> hmac(HashAlgorithm algorithm, std::string_view key, std::string_view data);

// A keyed HMAC context prepared once (key schedule done), for verifying many messages under one
// key without redoing the setup.
class HmacKey {
 public:
  // REQUIRES: algorithm is kSha256, kSha384 or kSha512 (kInvalidArgument otherwise).
  static StatusOr<HmacKey> Create(HashAlgorithm algorithm, std::string_view key);

  // The raw tag of `data`.
  StatusOr<std::string> compute(std::string_view data) const;

  // True when `tag` equals the tag of `data` (constant-time comparison; false on any failure).
  bool verify(std::string_view data, std::string_view tag) const;

  HashAlgorithm algorithm() const { return algorithm_; }

 private:
  struct State;
  HmacKey(HashAlgorithm algorithm, std::shared_ptr<const State> state)
      : algorithm_(algorithm), state_(std::move(state)) {}

  HashAlgorithm algorithm_;
  std::shared_ptr<const State> state_;
};

}  // namespace tars::crypto
