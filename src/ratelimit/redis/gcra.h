#pragma once
// GCRA on Redis (spec/tars.md §4.4; the script is gcra.lua): one string key per client holding
// the theoretical arrival time (TAT) in Unix milliseconds (microsecond decimals), O(1) memory.
// T = floor(window / limit) µs; allowed when TAT − now ≤ window − T, then
// TAT = max(TAT, now) + T and `SET key TAT PX (TAT − now)`; remaining = floor((window − (TAT −
// now)) / T); reset = TAT. Time is Redis TIME, so every replica shares one clock.
//
// Thread safety: thread-safe (the shared tars::redis::Client is).

#include <string_view>

#include "core/status.h"
#include "ratelimit/limiter.h"
#include "redis/client.h"

namespace tars::ratelimit::redis {

// The embedded script and its SHA-1.
const ::tars::redis::Script& gcraScript();

// One decision: one EVALSHA round trip on `client`. `redis_key` is "ratelimit:<class>:<client>".
StatusOr<Decision> decideGcra(::tars::redis::Client& client, std::string_view redis_key,
                              const RateClass& rate_class);

}  // namespace tars::ratelimit::redis
