#pragma once
// TlsContextProvider: the listener's current SSL context, replaceable without a restart.
//
// The server asks for current() once per accepted connection and keeps the returned shared_ptr
// for the connection's lifetime; reload() builds a fresh context from the same `tls.*` settings
// and the files as they are now, and swaps it in only when the build succeeded. A bad new file
// (unreadable, half written, a key that does not match) is refused with a log line and the old
// context stays in service; connections already open are never touched.
//
// Who calls reload(): the CertificateWatcher (file_watcher.h) when the files change on disk
// (cert-manager rewrites Secret volumes via a symlink swap), and the app on SIGHUP.
//
// Wiring sketch (server side):
//
//   auto provider = tls::TlsContextProvider::Create(config.tls, logger);   // at start; refuse
//   ...                                                                     // to start on error
//   // per accepted socket:
//   tls::SslContextPtr ctx = provider->current();
//   beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *ctx);   // keep ctx alive
//   ... async_handshake(server) with a timeout ...
//   auto peer = tls::verifiedPeerIdentity(stream.native_handle(), provider->sanPolicy());
//
// Thread safety: every method is thread-safe. reload() calls are serialised; current() never
// blocks on a reload in progress for longer than a pointer copy.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/logger.h"
#include "core/status.h"
#include "tls/client_san_policy.h"
#include "tls/server_context.h"

namespace tars::tls {

class TlsContextProvider {
 public:
  // Builds the first context; any problem is returned (start-up must refuse, naming the field).
  // `logger` must outlive the provider.
  static StatusOr<std::unique_ptr<TlsContextProvider>> Create(config::TlsConfig tls, Logger& logger,
                                                              ServerContextOptions options = {});

  // The context for the next handshake. Never null.
  SslContextPtr current() const;

  // Rebuilds from the files and swaps on success (logs "tls certificate reloaded" with the new
  // leaf's subject, serial and expiry). On failure logs "tls reload refused" with the reason,
  // keeps the current context and returns the error.
  Status reload();

  // The SAN decision for verified client certificates (immutable; not affected by reload).
  const ClientSanPolicy& sanPolicy() const { return san_policy_; }

  // The files a reload reads (server cert and key, and the client CA bundle when used).
  std::vector<std::string> watchedFiles() const;

  // The leaf being served now.
  CertificateIdentity currentCertificate() const;

  struct Stats {
    std::uint64_t generation = 1;      // 1 for the first context, +1 per successful reload
    std::uint64_t reloads_ok = 0;      // successful reloads
    std::uint64_t reloads_failed = 0;  // refused reloads (old context kept)
  };
  Stats stats() const;

 private:
  TlsContextProvider(config::TlsConfig tls, Logger& logger, ServerContextOptions options,
                     ClientSanPolicy policy, ServerTlsContext first);

  const config::TlsConfig tls_;
  Logger& logger_;
  const ServerContextOptions options_;
  const ClientSanPolicy san_policy_;

  std::mutex reload_mu_;  // serialises reload(); held while files are read
  mutable std::mutex mu_;
  ServerTlsContext current_;  // GUARDED_BY(mu_)
  Stats stats_;               // GUARDED_BY(mu_)
};

}  // namespace tars::tls
