#pragma once
// ECDSA signature encodings: JOSE's fixed-length r||s (RFC 7518 §3.4) ↔ the DER
// ECDSA-Sig-Value OpenSSL produces and consumes.
//
// Thread safety: pure functions. Failure: kInvalidArgument for malformed input.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::crypto {

// `raw` must be exactly 2 * scalar_size bytes (r then s, big-endian, zero-padded).
StatusOr<std::string> ecdsaRawToDer(std::string_view raw, std::size_t scalar_size);

// `der` must be one complete DER ECDSA-Sig-Value (no trailing bytes) whose r and s fit
// scalar_size bytes; the result is 2 * scalar_size bytes.
StatusOr<std::string> ecdsaDerToRaw(std::string_view der, std::size_t scalar_size);

}  // namespace tars::crypto
