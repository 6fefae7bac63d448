#pragma once
// The reply shape shared by sliding_window.lua and gcra.lua:
//   {allowed 0|1, remaining, reset_us, retry_after_us}   (times from Redis TIME, microseconds)
// and its conversion into a Decision (internal to ratelimit/redis/).

#include <cstdint>

#include "core/status.h"
#include "ratelimit/limiter.h"
#include "redis/client.h"

namespace tars::ratelimit::redis {

// The Decision of a script reply for a class of `limit`: reset_at rounded up to whole seconds,
// retry_after rounded up and ≥ 1 when refused, remaining clamped to [0, limit].
// Fails with kInternal when the reply is not an array of four integers.
StatusOr<Decision> decisionFromScriptReply(const ::tars::redis::Reply& reply, int64_t limit);

}  // namespace tars::ratelimit::redis
