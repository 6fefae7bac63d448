#include "crypto/password.h"

#include <sodium.h>

#include <array>
#include <cstring>

namespace tars::crypto {
namespace {

static_assert(crypto_pwhash_OPSLIMIT_INTERACTIVE == 2, "PasswordHashOptions default drifted");
static_assert(crypto_pwhash_MEMLIMIT_INTERACTIVE == std::size_t{64} * 1024 * 1024,
              "PasswordHashOptions default drifted");

// libsodium's encoded hash as a NUL-terminated buffer (its API wants one); nullopt-like empty
// result when the text cannot be a hash.
bool toCString(std::string_view encoded, std::array<char, crypto_pwhash_STRBYTES>& out) {
  if (encoded.empty() || encoded.size() >= out.size() ||
      encoded.find('\0') != std::string_view::npos) {
    return false;
  }
  std::memcpy(out.data(), encoded.data(), encoded.size());
  out[encoded.size()] = '\0';
  return true;
}

}  // namespace

Status ensureSodiumInitialized() {
  // sodium_init() is itself thread-safe and idempotent; the static caches its result.
  static const int kResult = sodium_init();
  if (kResult < 0) {
    return internalError("libsodium failed to initialise");
  }
  return Status::ok();
}

StatusOr<std::string> hashPassword(std::string_view password, const PasswordHashOptions& options) {
  TARS_RETURN_IF_ERROR(ensureSodiumInitialized());
  if (options.ops_limit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      options.ops_limit > crypto_pwhash_argon2id_OPSLIMIT_MAX ||
      options.mem_limit < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
      options.mem_limit > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
    return invalidArgument("argon2id limits out of range");
  }
  if (password.size() > crypto_pwhash_PASSWD_MAX) {
    return invalidArgument("password too long");
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), options.ops_limit,
                            options.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status(StatusCode::kResourceExhausted, "argon2id could not allocate its memory");
  }
  return std::string(out.data());
}

bool verifyPassword(std::string_view encoded_hash, std::string_view password) {
  if (!ensureSodiumInitialized().isOk()) {
    return false;
  }
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  // Only argon2id hashes are accepted (crypto_pwhash_str_verify would also take argon2i).
  if (!encoded_hash.starts_with("$argon2id$") || !toCString(encoded_hash, hash)) {
    return false;
  }
  return crypto_pwhash_str_verify(hash.data(), password.data(), password.size()) == 0;
}

bool passwordNeedsRehash(std::string_view encoded_hash, const PasswordHashOptions& options) {
  if (!ensureSodiumInitialized().isOk()) {
    return true;
  }
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (!encoded_hash.starts_with("$argon2id$") || !toCString(encoded_hash, hash)) {
    return true;
  }
  // 0: matches the parameters; 1: differs; -1: not a valid hash.
  return crypto_pwhash_str_needs_rehash(hash.data(), options.ops_limit, options.mem_limit) != 0;
}

}  // namespace tars::crypto
