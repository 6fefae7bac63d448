// tars: one binary for the T.A.R.S. platform and the CAP verifier (ARCHITECTURE.md).

#include <sys/resource.h>

#include <map>
#include <string>

#include "app/cli/cli.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not in a header

namespace {

// Each connection needs a descriptor; server.max_connections (10 000) is far above the usual soft
// limit of 1 024, so take what the hard limit allows, as nginx's worker_rlimit_nofile does.
void raiseOpenFileLimit() {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &rl);
  }
}

}  // namespace

int main(int argc, char** argv) {
  raiseOpenFileLimit();
  std::map<std::string, std::string> environment;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos)
      environment.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return tars::cli::run(argc, argv, environment);
}
