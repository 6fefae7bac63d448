#pragma once
// Client: a small pool of synchronous hiredis connections to one Redis, shared by the rate limiter
// (spec/tars.md §4.5, §4.6) and the revocation broadcast (§3.4). Subscribing needs a connection of
// its own: see redis/subscriber.h.
//
// Every connection attempt is bounded by RedisOptions::connect_timeout_ms and every command's
// reads and writes by command_timeout_ms (socket timeouts); a caller waiting for a free pooled
// connection waits at most command_timeout_ms as well. A connection that saw any error (timeout,
// reset, protocol) is closed, never reused, since a late reply would answer the next command.
// Connections are opened lazily, up to pool_size; Create() does no I/O, so tars starts while
// Redis is down.
//
// Errors: kDeadlineExceeded (timeout), kUnavailable (cannot connect, connection lost, AUTH or
// SELECT refused), kInternal (error reply to a script, unexpected reply). Messages name the
// endpoint and the cause, never the password, keys or arguments.
//
// Thread safety: thread-safe. Each call holds one connection exclusively.
// Lifetimes: no call may be in flight when the Client is destroyed.

#include <hiredis/hiredis.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "redis/options.h"

namespace tars::redis {

// A reply copied out of hiredis.
struct Reply {
  enum class Type : uint8_t { kNil, kInteger, kString, kStatus, kError, kArray };
  Type type = Type::kNil;
  int64_t integer = 0;          // kInteger
  std::string str;              // kString, kStatus, kError
  std::vector<Reply> elements;  // kArray
};

// A Lua script and the SHA-1 that EVALSHA names it by.
struct Script {
  std::string_view source;  // static storage (the embedded *.lua)
  std::string sha1;         // lowercase hex

  static Script FromSource(std::string_view source);
};

class Client {
 public:
  // Fails with kInvalidArgument on an empty host, a port outside 1..65535, timeouts < 1 ms or a
  // pool smaller than 1. Does no I/O.
  static StatusOr<std::unique_ptr<Client>> Create(const RedisOptions& options);
  ~Client();

  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends one command (binary-safe arguments). An error *reply* (e.g. WRONGTYPE) is returned as a
  // Reply of type kError; a Status error means the transport failed.
  StatusOr<Reply> command(std::span<const std::string_view> argv);

  // EVALSHA script.sha1 1 key args... — one round trip. On NOSCRIPT (after a restart or SCRIPT
  // FLUSH) loads the script with SCRIPT LOAD and runs it again on the same connection. An error
  // reply from the script is kInternal.
  StatusOr<Reply> evalScript(const Script& script, std::string_view key,
                             std::span<const std::string_view> args);

  // SCRIPT LOAD; OK when Redis now knows the script under script.sha1.
  Status loadScript(const Script& script);

  // PING; OK when Redis answered PONG (the readiness `redis` check).
  Status ping();

  // PUBLISH channel message; returns how many subscribers received it (0 is not an error: a
  // message nobody hears is still delivered as far as Redis is concerned). kInternal on an error
  // reply.
  StatusOr<std::int64_t> publish(std::string_view channel, std::string_view message);

  // "host:port", for messages.
  const std::string& endpoint() const { return endpoint_; }

 private:
  struct ContextDeleter {
    void operator()(redisContext* c) const { redisFree(c); }
  };
  using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;

  explicit Client(const RedisOptions& options);

  // A pooled or new connection. Fails after command_timeout_ms without a free slot.
  StatusOr<ContextPtr> acquire();
  // Returns `context` to the pool when `reusable`, else closes it.
  void release(ContextPtr context, bool reusable);
  StatusOr<ContextPtr> connect();
  // One command on `context`; on a transport error the context must not be reused.
  StatusOr<Reply> run(redisContext* context, std::span<const std::string_view> argv);
  Status transportError(const redisContext* context, int saved_errno, std::string_view what) const;

  const RedisOptions options_;
  const std::string endpoint_;

  std::mutex mutex_;
  std::condition_variable slot_free_;
  std::vector<ContextPtr> idle_;  // GUARDED_BY(mutex_)
  int open_ = 0;                  // GUARDED_BY(mutex_): idle + in use + connecting
};

}  // namespace tars::redis
