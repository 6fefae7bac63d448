#pragma once
// ServerCore: state shared by the listeners and sessions of one Server (internal to http/server).
//
// Thread safety: counters are atomic; the session registry is guarded by mu_.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "core/logger.h"
#include "http/server/server_options.h"
#include "metrics/http_metrics.h"

namespace tars::http {

class Session;

class ServerCore {
  // Declared first so that they outlive `ioc`: sessions destroyed with the io_context call
  // remove().
  std::mutex mu_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // GUARDED_BY(mu_)
  std::atomic<std::size_t> connections_{0};
  std::function<void()> on_closed_;

 public:
  ServerCore(const ServerOptions& opts, Logger& log, const Clock& clk, metrics::HttpMetrics& m)
      : options(opts),
        logger(log),
        clock(clk),
        metrics(m),
        ids(clk),
        // One I/O thread: tell Asio, so its scheduler skips the multi-thread wake-up work.
        ioc(opts.io_threads <= 1 ? 1 : opts.io_threads),
        workers(static_cast<std::size_t>(opts.worker_threads > 0 ? opts.worker_threads : 1)) {}

  const ServerOptions options;
  Logger& logger;
  const Clock& clock;
  metrics::HttpMetrics& metrics;
  const IdGenerator ids;
  boost::asio::io_context ioc;
  boost::asio::thread_pool workers;
  // Blocking handlers posted to `workers` and not yet started (bounded by
  // options.worker_queue_limit: beyond it the request gets 503 instead of waiting).
  std::atomic<std::size_t> workers_queued{0};
  std::atomic<bool> draining{false};

  // Registry of live sessions, for draining on shutdown.
  void add(const std::shared_ptr<Session>& s);
  // Called from a session's destructor.
  void remove(Session* s);
  // Calls `fn` on every live session; fn must only post work.
  void forEach(const std::function<void(const std::shared_ptr<Session>&)>& fn);
  std::size_t connections() const { return connections_.load(std::memory_order_acquire); }

  // Called (on any thread) after a session ended.
  void setOnConnectionClosed(std::function<void()> fn) { on_closed_ = std::move(fn); }
};

}  // namespace tars::http
