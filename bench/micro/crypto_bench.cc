// Costs of the crypto primitives under the token path: digest, HMAC, signature verification per
// algorithm, and one argon2id hash with the production parameters.

#include <benchmark/benchmark.h>

#include <openssl/evp.h>

#include <string>

#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "crypto/key.h"
#include "crypto/password.h"
#include "crypto/signature.h"
#include "crypto/signature_verifier.h"

namespace tars::crypto {
namespace {

// About the size of a tars access token's signing input.
const std::string kInput(300, 'x');

void BM_Sha256_300B(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(sha256(kInput));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Sha256_300B);

void BM_HmacSha256_300B(benchmark::State& state) {
  const HmacKey key = HmacKey::Create(HashAlgorithm::kSha256, std::string(32, 'k')).value();
  for (auto _ : state) {
    benchmark::DoNotOptimize(key.compute(kInput));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HmacSha256_300B);

void verifyBench(benchmark::State& state, SignatureAlgorithm algorithm, KeyType type) {
  const Key key = Key::Generate(type).value();
  const std::string signature = sign(algorithm, key, kInput).value();
  for (auto _ : state) {
    if (!verify(algorithm, key, kInput, signature)) {
      state.SkipWithError("signature did not verify");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_VerifyRsa2048Pkcs1Sha256(benchmark::State& state) {
  verifyBench(state, SignatureAlgorithm::kRsaPkcs1Sha256, KeyType::kRsa);
}
BENCHMARK(BM_VerifyRsa2048Pkcs1Sha256);

void BM_VerifyRsa2048PssSha256(benchmark::State& state) {
  verifyBench(state, SignatureAlgorithm::kRsaPssSha256, KeyType::kRsa);
}
BENCHMARK(BM_VerifyRsa2048PssSha256);

void BM_VerifyEcdsaP256(benchmark::State& state) {
  verifyBench(state, SignatureAlgorithm::kEcdsaP256Sha256, KeyType::kEcP256);
}
BENCHMARK(BM_VerifyEcdsaP256);

void BM_VerifyEd25519(benchmark::State& state) {
  verifyBench(state, SignatureAlgorithm::kEd25519, KeyType::kEd25519);
}
BENCHMARK(BM_VerifyEd25519);

// The prepared verifier the JWT path uses (context pool, per-thread digest), RSA-2048 PKCS#1 v1.5.
void BM_SignatureVerifierRsa2048Pkcs1Sha256(benchmark::State& state) {
  const Key key = Key::Generate(KeyType::kRsa).value();
  const std::string signature = sign(SignatureAlgorithm::kRsaPkcs1Sha256, key, kInput).value();
  const SignatureVerifier verifier =
      SignatureVerifier::Create(SignatureAlgorithm::kRsaPkcs1Sha256, key).value();
  for (auto _ : state) {
    if (!verifier.verify(kInput, signature)) {
      state.SkipWithError("signature did not verify");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignatureVerifierRsa2048Pkcs1Sha256);

// What `openssl speed rsa2048` measures for "verify/s" (apps/speed.c, OpenSSL 3.0): EVP_PKEY_verify
// on a context initialised once, over a 36-byte message, no hashing, no parsing. Run in the same
// process as BM_VerifyRs256WithClaims (jwt_bench.cc) so the ratio is measured under one load.
void BM_OpensslSpeedStyleRsa2048Verify(benchmark::State& state) {
  const Key key = Key::Generate(KeyType::kRsa).value();
  EVP_PKEY_CTX* sign_ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key.evpKey(), nullptr);
  EVP_PKEY_CTX* verify_ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key.evpKey(), nullptr);
  unsigned char message[36] = {1, 2, 3};
  unsigned char signature[512];
  std::size_t signature_len = sizeof(signature);
  if (EVP_PKEY_sign_init(sign_ctx) != 1 ||
      EVP_PKEY_sign(sign_ctx, signature, &signature_len, message, sizeof(message)) != 1 ||
      EVP_PKEY_verify_init(verify_ctx) != 1) {
    state.SkipWithError("setup failed");
  } else {
    for (auto _ : state) {
      if (EVP_PKEY_verify(verify_ctx, signature, signature_len, message, sizeof(message)) != 1) {
        state.SkipWithError("signature did not verify");
        break;
      }
    }
  }
  EVP_PKEY_CTX_free(sign_ctx);
  EVP_PKEY_CTX_free(verify_ctx);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OpensslSpeedStyleRsa2048Verify);

// One password hash with the INTERACTIVE limits (ops 2, 64 MiB), as a login pays it.
void BM_Argon2idHashInteractive(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(hashPassword("correct horse battery staple"));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Argon2idHashInteractive)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace tars::crypto
