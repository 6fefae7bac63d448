// Opening, migrations, readiness and durability, run against SQLite and PostgreSQL.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "store/store_factory.h"
#include "store_fixture.h"
#include "test_records.h"

namespace tars::test {
namespace {

TEST_P(StoreSuite, OpenAppliesEveryMigration) {
  auto state = store().migrationState();
  ASSERT_OK(state);
  EXPECT_TRUE(state->isCurrent());
  EXPECT_EQ(state->applied_version, state->latest_version);
  EXPECT_GE(state->latest_version, 1);
  EXPECT_TRUE(*store().migrationsCurrent());
  EXPECT_EQ(store().backend(), GetParam() == Backend::kSqlite ? store::StoreBackendKind::kSqlite
                                                              : store::StoreBackendKind::kPostgres);
}

TEST_P(StoreSuite, ReopeningIsIdempotentAndKeepsData) {
  ASSERT_OK(store().users().create(makeUser("u1", "alice", now())));
  store_.reset();
  auto again = openAgain();
  ASSERT_TRUE(again);
  EXPECT_OK(again->users().get("u1"));
  auto rows = rawQuery("SELECT count(*) FROM schema_migrations");
  ASSERT_OK(rows);
  EXPECT_EQ((*rows)[0].integer(0), again->migrationState()->latest_version);
}

TEST_P(StoreSuite, OpenWithoutMigratingReportsPending) {
  auto fresh = TestDatabase::Create(GetParam());
  ASSERT_OK(fresh);
  store::StoreOptions no_migrate;
  no_migrate.apply_migrations = false;
  auto s = store::openStore((*fresh)->url(), clock_, no_migrate);
  ASSERT_OK(s);
  auto state = (*s)->migrationState();
  ASSERT_OK(state);
  EXPECT_FALSE(state->isCurrent());
  EXPECT_EQ(state->applied_version, 0);
  EXPECT_EQ(state->pending.size(), static_cast<std::size_t>(state->latest_version));
  EXPECT_FALSE(*(*s)->migrationsCurrent());
  EXPECT_OK((*s)->ping());  // readiness does not need the schema
  s->reset();
  auto migrated = store::openStore((*fresh)->url(), clock_);
  ASSERT_OK(migrated);
  EXPECT_TRUE(*(*migrated)->migrationsCurrent());
}

TEST_P(StoreSuite, NewerSchemaIsRefused) {
  ASSERT_OK(
      rawExec("INSERT INTO schema_migrations (version, name, checksum, applied_at) "
              "VALUES (9999, 'future', 'x', 0)"));
  EXPECT_CODE(store().migrationState(), StatusCode::kFailedPrecondition);
  store_.reset();
  EXPECT_CODE(store::openStore(db_->url(), clock_), StatusCode::kFailedPrecondition);
}

TEST_P(StoreSuite, EditedMigrationIsRefused) {
  ASSERT_OK(rawExec("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1"));
  store_.reset();
  auto s = store::openStore(db_->url(), clock_);
  EXPECT_CODE(s, StatusCode::kFailedPrecondition);
}

TEST_P(StoreSuite, ConcurrentOpensMigrateOnce) {
  auto fresh = TestDatabase::Create(GetParam());
  ASSERT_OK(fresh);
  std::vector<std::thread> threads;
  std::vector<Status> results(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back(
        [&, i] { results[i] = store::openStore((*fresh)->url(), clock_).status(); });
  }
  for (auto& t : threads)
    t.join();
  for (const Status& s : results)
    EXPECT_TRUE(s.isOk()) << s.toString();
  auto s = store::openStore((*fresh)->url(), clock_);
  ASSERT_OK(s);
  EXPECT_TRUE(*(*s)->migrationsCurrent());
}

TEST_P(StoreSuite, PingAnswersWithinTheReadinessBudget) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_OK(store().ping(std::chrono::seconds(1)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_P(StoreSuite, DescribeNamesTheBackendWithoutSecrets) {
  const std::string d = store().describe();
  EXPECT_EQ(d.rfind(GetParam() == Backend::kSqlite ? "sqlite://" : "postgresql://", 0), 0u) << d;
}

// Acknowledged writes survive kill -9: a child process opens the store, writes, reports "ok"
// only after every write returned OK, and is SIGKILLed; the parent then reopens and reads.
TEST_P(StoreSuite, AcknowledgedWritesSurviveKill9) {
  store_.reset();  // the child is the only writer
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string url = db_->url();
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Child: no gtest assertions, no exit handlers; _exit on every path.
    ::close(fds[0]);
    FakeClock clock;
    auto s = store::openStore(url, clock);
    bool ok = s.isOk();
    for (int i = 0; ok && i < 20; ++i) {
      ok = (*s)->users()
               .create(makeUser("u" + std::to_string(i), "user" + std::to_string(i), clock.now()))
               .isOk();
      ok = ok && (*s)->auditLog().append(makeEvent("e" + std::to_string(i), clock.now())).isOk();
      ok = ok &&
           (*s)->revocations()
               .denyJti("j" + std::to_string(i), clock.now() + std::chrono::hours(1), clock.now())
               .isOk();
    }
    const char* msg = ok ? "ok\n" : "fail\n";
    (void)!::write(fds[1], msg, std::strlen(msg));
    while (true)
      ::pause();  // hold the store open until killed
  }
  ::close(fds[1]);
  char buf[8] = {};
  ssize_t n = ::read(fds[0], buf, sizeof buf - 1);
  ::close(fds[0]);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_GT(n, 0);
  ASSERT_STREQ(buf, "ok\n");
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

  auto reopened = openAgain();
  ASSERT_TRUE(reopened);
  for (int i = 0; i < 20; ++i)
    EXPECT_OK(reopened->users().get("u" + std::to_string(i)));
  auto v = reopened->auditLog().verifyChain();
  ASSERT_OK(v);
  EXPECT_TRUE(v->valid);
  EXPECT_EQ(v->events_checked, 20);
  EXPECT_TRUE(*reopened->revocations().isJtiDenied("j19", now()));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backendName);

}  // namespace
}  // namespace tars::test
