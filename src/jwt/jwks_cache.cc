#include "jwt/jwks_cache.h"

namespace tars::jwt {

StatusOr<std::unique_ptr<JwksCache>> JwksCache::Create(JwksCacheOptions options,
                                                       JwksFetcher& fetcher, const Clock& clock) {
  if (options.url.empty()) {
    return invalidArgument("JWKS url is empty");
  }
  if (options.ttl.count() <= 0 || options.unknown_kid_refetch_interval.count() < 0 ||
      options.max_stale.count() < 0 || options.failure_backoff.count() < 0) {
    return invalidArgument("JWKS cache durations must be positive");
  }
  return std::unique_ptr<JwksCache>(new JwksCache(std::move(options), fetcher, clock));
}

JwksCache::State JwksCache::snapshot() const {
  std::shared_lock lock(mu_);
  return state_;
}

bool JwksCache::fresh(const State& s, MonoTime now) const {
  return s.set && now - s.fetched_at < options_.ttl;
}

bool JwksCache::usable(const State& s, MonoTime now) const {
  return s.set && now - s.fetched_at < options_.ttl + options_.max_stale;
}

void JwksCache::fetchIfStill(std::optional<MonoTime> seen_attempt, bool wait) {
  std::unique_lock fetch_lock(fetch_mu_, std::defer_lock);
  if (wait) {
    fetch_lock.lock();
  } else if (!fetch_lock.try_lock()) {
    return;  // another thread is fetching; the caller has a usable set meanwhile
  }
  const MonoTime now = clock_.monotonicNow();
  {
    std::shared_lock lock(mu_);
    if (state_.last_attempt != seen_attempt) {
      return;  // someone fetched while we waited: use their result
    }
    if (state_.last_attempt && state_.last_attempt_failed &&
        now - *state_.last_attempt < options_.failure_backoff) {
      return;
    }
  }
  StatusOr<std::string> body = fetcher_.fetch(options_.url);
  std::optional<Result<JwkSet>> parsed;
  if (body.isOk()) {
    parsed.emplace(parseJwks(*body, options_.policy));
  }
  std::unique_lock lock(mu_);
  state_.last_attempt = now;
  if (parsed && parsed->isOk()) {
    state_.set = std::make_shared<const JwkSet>(std::move(*parsed).value());
    state_.fetched_at = now;
    state_.last_attempt_failed = false;
    ++state_.generation;
  } else {
    state_.last_attempt_failed = true;
    state_.last_failure = parsed ? Outcome::kJwkParseError : Outcome::kJwksFetchFailed;
  }
}

Result<VerificationKeyConstSharedPtr> JwksCache::findKey(std::string_view kid,
                                                         Algorithm algorithm) {
  MonoTime now = clock_.monotonicNow();
  State s = snapshot();
  if (!fresh(s, now)) {
    // Expired or never fetched: refresh; wait only when there is nothing usable meanwhile.
    fetchIfStill(s.last_attempt, /*wait=*/!usable(s, now));
    s = snapshot();
  }
  if (!usable(s, now)) {
    return Failure(s.last_failure, s.last_failure == Outcome::kJwkParseError
                                       ? "provider's JWKS document did not parse"
                                       : "no usable JWKS (fetch failed)");
  }
  Result<VerificationKeyConstSharedPtr> found = s.set->find(kid, algorithm);
  if (found.isOk() || found.outcome() != Outcome::kKeyIdNotFound) {
    return found;
  }
  // Unknown kid: the provider may have rotated. Refetch, rate-limited.
  if (s.last_attempt && now - *s.last_attempt < options_.unknown_kid_refetch_interval) {
    return found;
  }
  fetchIfStill(s.last_attempt, /*wait=*/true);
  s = snapshot();
  now = clock_.monotonicNow();
  if (!usable(s, now)) {
    return found;
  }
  return s.set->find(kid, algorithm);
}

std::uint64_t JwksCache::generation() const {
  std::shared_lock lock(mu_);
  return state_.generation;
}

Status JwksCache::refresh() {
  const State s = snapshot();
  fetchIfStill(s.last_attempt, /*wait=*/true);
  if (!hasUsableSet()) {
    return unavailable("no usable JWKS");
  }
  return Status::ok();
}

bool JwksCache::hasUsableSet() const {
  return usable(snapshot(), clock_.monotonicNow());
}

}  // namespace tars::jwt
