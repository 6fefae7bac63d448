#include "store/migrations/migrations.h"

#include <gtest/gtest.h>

namespace tars::store::migrations {
namespace {

TEST(MigrationsTest, VersionsStartAtOneAndIncreaseWithoutGaps) {
  std::int64_t expected = 1;
  for (const Migration& m : all()) {
    EXPECT_EQ(m.version, expected++);
    EXPECT_FALSE(m.name.empty());
    EXPECT_FALSE(m.sql.empty());
  }
  EXPECT_GE(all().size(), 1u);
}

TEST(MigrationsTest, DialectTokensAreReplaced) {
  const Migration& m = all().front();
  EXPECT_NE(m.sql.find("{{BYTES}}"), std::string_view::npos);
  const std::string lite = sqlFor(m, sql::Dialect::kSqlite);
  const std::string pg = sqlFor(m, sql::Dialect::kPostgres);
  EXPECT_EQ(lite.find("{{"), std::string::npos);
  EXPECT_EQ(pg.find("{{"), std::string::npos);
  EXPECT_NE(lite.find("BLOB"), std::string::npos);
  EXPECT_NE(pg.find("BYTEA"), std::string::npos);
  EXPECT_EQ(pg.find("BLOB"), std::string::npos);
}

TEST(MigrationsTest, IdentitySchemaHasEveryTable) {
  const std::string sql(all().front().sql);
  for (const char* table :
       {"users", "refresh_families", "refresh_tokens", "denied_jtis", "revocation_head",
        "revocation_changes", "api_keys", "signing_keys", "audit_head", "audit_events"}) {
    EXPECT_NE(sql.find(std::string("CREATE TABLE ") + table + " ("), std::string::npos) << table;
  }
}

TEST(MigrationsTest, ChecksumIsStableHexSha256) {
  const Migration& m = all().front();
  EXPECT_EQ(checksum(m).size(), 64u);
  EXPECT_EQ(checksum(m), checksum(m));
  Migration edited = m;
  std::string text(m.sql);
  text += " ";
  edited.sql = text;
  EXPECT_NE(checksum(edited), checksum(m));
}

}  // namespace
}  // namespace tars::store::migrations
