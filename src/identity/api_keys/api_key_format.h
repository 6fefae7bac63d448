#pragma once
// The API key text format (tars.md §1.5, §3.8): `tars_<key_id>_<secret>`, 61 characters in all.
//   key_id: 12 characters of lowercase RFC 4648 base32 ([a-z2-7]), random, public (it names the
//           key in URLs, listings and audit records);
//   secret: 32 random bytes as unpadded base64url (43 characters of [A-Za-z0-9_-]).
// Only the SHA-256 of the secret's text is stored (apiKeySecretDigest).
//
// Parsing checks the shape only (prefix, lengths, separators, alphabets); whether the secret is
// the canonical encoding of 32 bytes is not checked, because it cannot matter: only the exact
// text that was issued hashes to the stored digest.
//
// Thread safety: pure functions; generation draws from crypto/random (thread-safe).
// Failure: generation returns kInternal when the secure random source fails (callers fail
// closed).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"

namespace tars::identity {

inline constexpr std::string_view kApiKeyPrefix = "tars_";
inline constexpr std::size_t kApiKeyIdLength = 12;
inline constexpr std::size_t kApiKeySecretBytes = 32;
inline constexpr std::size_t kApiKeySecretLength = 43;  // base64url of 32 bytes, unpadded
inline constexpr std::size_t kApiKeyLength =
    kApiKeyPrefix.size() + kApiKeyIdLength + 1 + kApiKeySecretLength;  // 61

struct ApiKeyParts {
  std::string key_id;
  std::string secret;  // the base64url text, as it appears in the key
};

// The parts of `text` when it is exactly `tars_` + 12 × [a-z2-7] + `_` + 43 × [A-Za-z0-9_-];
// nullopt for anything else (other lengths, padding, whitespace, uppercase key_id, ...).
std::optional<ApiKeyParts> parseApiKey(std::string_view text);

// True when a Bearer value is meant as an API key rather than a JWT (it starts with `tars_`,
// tars.md §1.7); whether it is well formed is parseApiKey's job.
bool looksLikeApiKey(std::string_view bearer_value);

// True when `key_id` is 12 characters of [a-z2-7].
bool isValidKeyId(std::string_view key_id);

// The full key text for `parts` (no validation: pass parts from parse or generate).
std::string formatApiKey(const ApiKeyParts& parts);

// A fresh random key_id.
StatusOr<std::string> generateKeyId();

// A fresh random secret (32 bytes, base64url).
StatusOr<std::string> generateApiKeySecret();

// A fresh key: its parts and its full text.
StatusOr<std::pair<ApiKeyParts, std::string>> generateApiKey();

// The 32-byte SHA-256 of the secret's text: what the store keeps (secret_sha256).
// kInternal when the digest cannot be computed.
StatusOr<std::string> apiKeySecretDigest(std::string_view secret);

}  // namespace tars::identity
