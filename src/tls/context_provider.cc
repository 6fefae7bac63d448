#include "tls/context_provider.h"

#include <utility>

#include "core/time_format.h"

namespace tars::tls {

StatusOr<std::unique_ptr<TlsContextProvider>> TlsContextProvider::Create(
    config::TlsConfig tls, Logger& logger, ServerContextOptions options) {
  TARS_ASSIGN_OR_RETURN(ClientSanPolicy policy, ClientSanPolicy::Create(tls));
  TARS_ASSIGN_OR_RETURN(ServerTlsContext first, buildServerContext(tls, options));
  return std::unique_ptr<TlsContextProvider>(new TlsContextProvider(
      std::move(tls), logger, std::move(options), std::move(policy), std::move(first)));
}

TlsContextProvider::TlsContextProvider(config::TlsConfig tls, Logger& logger,
                                       ServerContextOptions options, ClientSanPolicy policy,
                                       ServerTlsContext first)
    : tls_(std::move(tls)),
      logger_(logger),
      options_(std::move(options)),
      san_policy_(std::move(policy)),
      current_(std::move(first)) {}

SslContextPtr TlsContextProvider::current() const {
  std::lock_guard lock(mu_);
  return current_.ssl;
}

CertificateIdentity TlsContextProvider::currentCertificate() const {
  std::lock_guard lock(mu_);
  return current_.certificate;
}

TlsContextProvider::Stats TlsContextProvider::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

std::vector<std::string> TlsContextProvider::watchedFiles() const {
  std::vector<std::string> files;
  if (tls_.server_cert)
    files.push_back(*tls_.server_cert);
  if (tls_.server_key)
    files.push_back(*tls_.server_key);
  const bool verifies_clients =
      tls_.require_mtls || tls_.client_cert_validation != config::ClientCertValidation::kNone;
  if (verifies_clients && tls_.client_ca_bundle)
    files.push_back(*tls_.client_ca_bundle);
  return files;
}

Status TlsContextProvider::reload() {
  std::lock_guard reload_lock(reload_mu_);
  StatusOr<ServerTlsContext> next = buildServerContext(tls_, options_);
  if (!next.isOk()) {
    std::uint64_t failed;
    {
      std::lock_guard lock(mu_);
      failed = ++stats_.reloads_failed;
    }
    const std::string count = std::to_string(failed);
    logger_.error("tls reload refused; the current certificate stays in service",
                  {{"error", next.status().message()}, {"reloads_failed", count, true}});
    return next.status();
  }
  CertificateIdentity served = next->certificate;
  std::uint64_t generation;
  ServerTlsContext previous;  // released after the lock: freeing an SSL_CTX is not free
  {
    std::lock_guard lock(mu_);
    previous = std::exchange(current_, std::move(next).value());
    ++stats_.reloads_ok;
    generation = ++stats_.generation;
  }
  const std::string gen = std::to_string(generation);
  logger_.info("tls certificate reloaded", {{"subject", served.subject},
                                            {"serial", served.serial_hex},
                                            {"not_after", formatRfc3339Millis(served.not_after)},
                                            {"generation", gen, true}});
  return Status::ok();
}

}  // namespace tars::tls
