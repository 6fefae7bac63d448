#include "app/cli/certs_command.h"

#include <CLI/CLI.hpp>
#include <ostream>
#include <sstream>

#include "core/config/loader.h"
#include "core/time_format.h"
#include "tls/certgen/cert_generator.h"

namespace tars::cli {
namespace {

std::vector<std::string> splitList(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty())
      out.push_back(item);
  }
  return out;
}

std::string describe(const tls::GeneratedFile& f) {
  std::string line = f.path + (f.reused ? "  reused" : "  written");
  if (f.is_key)
    return line + "  private key (0600)";
  line += "  " + f.subject;
  if (!f.sans.empty()) {
    line += "  SAN ";
    for (std::size_t i = 0; i < f.sans.size(); ++i)
      line += (i == 0 ? "" : ",") + f.sans[i];
  }
  return line + "  expires " + formatRfc3339Millis(f.not_after);
}

}  // namespace

struct CertsCommand::Flags {
  CLI::App* certs = nullptr;
  CLI::App* generate = nullptr;
  std::string config_file;
  std::string out;
  std::string services;
  std::vector<std::string> ingress_hosts;
  std::vector<std::string> extra_sans;
  tls::CertSetOptions set;
  bool rsa = false;
  bool force = false;
};

CertsCommand::CertsCommand(CLI::App& app) : flags_(std::make_unique<Flags>()) {
  Flags& f = *flags_;
  f.certs = app.add_subcommand("certs", "TLS certificates");
  f.certs->require_subcommand(1);
  f.generate = f.certs->add_subcommand(
      "generate", "Write a CA and server, client and ingress certificates (tars.md §5)");
  CLI::App* g = f.generate;
  g->add_option("--out", f.out, "Output directory (default <data_dir>/certs, created 0700)");
  g->add_option("--services", f.services,
                "Comma list (default all: auth,orchestration,automl,hypersync,dashboard,verifier)");
  g->add_option("--namespace", f.set.namespace_name, "Kubernetes namespace (default tars)");
  g->add_option("--release", f.set.release, "Helm release name (default tars)");
  g->add_option("--cluster-domain", f.set.cluster_domain, "Cluster domain (default cluster.local)");
  g->add_option("--ingress-host", f.ingress_hosts, "Ingress host (repeatable; default tars.local)");
  g->add_option("--extra-san", f.extra_sans,
                "Extra DNS name or IP on the service certificates (repeatable)");
  g->add_option("--days", f.set.days, "Leaf validity in days (default 365)");
  g->add_option("--ca-days", f.set.ca_days, "CA validity in days (default 3650)");
  g->add_flag("--rsa", f.rsa, "RSA-2048 keys instead of ECDSA P-256");
  g->add_flag("--force", f.force, "Replace existing key files");
  g->add_option("--config", f.config_file, "YAML config file (for data_dir)")
      ->check(CLI::ExistingFile);
}

CertsCommand::~CertsCommand() = default;

bool CertsCommand::parsed() const {
  return flags_->certs->parsed();
}

int CertsCommand::run(const std::map<std::string, std::string>& environment, std::ostream& out,
                      std::ostream& err) {
  Flags& f = *flags_;
  tls::GenerateOptions options;
  options.set = f.set;
  options.force = f.force;
  if (f.rsa)
    options.set.algorithm = tls::KeyAlgorithm::kRsa2048;
  if (!f.services.empty() && f.services != "all")
    options.set.services = splitList(f.services);
  if (!f.ingress_hosts.empty())
    options.set.ingress_hosts = f.ingress_hosts;
  options.set.extra_sans = f.extra_sans;
  options.out_dir = f.out;
  if (options.out_dir.empty()) {
    config::LoadOptions load;
    if (!f.config_file.empty())
      load.config_file = f.config_file;
    load.environment = environment;
    auto cfg = config::loadConfig(load);
    if (!cfg.isOk()) {
      err << "tars: " << cfg.status().message() << "\n";
      return kExitUsage;
    }
    options.out_dir = (*cfg)->data_dir + "/certs";
  }

  StatusOr<std::vector<tls::GeneratedFile>> files =
      tls::generateCertificateSet(options, std::chrono::system_clock::now());
  if (!files.isOk()) {
    err << "tars certs generate: " << files.status().message() << "\n";
    switch (files.status().code()) {
      case StatusCode::kInvalidArgument:
        return kExitUsage;
      case StatusCode::kAlreadyExists:
        return kExitKeyExists;
      default:
        return kExitRuntime;
    }
  }
  for (const tls::GeneratedFile& file : *files)
    out << describe(file) << "\n";
  return 0;
}

}  // namespace tars::cli
