#include "ratelimit/redis/sliding_window.h"

#include <string>

#include "ratelimit/redis/script_decision.h"
#include "ratelimit/redis/sliding_window_lua.h"

namespace tars::ratelimit::redis {

using ::tars::redis::Client;
using ::tars::redis::Reply;
using ::tars::redis::Script;

const Script& slidingWindowScript() {
  static const Script script = Script::FromSource(kSlidingWindowLua);
  return script;
}

StatusOr<Decision> decideSlidingWindow(Client& client, std::string_view redis_key,
                                       const RateClass& rate_class, std::string_view request_id) {
  const std::string limit = std::to_string(rate_class.limit);
  const std::string window_ms =
      std::to_string(static_cast<int64_t>(rate_class.window_seconds) * 1000);
  const std::string_view args[] = {limit, window_ms, request_id};
  TARS_ASSIGN_OR_RETURN(Reply reply, client.evalScript(slidingWindowScript(), redis_key, args));
  return decisionFromScriptReply(reply, rate_class.limit);
}

}  // namespace tars::ratelimit::redis
