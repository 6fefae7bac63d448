#include "ratelimit/redis/script_decision.h"

#include <algorithm>

#include "ratelimit/time_math.h"

namespace tars::ratelimit::redis {

using ::tars::redis::Reply;

StatusOr<Decision> decisionFromScriptReply(const Reply& reply, int64_t limit) {
  if (reply.type != Reply::Type::kArray || reply.elements.size() != 4 ||
      !std::all_of(reply.elements.begin(), reply.elements.end(),
                   [](const Reply& e) { return e.type == Reply::Type::kInteger; })) {
    return internalError("redis: the rate-limit script returned an unexpected reply");
  }
  Decision d;
  d.allowed = reply.elements[0].integer == 1;
  d.limit = limit;
  d.remaining = std::clamp<int64_t>(reply.elements[1].integer, 0, limit);
  d.reset_at = ceilDiv(reply.elements[2].integer, 1'000'000);
  if (!d.allowed) {
    d.remaining = 0;
    d.retry_after = std::max<int64_t>(1, ceilDiv(reply.elements[3].integer, 1'000'000));
  }
  return d;
}

}  // namespace tars::ratelimit::redis
