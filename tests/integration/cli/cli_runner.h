#pragma once
// Runs the real `tars` binary (TARSTEST_BINARY) with text on its standard input — what the
// password-reading commands need and harness/tars_process.h's runTars (stdin = /dev/null) does
// not offer — capturing stdout, stderr and the exit code.

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "harness/tars_process.h"

namespace tars::test {

// `tars args...` in a clean environment (PATH plus `env`), with `input` written to its stdin
// (then closed). Bounded by `timeout` (the child is killed after it; exit_code -1).
RunResult runTarsWithInput(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env, const std::string& input,
                           std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace tars::test
