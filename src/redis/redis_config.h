#pragma once
// The bridge from the typed config (`redis.*`, core/config/config.h) to RedisOptions. The App
// builds one RedisOptions and hands it to every Redis user (rate limiter, revocation broadcast).
//
// Errors are kInvalidArgument naming the config key; a redis.url is shown only redacted and its
// password never appears.
//
// Thread safety: pure function.

#include "core/config/config.h"
#include "core/status.h"
#include "redis/options.h"

namespace tars::redis {

// redis.url (redis://[[user]:password@]host[:port][/db]) and the redis.* timeouts and pool size.
// Fails when redis.url is unset, not a redis:// URL (rediss:// — TLS — is not supported), or has
// a bad port or database index. Userinfo is percent-decoded; a lone userinfo is the password (the
// redis-cli convention).
StatusOr<RedisOptions> redisOptionsFromConfig(const config::RedisConfig& config);

}  // namespace tars::redis
