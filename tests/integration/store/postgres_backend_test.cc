// PostgreSQL-only behaviour: the bounded pool, reconnection after the server drops connections,
// the readiness deadline, and passwords kept out of every message.

#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "pg_harness.h"
#include "store/postgres/pg_db.h"
#include "store/store_factory.h"
#include "store_fixture.h"
#include "test_records.h"

namespace tars::test {
namespace {

using store::postgres::PgDb;
using store::postgres::PgDbOptions;

class PostgresBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pg = sharedPgHarness();
    ASSERT_TRUE(pg.isOk()) << pg.status().toString();
    pg_ = *pg;
    auto db = TestDatabase::Create(Backend::kPostgres);
    ASSERT_TRUE(db.isOk()) << db.status().toString();
    db_ = std::move(db).value();
  }

  std::string dbname() const { return db_->url().substr(db_->url().rfind('/') + 1); }

  FakeClock clock_;
  PgHarness* pg_ = nullptr;
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(PostgresBackendTest, PoolNeverExceedsItsSize) {
  PgDbOptions options;
  options.pool_size = 2;
  options.acquire_timeout = std::chrono::milliseconds(200);
  auto db = PgDb::Create(db_->url(), options);
  ASSERT_OK(db);
  auto& pool = (*db)->pool();
  const auto soon = [] {
    return std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  };
  auto a = pool.acquire(soon());
  auto b = pool.acquire(soon());
  ASSERT_OK(a);
  ASSERT_OK(b);
  const auto start = std::chrono::steady_clock::now();
  auto c = pool.acquire(soon());
  EXPECT_CODE(c, StatusCode::kUnavailable);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
  EXPECT_EQ(pool.openConnections(), 2);
  // A transaction waits for a connection and proceeds once one is returned.
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto drop = std::move(a).value();
  });
  Status st = (*db)->transact(store::sql::TxMode::kRead,
                              [](store::sql::Tx& tx) { return tx.query("SELECT 1").status(); });
  releaser.join();
  EXPECT_OK(st);
  EXPECT_LE(pool.openConnections(), 2);
}

TEST_F(PostgresBackendTest, ReconnectsAfterTheServerDropsEveryConnection) {
  store::StoreOptions options;
  options.pool_size = 3;
  auto s = store::openStore(db_->url(), clock_, options);
  ASSERT_OK(s);
  store::Store& st = **s;
  ASSERT_OK(st.users().create(makeUser("u1", "alice", clock_.now())));
  // Fill the pool with idle connections, then have the server kill them all.
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&] { (void)st.users().get("u1"); });
  for (auto& t : threads)
    t.join();
  ASSERT_OK(
      pg_->adminExec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                     dbname() + "' AND pid <> pg_backend_pid()"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_OK(st.users().get("u1"));
  EXPECT_OK(st.users().create(makeUser("u2", "bob", clock_.now())));
  EXPECT_OK(st.ping());
}

TEST_F(PostgresBackendTest, PingGivesUpAtItsDeadlineWhenTheBackendHangs) {
  PgDbOptions options;
  options.pool_size = 1;
  auto db = PgDb::Create(db_->url(), options);
  ASSERT_OK(db);
  int backend_pid = 0;
  ASSERT_OK((*db)->transact(store::sql::TxMode::kRead, [&](store::sql::Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT pg_backend_pid()"));
    backend_pid = static_cast<int>(rows[0].integer(0));
    return Status::ok();
  }));
  ASSERT_GT(backend_pid, 0);
  ASSERT_EQ(::kill(backend_pid, SIGSTOP), 0);
  const auto start = std::chrono::steady_clock::now();
  Status ping = (*db)->ping(std::chrono::milliseconds(300));
  const auto took = std::chrono::steady_clock::now() - start;
  ::kill(backend_pid, SIGCONT);
  EXPECT_FALSE(ping.isOk());
  EXPECT_LT(took, std::chrono::milliseconds(1000));
  EXPECT_GE(took, std::chrono::milliseconds(250));
  // The hung connection was discarded; the next ping connects afresh.
  EXPECT_OK((*db)->ping(std::chrono::seconds(2)));
}

TEST_F(PostgresBackendTest, PasswordsNeverAppearInMessages) {
  const std::string secret = "Sup3rS3cretPw";
  const std::string port = std::to_string(pg_->port());
  // Trust auth accepts any password: a working store must not reveal it either.
  auto ok = store::openStore(
      "postgresql://postgres:" + secret + "@127.0.0.1:" + port + "/" + dbname(), clock_);
  ASSERT_OK(ok);
  EXPECT_EQ((*ok)->describe().find(secret), std::string::npos);
  EXPECT_EQ((*ok)->describe(), "postgresql://postgres@127.0.0.1:" + port + "/" + dbname());

  for (const std::string& url : {
           "postgresql://postgres:" + secret + "@127.0.0.1:" + port + "/no_such_db",
           "postgresql://postgres:" + secret + "@127.0.0.1:1/tars",
           "postgres://127.0.0.1:" + port + "/no_such_db?password=" + secret,
           "postgresql://postgres:" + secret + "@127.0.0.1:" + port + "/x?bogus_param=1",
       }) {
    auto s = store::openStore(url, clock_);
    ASSERT_FALSE(s.isOk()) << url;
    EXPECT_EQ(s.status().message().find(secret), std::string::npos) << s.status().message();
    EXPECT_EQ(store::redactStoreUrl(url).find(secret), std::string::npos);
  }
}

TEST_F(PostgresBackendTest, ABodySwallowingAnErrorDoesNotReportACommit) {
  auto db = PgDb::Create(db_->url(), {});
  ASSERT_OK(db);
  ASSERT_OK((*db)->transact(store::sql::TxMode::kWrite, [](store::sql::Tx& tx) {
    return tx.execScript("CREATE TABLE t (x BIGINT PRIMARY KEY)");
  }));
  Status s = (*db)->transact(store::sql::TxMode::kWrite, [](store::sql::Tx& tx) -> Status {
    TARS_RETURN_IF_ERROR(tx.exec("INSERT INTO t VALUES (1)").status());
    (void)tx.exec("INSERT INTO t VALUES (1)");  // fails, and is ignored
    return Status::ok();
  });
  EXPECT_CODE(s, StatusCode::kInternal);
  std::int64_t count = -1;
  ASSERT_OK((*db)->transact(store::sql::TxMode::kRead, [&](store::sql::Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT count(*) FROM t"));
    count = rows[0].integer(0);
    return Status::ok();
  }));
  EXPECT_EQ(count, 0);
}

TEST_F(PostgresBackendTest, UnreachableServerIsUnavailable) {
  store::StoreOptions options;
  options.connect_timeout = std::chrono::seconds(2);
  auto s = store::openStore("postgresql://postgres@127.0.0.1:1/tars", clock_, options);
  EXPECT_CODE(s, StatusCode::kUnavailable);
}

}  // namespace
}  // namespace tars::test
