#pragma once
// StoreSuite: the one parameterised fixture every backend-neutral store test uses. Each test
// gets a fresh, migrated database on the backend named by its parameter — a SQLite file in a
// temp dir, or a new database on the shared real PostgreSQL (pg_harness.h) — and a FakeClock.
// A PostgreSQL test FAILS (never skips) when the server cannot be started.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/status.h"
#include "store/sql/db.h"
#include "store/store.h"
#include "store/store_options.h"
#include "test_util/fake_clock.h"

namespace tars::test {

enum class Backend { kSqlite, kPostgres };

std::string backendName(const ::testing::TestParamInfo<Backend>& info);

// A fresh, empty database location for `backend`, removed on destruction.
class TestDatabase {
 public:
  static StatusOr<std::unique_ptr<TestDatabase>> Create(Backend backend);
  ~TestDatabase();
  const std::string& url() const { return url_; }

 private:
  TestDatabase() = default;
  Backend backend_ = Backend::kSqlite;
  std::string url_;
  std::string dir_;     // SQLite: the temp dir
  std::string dbname_;  // PostgreSQL: the database
};

class StoreSuite : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Another Store on the same database (a second process's view).
  std::unique_ptr<store::Store> openAgain(const store::StoreOptions& options = {});
  // Runs `sql` directly on the database (tests tamper with what the interface never exposes).
  Status rawExec(const std::string& sql);
  // Rows of `sql` run directly on the database.
  StatusOr<store::sql::Rows> rawQuery(const std::string& sql);

  store::Store& store() { return *store_; }
  store::Timestamp now() const { return clock_.now(); }

  FakeClock clock_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
};

// Matches a Status (or StatusOr) with the given code, printing the message on mismatch.
#define EXPECT_CODE(expr, expected_code)                                \
  do {                                                                  \
    const ::tars::Status tars_st_ = ::tars::test::statusOf(expr);       \
    EXPECT_EQ(tars_st_.code(), (expected_code)) << tars_st_.toString(); \
  } while (0)
#define ASSERT_OK(expr)                                           \
  do {                                                            \
    const ::tars::Status tars_st_ = ::tars::test::statusOf(expr); \
    ASSERT_TRUE(tars_st_.isOk()) << tars_st_.toString();          \
  } while (0)
#define EXPECT_OK(expr)                                           \
  do {                                                            \
    const ::tars::Status tars_st_ = ::tars::test::statusOf(expr); \
    EXPECT_TRUE(tars_st_.isOk()) << tars_st_.toString();          \
  } while (0)

inline Status statusOf(const Status& s) {
  return s;
}
template <typename T>
Status statusOf(const StatusOr<T>& s) {
  return s.status();
}

}  // namespace tars::test
