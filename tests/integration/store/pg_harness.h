#pragma once
// PgHarness: a real, throw-away PostgreSQL server on loopback for the store tests (issue 3,
// item 14).
//
// Start(): finds initdb and pg_ctl (/usr/lib/postgresql/<version>/bin, highest version first,
// then PATH), runs `initdb --no-locale -E UTF8 -A trust -U postgres` into a fresh temp dir,
// and starts the server with `pg_ctl -w -o "-k <dir> -c listen_addresses=127.0.0.1 -p <free
// port> -c fsync=off …"`, waiting until it accepts connections. As root (CI), both run as the
// `postgres` system user through `runuser -u postgres --` (or `su`), with the dir chowned to it,
// since PostgreSQL refuses to run as root. A watchdog process stops the server and removes the
// dir should the test process die without doing so. The destructor stops the server
// (`pg_ctl stop -m immediate`) and removes everything.
//
// Missing binaries are an error naming scripts/install-deps.sh: the tests fail, never skip.
//
// Thread safety: createDatabase()/dropDatabase()/adminExec() are serialised internally.

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"

struct pg_conn;

namespace tars::test {

struct PgBinaries {
  std::string initdb;
  std::string pg_ctl;
};

// Looks for initdb and pg_ctl under each `<root>/<version>/bin` (highest version first), then
// in the directories of `path_env`. kFailedPrecondition naming scripts/install-deps.sh when
// either is missing.
StatusOr<PgBinaries> findPgBinaries(const std::vector<std::string>& lib_roots,
                                    const std::string& path_env);

class PgHarness {
 public:
  // Starts a server (a few attempts on fresh ports if one is taken meanwhile).
  static StatusOr<std::unique_ptr<PgHarness>> Start();
  ~PgHarness();
  PgHarness(const PgHarness&) = delete;
  PgHarness& operator=(const PgHarness&) = delete;

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  // How long initdb + start took.
  std::chrono::milliseconds startDuration() const { return start_duration_; }

  // postgresql://postgres@127.0.0.1:<port>/<dbname>
  std::string urlFor(const std::string& dbname) const;

  // CREATE DATABASE `name`; returns its URL.
  StatusOr<std::string> createDatabase(const std::string& name);
  // DROP DATABASE `name` WITH (FORCE); missing is fine.
  Status dropDatabase(const std::string& name);
  // Runs `sql` on the maintenance database (for tests that kill backends and the like).
  Status adminExec(const std::string& sql);

 private:
  PgHarness() = default;
  Status startOnce(const PgBinaries& bins);
  void stop();

  std::string dir_;  // temp dir: data/, socket, server.log
  std::string pg_ctl_;
  int port_ = 0;
  bool as_postgres_user_ = false;
  pid_t watchdog_pid_ = -1;
  int watchdog_fd_ = -1;  // write end; closing it without "q" makes the watchdog clean up
  std::chrono::milliseconds start_duration_{0};
  std::mutex admin_mu_;
  pg_conn* admin_ = nullptr;  // GUARDED_BY(admin_mu_)
};

// The harness shared by every test of the process, started on first use and stopped at exit.
// The same error for every caller when it could not start.
StatusOr<PgHarness*> sharedPgHarness();

}  // namespace tars::test
