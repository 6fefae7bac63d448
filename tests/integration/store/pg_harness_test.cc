// The PostgreSQL harness itself: binaries found or a clear failure, a live server, cleanup.

#include "pg_harness.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>

namespace tars::test {
namespace {

TEST(PgHarnessTest, MissingBinariesFailNamingInstallDeps) {
  auto bins = findPgBinaries({"/nonexistent/postgresql"}, "/nonexistent/bin");
  ASSERT_FALSE(bins.isOk());
  EXPECT_EQ(bins.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(bins.status().message().find("scripts/install-deps.sh"), std::string::npos);
}

TEST(PgHarnessTest, FindsTheDebianBinaries) {
  auto bins = findPgBinaries({"/usr/lib/postgresql"}, "");
  ASSERT_TRUE(bins.isOk()) << bins.status().toString();
  EXPECT_NE(bins->initdb.find("/bin/initdb"), std::string::npos);
  EXPECT_NE(bins->pg_ctl.find("/bin/pg_ctl"), std::string::npos);
}

TEST(PgHarnessTest, StartsAServerOnLoopbackAndRemovesItAfterwards) {
  auto started = PgHarness::Start();
  ASSERT_TRUE(started.isOk()) << started.status().toString();
  const std::string dir = (*started)->dir();
  const int port = (*started)->port();
  EXPECT_GT(port, 0);
  EXPECT_TRUE(std::filesystem::exists(dir + "/data/PG_VERSION"));
  std::printf("[ harness ] PostgreSQL initdb + start took %lld ms\n",
              static_cast<long long>((*started)->startDuration().count()));
  auto url = (*started)->createDatabase("harness_check");
  ASSERT_TRUE(url.isOk()) << url.status().toString();
  PGconn* conn = PQconnectdb(url->c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PQfinish(conn);

  started->reset();  // stop + remove
  EXPECT_FALSE(std::filesystem::exists(dir));
  conn = PQconnectdb(("host=127.0.0.1 connect_timeout=2 port=" + std::to_string(port)).c_str());
  EXPECT_NE(PQstatus(conn), CONNECTION_OK);
  PQfinish(conn);
}

}  // namespace
}  // namespace tars::test
