#pragma once
// TarsProcess: runs the real `tars` binary (path from TARSTEST_BINARY) for integration tests,
// on a free loopback port, in a temporary data dir, and ends it when the test ends.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/temp_dir.h"

namespace tars::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `tars args...` to completion (bounded by `timeout`), capturing stdout and stderr.
RunResult runTars(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {},
                  std::chrono::seconds timeout = std::chrono::seconds(30));

class TarsProcess {
 public:
  // Starts `tars serve --port 0 --data-dir <tmp> extra_args...` with `env` added to a clean
  // environment (PATH only), and waits until it logs that it serves. Rate-limit classes whose
  // TARS_RATELIMIT_CLASSES_<NAME>_LIMIT `env` does not set get 1 000 000 per window.
  explicit TarsProcess(std::vector<std::string> extra_args = {},
                       std::map<std::string, std::string> env = {});
  ~TarsProcess();

  bool started() const { return port_ != 0; }
  std::uint16_t port() const { return port_; }
  // Ports of every listener (main first).
  const std::vector<std::uint16_t>& ports() const { return ports_; }
  const std::string& dataDir() const { return data_dir_.path(); }
  // Sends a signal; waitExit() then returns the exit code (or -1 after `timeout`).
  void signal(int sig);
  int waitExit(std::chrono::seconds timeout = std::chrono::seconds(30));
  // Everything the process wrote to stderr so far (its log).
  std::string log() const;

 private:
  void reportHang() const;

  TempDir data_dir_;
  std::string log_path_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::vector<std::uint16_t> ports_;
  std::optional<int> exit_code_;
};

// The tars binary under test (TARSTEST_BINARY), or empty.
std::string tarsBinary();

}  // namespace tars::test
