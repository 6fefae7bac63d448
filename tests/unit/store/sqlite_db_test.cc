// SQLite backend specifics: file mode, pragmas, parameter binding, error mapping, reader rules.

#include "store/sqlite/sqlite_db.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "store/store_factory.h"
#include "test_util/fake_clock.h"
#include "test_util/file_mode.h"

namespace tars::store::sqlite {
namespace {

using tars::test::modeOf;

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tars-sqlite-unit-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/tars.db";
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::unique_ptr<SqliteDb> open(SqliteDbOptions options = {}) {
    auto db = SqliteDb::Create(path_, options);
    EXPECT_TRUE(db.isOk()) << db.status().toString();
    return db.isOk() ? std::move(db).value() : nullptr;
  }

  static std::string pragma(SqliteDb& db, sql::TxMode mode, const std::string& name) {
    std::string value;
    Status s = db.transact(mode, [&](sql::Tx& tx) -> Status {
      TARS_ASSIGN_OR_RETURN(auto rows, tx.query("PRAGMA " + name));
      value = rows.empty() ? "" : rows[0].text(0);
      return Status::ok();
    });
    EXPECT_TRUE(s.isOk()) << s.toString();
    return value;
  }

  std::string dir_;
  std::string path_;
};

TEST_F(SqliteDbTest, FileAndWalAreCreatedOwnerOnly) {
  const mode_t old = ::umask(022);
  auto db = open();
  ::umask(old);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->transact(sql::TxMode::kWrite, [](sql::Tx& tx) {
                  return tx.execScript("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
                }).isOk());
  EXPECT_EQ(modeOf(path_), 0600u);
  EXPECT_EQ(modeOf(path_ + "-wal"), 0600u);
}

TEST_F(SqliteDbTest, DurabilityPragmasAreSet) {
  auto db = open();
  ASSERT_TRUE(db);
  EXPECT_EQ(pragma(*db, sql::TxMode::kWrite, "journal_mode"), "wal");
  EXPECT_EQ(pragma(*db, sql::TxMode::kWrite, "synchronous"), "2");  // FULL
  EXPECT_EQ(pragma(*db, sql::TxMode::kWrite, "foreign_keys"), "1");
  EXPECT_EQ(pragma(*db, sql::TxMode::kRead, "synchronous"), "2");
  EXPECT_EQ(pragma(*db, sql::TxMode::kRead, "foreign_keys"), "1");
  EXPECT_EQ(pragma(*db, sql::TxMode::kRead, "query_only"), "1");
  EXPECT_EQ(pragma(*db, sql::TxMode::kWrite, "busy_timeout"), "5000");
}

TEST_F(SqliteDbTest, MissingFileOrDirectory) {
  SqliteDbOptions no_create;
  no_create.create_if_missing = false;
  EXPECT_EQ(SqliteDb::Create(path_, no_create).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(SqliteDb::Create(dir_ + "/missing/tars.db", {}).status().code(),
            StatusCode::kUnavailable);
  EXPECT_EQ(SqliteDb::Create("", {}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteDbTest, DollarParametersBindByNumberAndMapErrors) {
  auto db = open();
  ASSERT_TRUE(db);
  Status s = db->transact(sql::TxMode::kWrite, [](sql::Tx& tx) -> Status {
    TARS_RETURN_IF_ERROR(tx.execScript(
        "CREATE TABLE p (id TEXT PRIMARY KEY, n BIGINT, b BLOB, parent TEXT REFERENCES p(id));"));
    // $2 used twice, $1 after $2: bound by number, not by position.
    TARS_RETURN_IF_ERROR(
        tx.exec("INSERT INTO p (n, id, b) VALUES ($2 + $2, $1, $3)",
                {sql::text("a"), sql::integer(21), sql::blob(std::string("\0\1", 2))})
            .status());
    TARS_ASSIGN_OR_RETURN(auto rows,
                          tx.query("SELECT id, n, b FROM p WHERE id = $1", {sql::text("a")}));
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].integer(1), 42);
    EXPECT_EQ(rows[0].blob(2), std::string("\0\1", 2));
    EXPECT_EQ(tx.exec("INSERT INTO p (id) VALUES ($1)", {sql::text("a")}).status().code(),
              StatusCode::kAlreadyExists);
    EXPECT_EQ(
        tx.exec("INSERT INTO p (id, parent) VALUES ($1, $2)", {sql::text("b"), sql::text("ghost")})
            .status()
            .code(),
        StatusCode::kFailedPrecondition);
    EXPECT_EQ(tx.exec("INSERT INTO p (id) VALUES ($2)", {sql::text("x")}).status().code(),
              StatusCode::kInternal);  // a parameter without a value
    EXPECT_EQ(tx.exec("NOT SQL").status().code(), StatusCode::kInternal);
    return Status::ok();
  });
  EXPECT_TRUE(s.isOk()) << s.toString();
}

TEST_F(SqliteDbTest, FailedBodyRollsBackAndExceptionsAreCaught) {
  auto db = open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->transact(sql::TxMode::kWrite, [](sql::Tx& tx) {
                  return tx.execScript("CREATE TABLE t (x INTEGER);");
                }).isOk());
  Status failed = db->transact(sql::TxMode::kWrite, [](sql::Tx& tx) -> Status {
    TARS_RETURN_IF_ERROR(tx.exec("INSERT INTO t VALUES (1)").status());
    return failedPrecondition("changed my mind");
  });
  EXPECT_EQ(failed.code(), StatusCode::kFailedPrecondition);
  Status threw = db->transact(sql::TxMode::kWrite, [](sql::Tx& tx) -> Status {
    TARS_RETURN_IF_ERROR(tx.exec("INSERT INTO t VALUES (2)").status());
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(threw.code(), StatusCode::kInternal);
  std::int64_t count = -1;
  ASSERT_TRUE(db->transact(sql::TxMode::kRead, [&](sql::Tx& tx) -> Status {
                  TARS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT count(*) FROM t"));
                  count = rows[0].integer(0);
                  return Status::ok();
                }).isOk());
  EXPECT_EQ(count, 0);
}

TEST_F(SqliteDbTest, ReadTransactionsCannotWrite) {
  auto db = open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->transact(sql::TxMode::kWrite, [](sql::Tx& tx) {
                  return tx.execScript("CREATE TABLE t (x INTEGER);");
                }).isOk());
  Status s = db->transact(sql::TxMode::kRead,
                          [](sql::Tx& tx) { return tx.exec("INSERT INTO t VALUES (1)").status(); });
  EXPECT_FALSE(s.isOk());
}

TEST_F(SqliteDbTest, AnotherProcessHoldingTheWriteLockMeansUnavailableAfterBusyTimeout) {
  SqliteDbOptions quick;
  quick.busy_timeout = std::chrono::milliseconds(100);
  auto db = open(quick);
  ASSERT_TRUE(db);
  // A second, independent connection (as another process would have) takes the write lock.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  Status s = db->transact(sql::TxMode::kWrite, [](sql::Tx&) { return Status::ok(); });
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.toString();
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_TRUE(db->transact(sql::TxMode::kWrite, [](sql::Tx&) { return Status::ok(); }).isOk());
}

TEST_F(SqliteDbTest, PingAnswers) {
  auto db = open();
  ASSERT_TRUE(db);
  EXPECT_TRUE(db->ping(std::chrono::seconds(1)).isOk());
  EXPECT_EQ(db->describe(), "sqlite://" + path_);
}

TEST_F(SqliteDbTest, OpenStoreCreatesAMigratedStore) {
  test::FakeClock clock;
  auto s = openStore("sqlite://" + path_, clock);
  ASSERT_TRUE(s.isOk()) << s.status().toString();
  EXPECT_TRUE(*(*s)->migrationsCurrent());
  EXPECT_EQ((*s)->backend(), StoreBackendKind::kSqlite);
  EXPECT_EQ(modeOf(path_), 0600u);
}

}  // namespace
}  // namespace tars::store::sqlite
