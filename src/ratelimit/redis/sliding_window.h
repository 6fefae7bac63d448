#pragma once
// The exact sliding-window log on Redis (spec/tars.md §4.4; the script is sliding_window.lua):
// a sorted set per client of the requests allowed in the last window, scored by Redis TIME in
// microseconds, member "<now_us>:<request id>"; expiry = window. Exact: across any number of
// processes sharing the Redis, at most `limit` requests pass in any window.
//
// Thread safety: thread-safe (the shared tars::redis::Client is).

#include <string_view>

#include "core/status.h"
#include "ratelimit/limiter.h"
#include "redis/client.h"

namespace tars::ratelimit::redis {

// The embedded script and its SHA-1.
const ::tars::redis::Script& slidingWindowScript();

// One decision: one EVALSHA round trip on `client`. `redis_key` is "ratelimit:<class>:<client>",
// `request_id` unique among all requests of all processes in one window.
StatusOr<Decision> decideSlidingWindow(::tars::redis::Client& client, std::string_view redis_key,
                                       const RateClass& rate_class, std::string_view request_id);

}  // namespace tars::ratelimit::redis
