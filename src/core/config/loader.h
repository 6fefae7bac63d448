#pragma once
// loadConfig(): the one way to build a Config.
//
// Sources, later wins: the YAML file (optional) → environment variables → command-line flags.
// Then the derived defaults are filled (store.url = sqlite://<data_dir>/tars.db, server.threads
// 0 → cores, auth.demo_users = env is development, auth.oauth.audiences = [auth.jwt.audience],
// verifier.signing_key_file = <data_dir>/cap/signing_key.pem, tls.require_mtls → required) and
// the result is validated: each section's rules, the original's fail-closed variables
// (ENVIRONMENT, DEMO_USERS_ENABLED), and in production the refusals of production_rules.h.
//
// Failure: kInvalidArgument with the first problem, "config: <key>: <what>[ (<source>)]", where
// <source> is "from TARS_X", "from --flag" or "in FILE line N". Secret values (auth.jwt.secret,
// outbound.api_key, passwords in URLs) never appear in messages. No exception escapes.
//
// Reads the config file only; touches no other file and no network (file readability of TLS
// material is checked where it is used, and by `tars doctor`).
//
// Thread safety: reentrant; the result is immutable.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/config/config.h"
#include "core/status.h"

namespace tars::config {

struct LoadOptions {
  std::optional<std::string> config_file;          // YAML path; absent = defaults + env + flags
  std::map<std::string, std::string> environment;  // main passes the process env; tests a map
  std::optional<int> port;                         // --port → server.port
  std::optional<std::string> services;             // --services → services (comma list or "all")
  std::optional<std::string> data_dir;             // --data-dir → data_dir
};

StatusOr<std::shared_ptr<const Config>> loadConfig(const LoadOptions& options);

}  // namespace tars::config
