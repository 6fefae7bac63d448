#pragma once
// The master secret of the signing-key ring (tars.md §3.5, docs/CONFIG.md `auth.jwt.secret` and
// `<data_dir>/jwt_secret`): every replica derives the key that encrypts the ring's private
// material from it, so all replicas must resolve the same bytes.
//
//   auth.jwt.secret set        → its bytes, as configured.
//   unset, development         → the content of <data_dir>/jwt_secret (one trailing "\n" or
//                                "\r\n" ignored), created on first use: 32 random bytes,
//                                base64url, mode 0600. Creation is atomic and never replaces an
//                                existing file (temp file written and synced, then renamed with
//                                RENAME_NOREPLACE, or hard-linked where that is unsupported), so
//                                concurrent first starts — threads or processes — agree on one
//                                secret and nobody ever reads a half-written file.
//   unset, production          → kFailedPrecondition naming auth.jwt.secret.
//
// Failure modes: kFailedPrecondition for production without a secret, an empty configured
// secret, a secret file readable or writable by group/other ("chmod 600"), one that is not a
// regular file, is empty or larger than 4 KiB; kUnavailable when the file cannot be read or
// created (data_dir missing, I/O error; the message names the path, never the content);
// kInternal when the random source fails. The secret itself never appears in a message.
//
// Thread safety: thread-safe (no shared state; the file system arbitrates).

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "crypto/secret_bytes.h"

namespace tars::identity {

// The file below data_dir that holds the development secret.
inline constexpr std::string_view kDevelopmentSecretFile = "jwt_secret";

// REQUIRES (development, no configured secret): data_dir exists (the App creates it, 0700).
StatusOr<crypto::SecretBytes> resolveMasterSecret(const std::optional<std::string>& configured,
                                                  const std::string& data_dir, bool development);

}  // namespace tars::identity
