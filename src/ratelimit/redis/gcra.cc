#include "ratelimit/redis/gcra.h"

#include <string>

#include "ratelimit/redis/gcra_lua.h"
#include "ratelimit/redis/script_decision.h"

namespace tars::ratelimit::redis {

using ::tars::redis::Client;
using ::tars::redis::Reply;
using ::tars::redis::Script;

const Script& gcraScript() {
  static const Script script = Script::FromSource(kGcraLua);
  return script;
}

StatusOr<Decision> decideGcra(Client& client, std::string_view redis_key,
                              const RateClass& rate_class) {
  const std::string limit = std::to_string(rate_class.limit);
  const std::string window_ms =
      std::to_string(static_cast<int64_t>(rate_class.window_seconds) * 1000);
  const std::string_view args[] = {limit, window_ms};
  TARS_ASSIGN_OR_RETURN(Reply reply, client.evalScript(gcraScript(), redis_key, args));
  return decisionFromScriptReply(reply, rate_class.limit);
}

}  // namespace tars::ratelimit::redis
