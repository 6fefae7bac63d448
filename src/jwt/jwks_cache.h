#pragma once
// JwksCache: one JWKS provider's key set, fetched through a JwksFetcher and kept for `ttl`
// (jwks_cache_ttl_sec, cap.md §10.3–10.4).
//
// Behaviour (all time from the Clock's monotonic time):
//   - First use, or the set older than `ttl`: fetch. While one thread fetches, others keep using a
//     still-usable set instead of waiting; without one they wait for that fetch.
//   - Unknown kid in a usable set: one refetch, at most once per `unknown_kid_refetch_interval`
//     (30 s) since the last fetch attempt of any kind; still unknown → KeyIdNotFound.
//   - A failed fetch, or a document that does not parse, keeps the last good set
//     (stale-if-error) for at most `max_stale` (24 h) past its TTL; after a failure no new attempt
//     is made for `failure_backoff` (5 s), so a dead provider is not hammered.
//   - Fail closed: with no usable set, JwksFetchFailed (transport failure) or JwkParseError (the
//     provider answered with a document we cannot use).
//   - A kid whose JWK did not parse → JwkParseError (see jwt/jwks.h).
// findKey() may block for up to one fetch (the fetcher's own timeout); call it from a worker, not
// an I/O thread, or accept that bound.
//
// Thread safety: thread-safe.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "jwt/jwks.h"
#include "jwt/jwks_fetcher.h"
#include "jwt/key_source.h"

namespace tars::jwt {

struct JwksCacheOptions {
  // The provider's jwks_url.
  std::string url;
  // How long a fetched set is fresh (jwks_cache_ttl_sec).
  std::chrono::seconds ttl{600};
  // Minimum time between a refetch caused by an unknown kid and the previous fetch attempt.
  std::chrono::seconds unknown_kid_refetch_interval{30};
  // How long past its TTL a set keeps serving while fetches fail (stale-if-error bound).
  std::chrono::seconds max_stale{24 * 3600};
  // Minimum time between a failed fetch and the next attempt.
  std::chrono::seconds failure_backoff{5};
  // Which algorithms the provider's keys may be bound to.
  JwksPolicy policy;
};

class JwksCache final : public KeySource {
 public:
  // kInvalidArgument for an empty url, a ttl of 0 or negative durations. Nothing is fetched yet.
  static StatusOr<std::unique_ptr<JwksCache>> Create(JwksCacheOptions options, JwksFetcher& fetcher,
                                                     const Clock& clock);

  // KeySource::
  Result<VerificationKeyConstSharedPtr> findKey(std::string_view kid, Algorithm algorithm) override;
  std::uint64_t generation() const override;

  // Fetches now unless a fetch is in progress (startup warm-up; readiness). OK when a usable set
  // is present afterwards.
  Status refresh();

  // True when a set is present and within ttl + max_stale.
  bool hasUsableSet() const;

 private:
  using MonoTime = std::chrono::steady_clock::time_point;

  struct State {
    std::shared_ptr<const JwkSet> set;  // last good set
    MonoTime fetched_at{};              // when `set` was fetched
    std::optional<MonoTime> last_attempt;
    bool last_attempt_failed = false;
    Outcome last_failure = Outcome::kJwksFetchFailed;  // JwksFetchFailed or JwkParseError
    std::uint64_t generation = 1;
  };

  JwksCache(JwksCacheOptions options, JwksFetcher& fetcher, const Clock& clock)
      : options_(std::move(options)), fetcher_(fetcher), clock_(clock) {}

  State snapshot() const;
  bool usable(const State& s, MonoTime now) const;
  bool fresh(const State& s, MonoTime now) const;
  // Fetches under fetch_mu_ unless the state changed since `seen_attempt` (someone else fetched)
  // or the failure backoff applies. `wait`: block for an in-progress fetch instead of returning.
  void fetchIfStill(std::optional<MonoTime> seen_attempt, bool wait);

  const JwksCacheOptions options_;
  JwksFetcher& fetcher_;
  const Clock& clock_;
  std::mutex fetch_mu_;  // one fetch at a time
  mutable std::shared_mutex mu_;
  State state_;  // GUARDED_BY(mu_)
};

}  // namespace tars::jwt
