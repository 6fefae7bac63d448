#include "core/config/url.h"

#include <gtest/gtest.h>

#include "core/config/paths.h"

namespace tars::config {
namespace {

TEST(UrlTest, SplitsTheParts) {
  auto parts = splitUrl("Redis://:pw@cache.local:6379/0");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->scheme, "redis");
  EXPECT_EQ(parts->userinfo, ":pw");
  EXPECT_EQ(parts->host, "cache.local");
  EXPECT_EQ(parts->port, "6379");
  EXPECT_EQ(parts->rest, "/0");
  auto v6 = splitUrl("https://[::1]:8443/jwks");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, "8443");
  EXPECT_FALSE(splitUrl("host=db user=x").has_value());
}

TEST(UrlTest, RedactsPasswords) {
  EXPECT_EQ(redactUrl("postgresql://tars:s3cret@db:5432/tars"),
            "postgresql://tars:***@db:5432/tars");
  EXPECT_EQ(redactUrl("redis://:s3cret@cache:6379/0"), "redis://:***@cache:6379/0");
  EXPECT_EQ(redactUrl("postgresql://db/tars?user=a&password=s3cret&sslmode=require"),
            "postgresql://db/tars?user=a&password=***&sslmode=require");
  EXPECT_EQ(redactUrl("redis://user@cache:6379"), "redis://user@cache:6379");
  EXPECT_EQ(redactUrl("sqlite:///var/lib/tars/tars.db"), "sqlite:///var/lib/tars/tars.db");
  EXPECT_EQ(redactUrl("host=db password=s3cret"), "(not a URL; not shown)");
}

TEST(UrlTest, DetectsPasswords) {
  EXPECT_TRUE(urlHasPassword("redis://:pw@cache:6379/0"));
  EXPECT_TRUE(urlHasPassword("redis://user:pw@cache:6379/0"));
  EXPECT_TRUE(urlHasPassword("postgresql://db/t?password=x"));
  EXPECT_FALSE(urlHasPassword("redis://cache:6379/0"));
  EXPECT_FALSE(urlHasPassword("redis://user@cache:6379/0"));
  EXPECT_FALSE(urlHasPassword("redis://:@cache:6379/0"));
}

TEST(UrlTest, LoopbackHosts) {
  EXPECT_TRUE(isLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(isLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(isLoopbackHost("::1"));
  EXPECT_TRUE(isLoopbackHost("[::1]"));
  EXPECT_TRUE(isLoopbackHost("LocalHost"));
  EXPECT_FALSE(isLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(isLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(isLoopbackHost("example.com"));
}

TEST(PathsTest, JoinPath) {
  EXPECT_EQ(joinPath("./tars-data", "tars.db"), "./tars-data/tars.db");
  EXPECT_EQ(joinPath("/srv/tars//", "x"), "/srv/tars/x");
  EXPECT_EQ(joinPath("/", "x"), "/x");
}

}  // namespace
}  // namespace tars::config
