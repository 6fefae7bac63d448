#pragma once
// HKDF (RFC 5869) with SHA-256 through OpenSSL 3's EVP_KDF "HKDF": extract-then-expand, used to
// derive purpose-bound keys from one master secret (the signing-key ring's encryption key from
// auth.jwt.secret, tars.md §3.5).
//
// Thread safety: thread-safe.
// Failure: kInvalidArgument when `length` is 0 or more than 255 * 32 bytes (RFC 5869 §2.3);
// kInternal when OpenSSL fails. Key bytes never appear in a message.

#include <cstddef>
#include <string_view>

#include "core/status.h"
#include "crypto/secret_bytes.h"

namespace tars::crypto {

// `length` bytes of HKDF-SHA256(ikm, salt, info). An empty salt means the RFC's default (a
// string of 32 zero bytes); an empty `ikm` is allowed (RFC 5869 test case A.3 has a non-empty
// one, but the algorithm does not forbid it).
StatusOr<SecretBytes> hkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info,
                                 std::size_t length);

}  // namespace tars::crypto
