// Costs of the JWT hot path: verify + claim validation per algorithm, signing, and a
// verified-token cache hit (targets in issue 3 item 16: HS256 ≥ 400 000/s on one core, cache hit
// ≥ 2 000 000/s, RS256 within 90 % of `openssl speed rsa2048` verify/s).

#include <benchmark/benchmark.h>

#include <chrono>
#include <memory>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/clock.h"
#include "jwt/key_ring.h"
#include "jwt/signer.h"
#include "jwt/verifier.h"

namespace tars::jwt {
namespace {

using std::chrono::seconds;

// A tars user access token's claims (tars.md §3.2).
boost::json::object accessClaims(const Clock& clock) {
  const auto now = std::chrono::duration_cast<seconds>(clock.now().time_since_epoch()).count();
  return boost::json::object{{"iss", "tars-auth"},
                             {"aud", "tars"},
                             {"sub", "admin-001"},
                             {"user_id", "admin-001"},
                             {"username", "admin"},
                             {"roles", boost::json::array{"admin"}},
                             {"sid", "cmVmcmVzaC1mYW1pbHktMQ"},
                             {"iat", now},
                             {"exp", now + 3600},
                             {"jti", "dG9rZW4taWQtMDAwMDAx"},
                             {"type", "access"}};
}

// A ring with one current key of `algorithm`, a verifier for it, and a token it signed.
struct Fixture {
  explicit Fixture(Algorithm algorithm, bool with_cache = false) : ring(clock) {
    key = std::make_shared<const SigningKey>(
        SigningKey::Generate(algorithm, "key-20250101000000-0000abcd").value());
    if (!ring.add({key, KeyState::kCurrent, clock.now(), {}, {}}).isOk()) {
      std::abort();
    }
    if (with_cache) {
      cache = std::make_unique<VerifiedTokenCache>(10000);
    }
    verifier = std::make_unique<TokenVerifier>(
        clock, ring, VerifierOptions{{"tars-auth", "tars", seconds(30)}, {algorithm}}, cache.get());
    token = sign(accessClaims(clock), *key).value();
  }

  SystemClock clock;
  KeyRing ring;
  SigningKeyConstSharedPtr key;
  std::unique_ptr<VerifiedTokenCache> cache;
  std::unique_ptr<TokenVerifier> verifier;
  std::string token;
};

void verifyBench(benchmark::State& state, Algorithm algorithm) {
  Fixture f(algorithm);
  state.SetLabel(std::to_string(f.token.size()) + " B token");
  for (auto _ : state) {
    auto r = f.verifier->verify(f.token, TokenType::kAccess);
    if (!r.isOk()) {
      state.SkipWithError("token did not verify");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

// Parse, key lookup, HMAC, exp/nbf/iat/aud/iss/type checks: the full per-request cost.
void BM_VerifyHs256WithClaims(benchmark::State& state) {
  verifyBench(state, Algorithm::kHs256);
}
BENCHMARK(BM_VerifyHs256WithClaims);

void BM_VerifyRs256WithClaims(benchmark::State& state) {
  verifyBench(state, Algorithm::kRs256);
}
BENCHMARK(BM_VerifyRs256WithClaims);

void BM_VerifyEs256WithClaims(benchmark::State& state) {
  verifyBench(state, Algorithm::kEs256);
}
BENCHMARK(BM_VerifyEs256WithClaims);

// A repeated token answered by the verified-token cache: SHA-256 of the token text, a lookup, the
// exp and type checks. The hash dominates, so the cost grows with the token (an RS256 token with a
// 2048-bit signature is ~720 bytes, an ES256 one ~460).
void cacheHitBench(benchmark::State& state, Algorithm algorithm) {
  Fixture f(algorithm, /*with_cache=*/true);
  state.SetLabel(std::to_string(f.token.size()) + " B token");
  if (!f.verifier->verify(f.token, TokenType::kAccess).isOk()) {
    state.SkipWithError("token did not verify");
    return;
  }
  for (auto _ : state) {
    auto r = f.verifier->verify(f.token, TokenType::kAccess);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_VerifiedTokenCacheHitRs256(benchmark::State& state) {
  cacheHitBench(state, Algorithm::kRs256);
}
BENCHMARK(BM_VerifiedTokenCacheHitRs256);
BENCHMARK(BM_VerifiedTokenCacheHitRs256)->Threads(2);

void BM_VerifiedTokenCacheHitEs256(benchmark::State& state) {
  cacheHitBench(state, Algorithm::kEs256);
}
BENCHMARK(BM_VerifiedTokenCacheHitEs256);

void signBench(benchmark::State& state, Algorithm algorithm) {
  Fixture f(algorithm);
  const boost::json::object claims = accessClaims(f.clock);
  for (auto _ : state) {
    auto token = sign(claims, *f.key);
    benchmark::DoNotOptimize(token);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SignHs256(benchmark::State& state) {
  signBench(state, Algorithm::kHs256);
}
BENCHMARK(BM_SignHs256);

void BM_SignEs256(benchmark::State& state) {
  signBench(state, Algorithm::kEs256);
}
BENCHMARK(BM_SignEs256);

void BM_SignRs256(benchmark::State& state) {
  signBench(state, Algorithm::kRs256);
}
BENCHMARK(BM_SignRs256);

// Parsing alone (no crypto): base64url, strict JSON with duplicate detection, header rules.
void BM_ParseToken(benchmark::State& state) {
  Fixture f(Algorithm::kHs256);
  for (auto _ : state) {
    auto t = parseToken(f.token);
    benchmark::DoNotOptimize(t);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseToken);

}  // namespace
}  // namespace tars::jwt
