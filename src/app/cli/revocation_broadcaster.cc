#include "app/cli/revocation_broadcaster.h"

#include <algorithm>
#include <string>

#include "identity/revocation/revocation_message.h"
#include "identity/revocation/revocation_sync.h"
#include "redis/redis_config.h"

namespace tars::cli {

StatusOr<std::unique_ptr<RevocationBroadcaster>> RevocationBroadcaster::Create(
    const config::RedisConfig& config) {
  if (!config.url)
    return std::unique_ptr<RevocationBroadcaster>(new RevocationBroadcaster(nullptr));
  TARS_ASSIGN_OR_RETURN(redis::RedisOptions options, redis::redisOptionsFromConfig(config));
  const int floor_ms = static_cast<int>(kMinTimeout.count());
  options.connect_timeout_ms = std::max(options.connect_timeout_ms, floor_ms);
  options.command_timeout_ms = std::max(options.command_timeout_ms, floor_ms);
  options.pool_size = 1;
  TARS_ASSIGN_OR_RETURN(std::unique_ptr<redis::Client> client, redis::Client::Create(options));
  return std::unique_ptr<RevocationBroadcaster>(new RevocationBroadcaster(std::move(client)));
}

Status RevocationBroadcaster::publish(const store::RevocationChange& change) {
  if (client_ == nullptr)
    return Status::ok();
  // The servers' channel: RevocationSync subscribes to its default.
  static const std::string channel = identity::RevocationSyncOptions{}.channel;
  StatusOr<std::int64_t> receivers =
      client_->publish(channel, identity::encodeRevocationMessage(change));
  return receivers.status();
}

}  // namespace tars::cli
