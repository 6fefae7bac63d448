#pragma once
// SHA-256 through OpenSSL EVP (internal to tars_store; crypto/ is not a dependency of store).

#include <string>
#include <string_view>

namespace tars::store {

// The 32-byte digest of `data`.
std::string sha256(std::string_view data);

// The digest as 64 lowercase hex characters.
std::string sha256Hex(std::string_view data);

// `bytes` as lowercase hex.
std::string toHex(std::string_view bytes);

}  // namespace tars::store
