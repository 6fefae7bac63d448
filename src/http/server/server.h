#pragma once
// Server: owns the I/O loop, its threads, the listeners and the live sessions.
//
// Lifecycle: Create() binds every listener (a bind failure is returned, not thrown); run() blocks
// the calling thread plus io_threads-1 others until shutdown completes; beginShutdown() (from any
// thread, or SIGTERM/SIGINT when handleSignals) stops accepting, lets in-flight requests finish,
// closes idle keep-alive connections, and forces the loop to stop after shutdown_grace.
//
// Thread safety: beginShutdown() and ports() are thread-safe; everything else is called once.

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "core/status.h"
#include "http/filter/chain.h"
#include "http/router/router.h"
#include "http/server/server_options.h"
#include "metrics/http_metrics.h"

namespace tars::tls {
class TlsContextProvider;
}

namespace tars::http {

// One listening endpoint and what it serves.
struct ListenerSpec {
  std::string host;
  std::uint16_t port = 0;
  const Router* router = nullptr;      // must outlive the Server
  const FilterChain* chain = nullptr;  // must outlive the Server
  // Serve TLS with this provider's current context (null: plain HTTP); must outlive the Server.
  const tls::TlsContextProvider* tls = nullptr;
};

class Server {
 public:
  struct Deps {
    Logger& logger;
    const Clock& clock;
    metrics::HttpMetrics& metrics;
  };

  // Binds every listener. REQUIRES: at least one listener.
  static StatusOr<std::unique_ptr<Server>> Create(const ServerOptions& options,
                                                  const std::vector<ListenerSpec>& listeners,
                                                  Deps deps);
  ~Server();

  // Bound ports, in listener order (useful when a port was 0).
  std::vector<std::uint16_t> ports() const;

  // From now on SIGTERM and SIGINT start the shutdown (handled once run() runs the loop) and SIGHUP
  // runs the hangup function. Call at most once, before announcing readiness: a SIGTERM sent
  // between the announcement and run() must drain, not kill the process.
  void handleSignals();
  // Runs the loop until shutdown completes (beginShutdown(), or a signal after handleSignals()).
  void run();
  // After handleSignals(), SIGHUP runs `fn` on an I/O thread (tars: reload TLS certificates);
  // without `fn` it is logged and ignored. Call before run().
  void onHangup(std::function<void()> fn);

  void beginShutdown();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tars::http
