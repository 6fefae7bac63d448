#pragma once
// RevocationBroadcaster: how a `tars` CLI command tells running servers of a revocation it just
// committed to the store (tars.md §3.4, §3.8): one PUBLISH of the §3.4 message
// (identity/revocation/revocation_message.h) on `tars:revocations` when `redis.url` is set.
//
// Why not identity::RevocationSync::announce(): it publishes only after start(), which loads the
// whole revocation snapshot and starts a poll thread and a subscriber — work a one-shot command
// does not need. The message and channel are the same, so servers cannot tell the difference.
//
// The store stays the system of record: without Redis, or when the publish fails, servers learn
// the change at their next poll (auth.revocation_poll_seconds). A one-shot command can afford to
// wait longer than a request path, so the configured Redis timeouts are raised to at least
// kMinTimeout.
//
// Failure modes: Create() → kInvalidArgument for a bad redis.url (the URL's password never
// appears); publish() → the client's kUnavailable / kDeadlineExceeded / kInternal, naming the
// endpoint only.
// Thread safety: thread-safe (redis::Client is).

#include <chrono>
#include <memory>

#include "core/config/config.h"
#include "core/status.h"
#include "redis/client.h"
#include "store/revocations.h"

namespace tars::cli {

class RevocationBroadcaster {
 public:
  static constexpr std::chrono::milliseconds kMinTimeout{1000};

  // A broadcaster for `config`; without redis.url it is disabled and publish() does nothing.
  // Does no I/O.
  static StatusOr<std::unique_ptr<RevocationBroadcaster>> Create(const config::RedisConfig& config);

  bool enabled() const { return client_ != nullptr; }

  // PUBLISHes `change` (its kind, id and expires_at) on `tars:revocations`. OK when disabled.
  Status publish(const store::RevocationChange& change);

 private:
  explicit RevocationBroadcaster(std::unique_ptr<redis::Client> client)
      : client_(std::move(client)) {}

  std::unique_ptr<redis::Client> client_;  // null when redis.url is unset
};

}  // namespace tars::cli
