#pragma once
// runProcess: runs a command-line tool (openssl, curl) to completion for a test, with bytes on
// its stdin, stdout and stderr captured, and a timeout after which it is killed — a client that
// hangs fails the test instead of hanging it.

#include <chrono>
#include <string>
#include <vector>

namespace tars::tls::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed at the timeout
  bool timed_out = false;
  std::string out;
  std::string err;
};

// argv[0] is looked up in PATH. The environment is inherited.
ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& input = "",
                         std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace tars::tls::test
