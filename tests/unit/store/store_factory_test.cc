#include "store/store_factory.h"

#include <gtest/gtest.h>

#include "store/postgres/pg_url.h"

namespace tars::store {
namespace {

TEST(StoreUrlTest, SqliteAbsoluteAndRelativePaths) {
  auto abs = parseStoreUrl("sqlite:///var/lib/tars/tars.db");
  ASSERT_TRUE(abs.isOk());
  EXPECT_EQ(abs->backend, StoreBackendKind::kSqlite);
  EXPECT_EQ(abs->sqlite_path, "/var/lib/tars/tars.db");
  auto rel = parseStoreUrl("sqlite://./tars-data/tars.db");
  ASSERT_TRUE(rel.isOk());
  EXPECT_EQ(rel->sqlite_path, "./tars-data/tars.db");
  EXPECT_EQ(parseStoreUrl("sqlite://data/t.db")->sqlite_path, "data/t.db");
  EXPECT_EQ(parseStoreUrl("sqlite://").status().code(), StatusCode::kInvalidArgument);
}

TEST(StoreUrlTest, PostgresSchemes) {
  for (const char* url :
       {"postgresql://u@db/tars", "postgres://u:pw@db:5433/tars?sslmode=require"}) {
    auto loc = parseStoreUrl(url);
    ASSERT_TRUE(loc.isOk()) << url;
    EXPECT_EQ(loc->backend, StoreBackendKind::kPostgres);
    EXPECT_EQ(loc->postgres_url, url);
  }
}

TEST(StoreUrlTest, UnsupportedSchemeIsRefusedWithoutTheSecret) {
  auto s = parseStoreUrl("mysql://root:hunter2@db/tars");
  ASSERT_FALSE(s.isOk());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().message().find("hunter2"), std::string::npos) << s.status().message();
  EXPECT_FALSE(parseStoreUrl("no scheme at all").isOk());
}

TEST(StoreUrlTest, RedactionDropsPasswordsAndParameters) {
  EXPECT_EQ(redactStoreUrl("postgresql://tars:hunter2@db.internal:5433/tars?sslmode=require"),
            "postgresql://tars@db.internal:5433/tars");
  EXPECT_EQ(redactStoreUrl("postgres://db/tars?password=hunter2"), "postgresql://db/tars");
  EXPECT_EQ(redactStoreUrl("sqlite:///data/tars.db"), "sqlite:///data/tars.db");
  EXPECT_EQ(redactStoreUrl("host=db password=hunter2"), "(store URL not shown)");
  EXPECT_EQ(redactStoreUrl("postgresql://u:hunter2@[bad"), "(store URL not shown)");
}

TEST(StoreUrlTest, ScrubSecretReplacesEveryOccurrence) {
  EXPECT_EQ(postgres::scrubSecret("a pw b pw", "pw"), "a *** b ***");
  EXPECT_EQ(postgres::scrubSecret("nothing", ""), "nothing");
  auto info = postgres::inspectPgUrl("postgresql://u:s3cret@h/d");
  ASSERT_TRUE(info.isOk());
  EXPECT_EQ(info->password, "s3cret");
  EXPECT_EQ(info->description, "postgresql://u@h/d");
}

TEST(StoreUrlTest, OpenStoreRefusesBadUrls) {
  SystemClock clock;
  EXPECT_EQ(openStore("ftp://x/y", clock).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(openStore("sqlite://", clock).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tars::store
