#include "redis/client.h"

#include <gtest/gtest.h>

#include "ratelimit/redis/gcra.h"
#include "ratelimit/redis/sliding_window.h"

// The shared Redis client (src/redis/) as the rate limiter uses it. Client I/O (pool, timeouts,
// NOSCRIPT reload, AUTH, PUBLISH) is tested against a real redis-server in
// tests/integration/ratelimit/ and tests/integration/revocation/; these tests need no Redis.

namespace tars::ratelimit::redis {
namespace {

using ::tars::redis::Client;
using ::tars::redis::RedisOptions;
using ::tars::redis::Script;

TEST(ScriptTest, Sha1OfTheEmbeddedSources) {
  EXPECT_EQ(Script::FromSource("").sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(slidingWindowScript().sha1.size(), 40u);
  EXPECT_EQ(gcraScript().sha1.size(), 40u);
  EXPECT_NE(slidingWindowScript().sha1, gcraScript().sha1);
  EXPECT_NE(slidingWindowScript().source.find("ZREMRANGEBYSCORE"), std::string_view::npos);
  EXPECT_NE(gcraScript().source.find("'PX'"), std::string_view::npos);
}

TEST(ClientTest, CreateValidatesOptionsWithoutIo) {
  RedisOptions o;
  o.port = 1;  // nothing listens; Create must not connect
  EXPECT_TRUE(Client::Create(o).isOk());
  o.port = 0;
  EXPECT_FALSE(Client::Create(o).isOk());
  o.port = 6379;
  o.pool_size = 0;
  EXPECT_FALSE(Client::Create(o).isOk());
  o.pool_size = 1;
  o.command_timeout_ms = 0;
  EXPECT_FALSE(Client::Create(o).isOk());
  o.command_timeout_ms = 25;
  o.host.clear();
  EXPECT_FALSE(Client::Create(o).isOk());
}

}  // namespace
}  // namespace tars::ratelimit::redis
