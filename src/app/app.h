#pragma once
// App: the composition root (STYLE.md layout: the ONLY place that picks backends and wires Clock,
// metrics, routes, filters and listeners from the Config). Everything it builds is owned here and
// passed down by reference; nothing is global.
//
// Thread safety: Create/bind/run are called from one thread; shutdown() from any thread.

#include <cstdint>
#include <memory>
#include <vector>

#include "core/config/config.h"
#include "core/logger.h"
#include "core/status.h"
#include "http/router/route_spec.h"

namespace tars::app {

class App {
 public:
  // Builds the route table and the filter chain for the mounted groups. Touches no files and opens
  // no sockets (so `tars routes` can use it).
  static StatusOr<std::unique_ptr<App>> Create(std::shared_ptr<const config::Config> config,
                                               Logger& logger);
  ~App();

  // The main listener's route table, in declaration order.
  const std::vector<http::RouteSpec>& routes() const;

  // Creates the data dir (0700) and binds the listeners. Fails on an unusable data dir or port.
  Status prepare();
  // Bound ports (main first, then the probe port if any). REQUIRES: prepare() succeeded.
  std::vector<std::uint16_t> ports() const;
  // Serves until shutdown completes. REQUIRES: prepare() succeeded.
  void run(bool handle_signals);
  // Starts a graceful shutdown (as SIGTERM does).
  void shutdown();

  class Impl;

 private:
  explicit App(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// tars::LogLevel/LogFormat of the config's log section.
LogLevel toLogLevel(config::LogLevel level);
LogFormat toLogFormat(config::LogFormat format);

}  // namespace tars::app
