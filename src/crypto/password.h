#pragma once
// Password hashing with argon2id (libsodium crypto_pwhash, ARGON2ID13), in libsodium's encoded
// string form ("$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>"), which carries its own salt and
// parameters.
//
// Cost: with the defaults one hash or verify takes ~0.1 s of CPU and 64 MiB of memory, so callers
// run these on a bounded worker pool, never on I/O threads (tars.md §3.1).
//
// Thread safety: thread-safe; libsodium is initialised once, on first use, from any thread.
// Failure: kResourceExhausted when the memory cannot be allocated, kInvalidArgument for limits
// out of libsodium's range, kInternal if libsodium cannot initialise. Passwords never appear in
// messages.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::crypto {

struct PasswordHashOptions {
  // Passes over memory (crypto_pwhash_OPSLIMIT_INTERACTIVE = 2).
  std::uint64_t ops_limit = 2;
  // Memory in bytes (crypto_pwhash_MEMLIMIT_INTERACTIVE = 64 MiB).
  std::size_t mem_limit = std::size_t{64} * 1024 * 1024;
};

// Makes libsodium usable; idempotent and thread-safe. Called by the functions below.
Status ensureSodiumInitialized();

// A fresh encoded argon2id hash of `password` with a random salt.
StatusOr<std::string> hashPassword(std::string_view password,
                                   const PasswordHashOptions& options = {});

// True when `password` matches `encoded_hash`. False for a mismatch and for any malformed or
// non-argon2id hash (fails closed).
bool verifyPassword(std::string_view encoded_hash, std::string_view password);

// True when `encoded_hash` was made with parameters other than `options` (or is not a valid
// argon2id hash), i.e. it should be re-hashed after the next successful verification.
bool passwordNeedsRehash(std::string_view encoded_hash, const PasswordHashOptions& options = {});

}  // namespace tars::crypto
