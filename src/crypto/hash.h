#pragma once
// One-shot message digests (OpenSSL 3 EVP): SHA-256, SHA-384, SHA-512 (FIPS 180-4) and SHA3-256
// (FIPS 202). Results are raw digest bytes (32, 48, 64 and 32 bytes).
//
// Thread safety: thread-safe. Failure: hashing in-memory data fails only when OpenSSL cannot
// allocate or its default provider is missing; digest() then returns kInternal, and the
// convenience functions return an empty string (never a partial digest).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::crypto {

enum class HashAlgorithm { kSha256, kSha384, kSha512, kSha3_256 };

// Digest length in bytes.
std::size_t digestSize(HashAlgorithm algorithm);
// OpenSSL name ("SHA256", "SHA384", "SHA512", "SHA3-256").
std::string_view hashName(HashAlgorithm algorithm);

StatusOr<std::string> digest(HashAlgorithm algorithm, std::string_view data);

std::string sha256(std::string_view data);
std::string sha384(std::string_view data);
std::string sha512(std::string_view data);
std::string sha3_256(std::string_view data);

// SHA-256 of `data` written to `out`, without allocating (a per-thread context is reused): for
// hot paths such as the verified-token cache key. False (and `out` zeroed) on failure.
bool sha256Into(std::string_view data, std::span<std::uint8_t, 32> out);

// Lowercase hex of `bytes` (for digests shown to people, e.g. audit hashes).
std::string toHex(std::string_view bytes);

}  // namespace tars::crypto
