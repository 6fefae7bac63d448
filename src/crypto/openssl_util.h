#pragma once
// Internal to crypto/: RAII owners for OpenSSL objects and the one way an OpenSSL failure becomes
// a Status. Not included by other modules.
//
// Thread safety: the owners are plain unique_ptrs; the functions are thread-safe.

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/fn_deleter.h"
#include "core/status.h"

namespace tars::crypto::internal {

template <auto Fn>
using Deleter = FnDeleter<Fn>;

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using EvpMacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
// For BIGNUMs holding private values: cleared before they are freed.
using SecretBnPtr = std::unique_ptr<BIGNUM, Deleter<BN_clear_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;

// A Status with `code` and `what` (a fixed description written by us). The OpenSSL error queue of
// this thread is cleared; its text is never copied into the message (it may quote key material).
Status opensslError(StatusCode code, std::string_view what);

// Clears this thread's OpenSSL error queue (after an expected failure, e.g. a bad signature).
void clearErrors();

// Pre-fetched digests (fetched once per process, immutable, never freed).
// REQUIRES: name is one of "SHA256", "SHA384", "SHA512", "SHA3-256". Null if the default
// provider cannot supply it (a broken installation).
const EVP_MD* fetchedDigest(std::string_view name);

// The HMAC EVP_MAC (fetched once per process, never freed); null if unavailable.
EVP_MAC* fetchedHmac();

// Big-endian unsigned bytes → BIGNUM (null on allocation failure).
BnPtr bnFromBytes(std::string_view bytes);
SecretBnPtr secretBnFromBytes(std::string_view bytes);

// BIGNUM → big-endian bytes, left-padded with zeros to `width` bytes (0 = minimal length).
// Empty on failure (the value does not fit `width`).
std::string bnToBytes(const BIGNUM* bn, int width = 0);

}  // namespace tars::crypto::internal
