#include "app/cli/identity_commands.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <vector>

#include "app/cli/audit_command.h"
#include "app/cli/keys_command.h"
#include "app/cli/users_command.h"
#include "core/config/loader.h"

namespace tars::cli {

// The subcommands and the values CLI11 binds their flags to.
struct IdentityCommands::Commands {
  std::string config_file;

  CLI::App* users = nullptr;
  CLI::App* users_add = nullptr;
  CLI::App* users_passwd = nullptr;
  CLI::App* users_list = nullptr;
  CLI::App* users_disable = nullptr;
  CLI::App* keys = nullptr;
  CLI::App* keys_create = nullptr;
  CLI::App* keys_list = nullptr;
  CLI::App* keys_revoke = nullptr;
  CLI::App* keys_rotate = nullptr;
  CLI::App* audit = nullptr;
  CLI::App* audit_verify = nullptr;

  UsersAddArgs add;
  std::string email;  // --email; copied into add.email when given
  bool password_stdin = false;
  std::string username;  // passwd, disable
  bool json = false;
  KeysCreateArgs create;
  std::string scopes;  // --scopes; copied into create.scopes when given
  int expires_in_days = 0;
  bool include_revoked = false;
  std::string key_id;
};

namespace {

void addConfigFlag(CLI::App* cmd, std::string& file) {
  cmd->add_option("--config", file, "YAML config file")->check(CLI::ExistingFile);
}

}  // namespace

IdentityCommands::IdentityCommands(CLI::App& app) : commands_(std::make_unique<Commands>()) {
  Commands& c = *commands_;

  c.users = app.add_subcommand("users", "Manage user accounts in the configured store");
  c.users->require_subcommand(1);
  c.users_add = c.users->add_subcommand(
      "add", "Create a user; the password is the first line of standard input");
  c.users_add->add_option("username", c.add.username, "Username ([a-z0-9._-], 3-64)")->required();
  c.users_add->add_option("--role", c.add.roles, "Role: viewer, developer or admin (repeatable)")
      ->required()
      ->delimiter(',');
  c.users_add->add_option("--email", c.email, "E-mail address");
  c.users_add->add_flag("--password-stdin", c.password_stdin,
                        "Read the password from standard input (the default; never from argv)");
  c.users_passwd = c.users->add_subcommand(
      "passwd", "Set a user's password; the password is the first line of standard input");
  c.users_passwd->add_option("username", c.username, "Username")->required();
  c.users_passwd->add_flag("--password-stdin", c.password_stdin,
                           "Read the password from standard input (the default)");
  c.users_list = c.users->add_subcommand("list", "List users (never their password hashes)");
  c.users_list->add_flag("--json", c.json, "One JSON object per line");
  c.users_disable = c.users->add_subcommand("disable", "Disable a user and revoke its sessions");
  c.users_disable->add_option("username", c.username, "Username")->required();

  c.keys = app.add_subcommand("keys", "Manage API keys and the signing-key ring");
  c.keys->require_subcommand(1);
  c.keys_create = c.keys->add_subcommand("create", "Create an API key and print it once");
  c.keys_create
      ->add_option("--service-name", c.create.service_name,
                   "Service name (1-64 of [A-Za-z0-9 ._-])")
      ->required();
  c.keys_create->add_option("--scopes", c.scopes,
                            "Comma-separated scopes (default: auth.api_keys.default_scopes)");
  c.keys_create->add_option("--expires-in-days", c.expires_in_days,
                            "Days until the key expires (1-3650; default: never)");
  c.keys_create->add_flag("--json", c.json, "Print the POST /auth/service-token object");
  c.keys_list = c.keys->add_subcommand("list", "List API keys (never a secret)");
  c.keys_list->add_flag("--include-revoked", c.include_revoked, "Include revoked keys");
  c.keys_list->add_flag("--json", c.json, "One JSON object per line");
  c.keys_revoke = c.keys->add_subcommand("revoke", "Revoke an API key");
  c.keys_revoke->add_option("key_id", c.key_id, "The key_id (12 characters)")->required();
  c.keys_rotate =
      c.keys->add_subcommand("rotate-signing", "Make a new signing key current (no restart)");
  c.keys_rotate->add_flag("--json", c.json, "Print the POST /auth/keys/rotate object");

  c.audit = app.add_subcommand("audit", "Inspect the audit log");
  c.audit->require_subcommand(1);
  c.audit_verify =
      c.audit->add_subcommand("verify", "Check the audit hash chain (exit 1 when broken)");

  for (CLI::App* group : {c.users, c.keys, c.audit}) {
    addConfigFlag(group, c.config_file);
    for (CLI::App* cmd : group->get_subcommands([](CLI::App*) { return true; }))
      addConfigFlag(cmd, c.config_file);
  }
}

IdentityCommands::~IdentityCommands() = default;

bool IdentityCommands::parsed() const {
  return commands_->users->parsed() || commands_->keys->parsed() || commands_->audit->parsed();
}

int IdentityCommands::run(const std::map<std::string, std::string>& environment) {
  CommandIo io{std::cin, std::cout, std::cerr, ::isatty(STDIN_FILENO) == 1};
  return run(environment, io);
}

int IdentityCommands::run(const std::map<std::string, std::string>& environment, CommandIo& io) {
  Commands& c = *commands_;
  config::LoadOptions load;
  if (!c.config_file.empty())
    load.config_file = c.config_file;
  load.environment = environment;
  auto cfg = config::loadConfig(load);
  if (!cfg.isOk()) {
    io.err << "tars: " << cfg.status().message() << "\n";
    return kExitUsage;
  }
  const bool read_only = c.users_list->parsed() || c.keys_list->parsed() || c.audit->parsed();
  auto ctx =
      IdentityContext::Open(*cfg, read_only ? StoreAccess::kReadOnly : StoreAccess::kReadWrite);
  if (!ctx.isOk())
    return reportFailure(io, ctx.status());
  IdentityContext& context = **ctx;
  const ListFormat format = c.json ? ListFormat::kJsonLines : ListFormat::kTable;

  if (c.users_add->parsed()) {
    if (c.users_add->count("--email") > 0)
      c.add.email = c.email;
    return usersAdd(context, c.add, io);
  }
  if (c.users_passwd->parsed())
    return usersPasswd(context, c.username, io);
  if (c.users_list->parsed())
    return usersList(context, format, io);
  if (c.users_disable->parsed())
    return usersDisable(context, c.username, io);
  if (c.keys_create->parsed()) {
    if (c.keys_create->count("--scopes") > 0)
      c.create.scopes = c.scopes;
    if (c.keys_create->count("--expires-in-days") > 0)
      c.create.expires_in_days = c.expires_in_days;
    c.create.json = c.json;
    return keysCreate(context, c.create, io);
  }
  if (c.keys_list->parsed())
    return keysList(context, c.include_revoked, format, io);
  if (c.keys_revoke->parsed())
    return keysRevoke(context, c.key_id, io);
  if (c.keys_rotate->parsed())
    return keysRotateSigning(context, c.json, io);
  return auditVerify(context, io);
}

}  // namespace tars::cli
