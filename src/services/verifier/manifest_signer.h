#pragma once
// Ed25519 signatures over manifests (spec/cap.md §7.9): the signature object, the `kid`, and the
// checks the server (self-verification) and `tars cap verify-manifest` (§7.12) make. Key files are
// the caller's business: a signer is made from a loaded crypto::Key.
//
// Thread safety: ManifestSigner is immutable after Create() and may sign from many threads (see
// crypto::Key); the free functions are pure.

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "crypto/key.h"

namespace tars::verifier {

struct ManifestSignature {
  std::string alg = "Ed25519";
  std::string kid;         // 32 lower-case hex characters, no "0x"
  std::string pubkey_hex;  // "0x" + 64 hex
  std::string sig_hex;     // "0x" + 128 hex
};

// §7.9: the first 32 hex characters of BLAKE3 over the standard base64 (with padding) of the
// 32-byte public key.
std::string manifestKid(std::string_view raw_public_key);

// The 32 raw bytes of an Ed25519 key's public half. Failure: kInvalidArgument for another type.
StatusOr<std::string> ed25519RawPublicKey(const crypto::Key& key);

// An Ed25519 public key from its "0x" + 64 lower-case hex form. Failure: kInvalidArgument.
StatusOr<crypto::Key> ed25519PublicKeyFromHex(std::string_view pubkey_hex);

// An Ed25519 private key from its 32-byte RFC 8032 seed (for test vectors and key import).
StatusOr<crypto::Key> ed25519KeyFromSeed(std::string_view seed);

class ManifestSigner {
 public:
  // REQUIRES nothing; fails with kInvalidArgument unless `key` is a private Ed25519 key.
  static StatusOr<ManifestSigner> Create(crypto::Key key);

  const std::string& kid() const { return kid_; }
  const std::string& pubkeyHex() const { return pubkey_hex_; }
  const crypto::Key& key() const { return key_; }

  // The signature object over `manifest_bytes` (pure Ed25519, not pre-hashed). Failure: kInternal
  // when OpenSSL fails.
  StatusOr<ManifestSignature> sign(std::string_view manifest_bytes) const;

 private:
  ManifestSigner(crypto::Key key, std::string kid, std::string pubkey_hex)
      : key_(std::move(key)), kid_(std::move(kid)), pubkey_hex_(std::move(pubkey_hex)) {}

  crypto::Key key_;
  std::string kid_;
  std::string pubkey_hex_;
};

// True when `signature` is alg Ed25519, its kid matches its pubkey_hex, and sig_hex is a valid
// signature of `manifest_bytes` under pubkey_hex. Fails closed on any malformed member.
bool verifyManifestSignature(const ManifestSignature& signature, std::string_view manifest_bytes);

}  // namespace tars::verifier
