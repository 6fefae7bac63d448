#pragma once
// The identity command groups of the `tars` command line (tars.md §3.1, §3.5, §3.8, §3.9):
//
//   tars users add USERNAME --role ROLE [--role ROLE…] [--email EMAIL]   (password on stdin)
//   tars users passwd USERNAME                                           (password on stdin)
//   tars users list [--json]
//   tars users disable USERNAME
//   tars keys create --service-name NAME [--scopes S1,S2] [--expires-in-days N] [--json]
//   tars keys list [--include-revoked] [--json]
//   tars keys revoke KEY_ID
//   tars keys rotate-signing [--json]
//   tars audit verify
//
// Every command takes `--config FILE`; the data dir and store come from the config and the
// environment exactly as for `tars serve`. Exit codes: 0 done, 1 run-time failure (store,
// validation, not found, broken chain), 2 bad command line or config.
//
// cli.cc constructs this before parsing (it registers the subcommands and binds their flags) and
// calls run() when parsed() says one of them was chosen.
//
// Thread safety: one command line on one thread.

#include <map>
#include <memory>
#include <string>

#include "app/cli/identity_context.h"

namespace CLI {
class App;
}  // namespace CLI

namespace tars::cli {

class IdentityCommands {
 public:
  // Adds the `users`, `keys` and `audit` groups to `app`, which must outlive this object.
  explicit IdentityCommands(CLI::App& app);
  ~IdentityCommands();

  IdentityCommands(const IdentityCommands&) = delete;
  IdentityCommands& operator=(const IdentityCommands&) = delete;

  // True when the parsed command line chose one of these commands.
  bool parsed() const;

  // Runs the chosen command on the process's standard streams (a terminal on stdin is prompted
  // without echo). Returns the exit code.
  int run(const std::map<std::string, std::string>& environment);
  // The same with injected streams.
  int run(const std::map<std::string, std::string>& environment, CommandIo& io);

 private:
  struct Commands;
  std::unique_ptr<Commands> commands_;
};

}  // namespace tars::cli
