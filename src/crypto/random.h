#pragma once
// Cryptographically secure random bytes from OpenSSL's DRBG (RAND_bytes, seeded by the OS).
//
// Thread safety: thread-safe. Failure: kInternal when the DRBG cannot produce output (e.g. not
// seeded); callers must fail closed, never fall back to a weaker source.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/status.h"

namespace tars::crypto {

// Fills `out` with random bytes.
Status randomFill(std::span<std::uint8_t> out);

// `n` random bytes.
StatusOr<std::string> randomBytes(std::size_t n);

}  // namespace tars::crypto
