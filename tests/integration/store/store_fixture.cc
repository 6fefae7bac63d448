#include "store_fixture.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "pg_harness.h"
#include "store/sql/open_db.h"
#include "store/store_factory.h"

namespace tars::test {

std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::Create(Backend backend) {
  static std::atomic<int> counter{0};
  std::unique_ptr<TestDatabase> db(new TestDatabase());
  db->backend_ = backend;
  if (backend == Backend::kSqlite) {
    char tmpl[] = "/tmp/tars-store-test-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr)
      return unavailable("mkdtemp failed");
    db->dir_ = tmpl;
    db->url_ = "sqlite://" + db->dir_ + "/tars.db";
    return db;
  }
  TARS_ASSIGN_OR_RETURN(PgHarness * pg, sharedPgHarness());
  db->dbname_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  TARS_ASSIGN_OR_RETURN(db->url_, pg->createDatabase(db->dbname_));
  return db;
}

TestDatabase::~TestDatabase() {
  if (backend_ == Backend::kSqlite) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    return;
  }
  StatusOr<PgHarness*> pg = sharedPgHarness();
  if (pg.isOk())
    (void)(*pg)->dropDatabase(dbname_);
}

void StoreSuite::SetUp() {
  StatusOr<std::unique_ptr<TestDatabase>> db = TestDatabase::Create(GetParam());
  ASSERT_TRUE(db.isOk()) << db.status().toString();
  db_ = std::move(db).value();
  StatusOr<std::unique_ptr<store::Store>> s = store::openStore(db_->url(), clock_);
  ASSERT_TRUE(s.isOk()) << s.status().toString();
  store_ = std::move(s).value();
}

void StoreSuite::TearDown() {
  store_.reset();
  db_.reset();
}

std::unique_ptr<store::Store> StoreSuite::openAgain(const store::StoreOptions& options) {
  StatusOr<std::unique_ptr<store::Store>> s = store::openStore(db_->url(), clock_, options);
  EXPECT_TRUE(s.isOk()) << s.status().toString();
  return s.isOk() ? std::move(s).value() : nullptr;
}

StatusOr<store::sql::Rows> StoreSuite::rawQuery(const std::string& sql) {
  TARS_ASSIGN_OR_RETURN(auto db, store::sql::openDb(db_->url(), {}));
  store::sql::Rows rows;
  TARS_RETURN_IF_ERROR(db->transact(store::sql::TxMode::kWrite, [&](store::sql::Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(rows, tx.query(sql));
    return Status::ok();
  }));
  return rows;
}

Status StoreSuite::rawExec(const std::string& sql) {
  return rawQuery(sql).status();
}

}  // namespace tars::test
