#pragma once
// The `tars` command line (CLI11): serve, version, routes, doctor, users, keys, audit.

#include <map>
#include <string>

namespace tars::cli {

// Runs the command line; returns the process exit code. `environment` is the process environment
// (injected for tests).
int run(int argc, char** argv, const std::map<std::string, std::string>& environment);

}  // namespace tars::cli
