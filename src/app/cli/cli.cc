#include "app/cli/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>

#include "app/app.h"
#include "app/cli/cap_command.h"
#include "app/cli/certs_command.h"
#include "app/cli/exit_codes.h"
#include "app/cli/identity_commands.h"
#include "app/cli/routes_json.h"
#include "app/doctor/doctor.h"
#include "core/config/loader.h"
#include "core/version.h"

namespace tars::cli {
namespace {

struct ConfigFlags {
  std::string config_file;
  std::optional<int> port;
  std::string services;
  std::string data_dir;
};

StatusOr<std::shared_ptr<const config::Config>> load(
    const ConfigFlags& f, const std::map<std::string, std::string>& environment) {
  config::LoadOptions o;
  if (!f.config_file.empty())
    o.config_file = f.config_file;
  o.environment = environment;
  o.port = f.port;
  if (!f.services.empty())
    o.services = f.services;
  if (!f.data_dir.empty())
    o.data_dir = f.data_dir;
  return config::loadConfig(o);
}

int serve(const ConfigFlags& flags, const std::map<std::string, std::string>& environment) {
  auto cfg = load(flags, environment);
  if (!cfg.isOk()) {
    std::cerr << "tars: " << cfg.status().message() << "\n";
    return kExitConfig;
  }
  Logger logger(app::toLogLevel((*cfg)->log.level), app::toLogFormat((*cfg)->log.format));
  auto app = app::App::Create(*cfg, logger);
  if (!app.isOk()) {
    std::cerr << "tars: " << app.status().message() << "\n";
    return kExitConfig;
  }
  if (auto st = (*app)->prepare(); !st.isOk()) {
    std::cerr << "tars: " << st.message() << "\n";
    return kExitRuntime;
  }
  (*app)->run(/*handle_signals=*/true);
  return 0;
}

int routes(const ConfigFlags& flags, const std::map<std::string, std::string>& environment) {
  auto cfg = load(flags, environment);
  if (!cfg.isOk()) {
    std::cerr << "tars: " << cfg.status().message() << "\n";
    return kExitConfig;
  }
  Logger logger(LogLevel::kOff, LogFormat::kText);
  auto app = app::App::Create(*cfg, logger);
  if (!app.isOk()) {
    std::cerr << "tars: " << app.status().message() << "\n";
    return kExitConfig;
  }
  std::cout << routesToJson((*app)->routes()) << "\n";
  return 0;
}

int doctor(const ConfigFlags& flags, bool offline,
           const std::map<std::string, std::string>& environment) {
  auto cfg = load(flags, environment);
  if (!cfg.isOk()) {
    std::cout << "FAIL  0 config loads: " << cfg.status().message() << "\n";
    return kExitRuntime;
  }
  auto checks = doctor::runDoctor(**cfg, environment, offline);
  std::cout << doctor::formatChecks(checks);
  return doctor::exitCode(checks);
}

void addConfigFlag(CLI::App* cmd, ConfigFlags& f) {
  cmd->add_option("--config", f.config_file, "YAML config file")->check(CLI::ExistingFile);
}

}  // namespace

int run(int argc, char** argv, const std::map<std::string, std::string>& environment) {
  CLI::App cli{"tars — T.A.R.S. multi-agent RL platform and CAP verifier"};
  cli.require_subcommand(1);
  ConfigFlags flags;
  bool offline = false;

  auto* serve_cmd = cli.add_subcommand("serve", "Serve the HTTP API");
  addConfigFlag(serve_cmd, flags);
  serve_cmd->add_option("--port", flags.port, "Listen port (overrides server.port)");
  serve_cmd->add_option("--services", flags.services, "Route groups to mount (comma list or all)");
  serve_cmd->add_option("--data-dir", flags.data_dir, "Data directory (overrides data_dir)");

  cli.add_subcommand("version", "Print the version");

  auto* routes_cmd = cli.add_subcommand("routes", "Print the route table as JSON");
  addConfigFlag(routes_cmd, flags);
  routes_cmd->add_option("--services", flags.services, "Route groups to list");

  auto* doctor_cmd =
      cli.add_subcommand("doctor", "Check a config against the production checklist");
  addConfigFlag(doctor_cmd, flags);
  doctor_cmd->add_flag("--offline", offline, "Config checks only: no files, store or network");

  IdentityCommands identity_cmds(cli);  // users, keys, audit
  CertsCommand certs_cmd(cli);          // certs generate
  CapCommand cap_cmd(cli);              // cap prepare, cap verify-manifest

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? 0 : kExitConfig;
  }

  if (serve_cmd->parsed())
    return serve(flags, environment);
  if (routes_cmd->parsed())
    return routes(flags, environment);
  if (doctor_cmd->parsed())
    return doctor(flags, offline, environment);
  if (identity_cmds.parsed())
    return identity_cmds.run(environment);
  if (certs_cmd.parsed())
    return certs_cmd.run(environment, std::cout, std::cerr);
  if (cap_cmd.parsed())
    return cap_cmd.run(std::cout, std::cerr);
  std::cout << "tars " << kVersion << " (" << kRevision << ")\n";
  return 0;
}

}  // namespace tars::cli
