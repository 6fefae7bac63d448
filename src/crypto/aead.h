#pragma once
// AES-256-GCM (NIST SP 800-38D) authenticated encryption for secrets at rest (the signing-key
// ring's private material, tars.md §3.5).
//
// Sealed format: nonce (12 bytes) || ciphertext (as long as the plaintext) || tag (16 bytes).
// Every seal draws a fresh random 96-bit nonce; with random nonces one key must not seal more
// than 2^32 messages (SP 800-38D §8.3), far beyond a key ring's lifetime of rotations.
//
// Thread safety: thread-safe.
// Failure: open() answers kInvalidArgument with ONE message for every reason the input is not
// accepted (too short, tampered, wrong key, wrong AAD), so a caller cannot learn which; the key
// and plaintext never appear in a message. kInvalidArgument for a key that is not 32 bytes;
// kInternal when OpenSSL or the random source fails.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"
#include "crypto/secret_bytes.h"

namespace tars::crypto {

inline constexpr std::size_t kAes256GcmKeyBytes = 32;
inline constexpr std::size_t kAes256GcmNonceBytes = 12;
inline constexpr std::size_t kAes256GcmTagBytes = 16;
// Bytes a sealed message has beyond its plaintext.
inline constexpr std::size_t kAes256GcmOverhead = kAes256GcmNonceBytes + kAes256GcmTagBytes;

// Encrypts `plaintext` and authenticates it together with `aad` (bound, not stored).
// REQUIRES: key.size() == kAes256GcmKeyBytes.
StatusOr<std::string> aes256GcmSeal(const SecretBytes& key, std::string_view plaintext,
                                    std::string_view aad);

// The plaintext of `sealed` when it authenticates under `key` and the same `aad`.
StatusOr<SecretBytes> aes256GcmOpen(const SecretBytes& key, std::string_view sealed,
                                    std::string_view aad);

}  // namespace tars::crypto
