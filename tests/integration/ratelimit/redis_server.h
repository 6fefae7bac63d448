#pragma once
// RedisServer: a real redis-server for integration tests, on a free loopback port, no
// persistence, started as a child process and stopped (SIGTERM) when the object dies. It can be
// killed, restarted on the same port, and frozen with SIGSTOP / thawed with SIGCONT to simulate a
// hung Redis.
//
// redis-server is found through TARSTEST_REDIS_SERVER or PATH (plus /usr/bin, /usr/sbin,
// /usr/local/bin). A missing redis-server is a failure that names scripts/install-deps.sh, never
// a skipped test. The child dies with the test process (PR_SET_PDEATHSIG), so a crashed test
// leaves no server behind.
//
// Thread safety: none; drive it from the test's main thread.

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace tars::test {

class RedisServer {
 public:
  // Starts redis-server with `extra_args` (e.g. {"--requirepass", "pw"}) and waits until it
  // answers PING (up to 10 s). Fails with kFailedPrecondition when redis-server is missing.
  static StatusOr<std::unique_ptr<RedisServer>> Start(std::vector<std::string> extra_args = {});
  ~RedisServer();

  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  bool running() const { return pid_ > 0; }

  // SIGKILL (a crash): connections reset, nothing answers on the port.
  void kill();
  // SIGTERM and wait (≤ 5 s, then SIGKILL).
  void stop();
  // Starts again on the same port (after kill() or stop()) and waits for PING.
  Status restart();
  // SIGSTOP: the socket still accepts connections, but nothing is ever answered.
  void pause();
  // SIGCONT.
  void resume();

 private:
  RedisServer(std::string binary, std::vector<std::string> extra_args, int port)
      : binary_(std::move(binary)), extra_args_(std::move(extra_args)), port_(port) {}

  Status spawn();
  Status waitForPing(std::chrono::milliseconds timeout);
  void reap(std::chrono::milliseconds timeout);

  const std::string binary_;
  const std::vector<std::string> extra_args_;
  const int port_;
  pid_t pid_ = -1;
  bool paused_ = false;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int freeLoopbackPort();

}  // namespace tars::test
