#pragma once
// The hash notations of spec/cap.md (conventions and §2.1): S3(x), "hash string", and the
// "sha3-256:" prefix of policy and IR hashes. B3(x) is crypto::blake3Hex.
//
// Thread safety: pure functions.

#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::verifier {

// S3(x): the lower-case hex of SHA3-256 over `data` (no prefix). Fails only when OpenSSL cannot
// hash (kInternal), never with a partial value.
StatusOr<std::string> s3(std::string_view data);

// "sha3-256:" + S3(data): policy_hash (§5.3) and ir_hash (§5.4).
StatusOr<std::string> sha3Tagged(std::string_view data);

// "0x" + S3(data): the legacy policy hash (§4.2), proof and manifest hashes (§7.7).
StatusOr<std::string> sha3HashString(std::string_view data);

// True for "0x" followed by exactly 64 lower-case hex digits.
bool isHashString(std::string_view s);

}  // namespace tars::verifier
