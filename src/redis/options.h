#pragma once
// RedisOptions: where and how to reach the one shared Redis (ARCHITECTURE.md `redis.url`). Used by
// every Redis user of tars — the rate limiter (spec/tars.md §4.5) and the revocation broadcast
// (§3.4) — so it lives with the client, not with either of them.
//
// `password` is a secret: it is sent with AUTH and never appears in a Status message or a log
// line.

#include <string>

namespace tars::redis {

struct RedisOptions {
  std::string host = "127.0.0.1";  // hostname or IP literal (no brackets)
  int port = 6379;                 // TCP port
  std::string username;            // ACL user (Redis 6+); empty = the default user
  std::string password;            // AUTH password; empty = no AUTH
  int db = 0;                      // SELECT index; 0 = no SELECT
  int connect_timeout_ms = 100;    // per connection attempt (redis.connect_timeout_ms)
  int command_timeout_ms = 25;     // per command read/write (redis.command_timeout_ms)
  int pool_size = 8;               // connections kept open at most
};

}  // namespace tars::redis
