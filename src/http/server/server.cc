#include "http/server/server.h"

#include <thread>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/server/listener.h"
#include "http/server/server_core.h"
#include "http/server/session.h"

namespace tars::http {

namespace net = boost::asio;

class Server::Impl {
 public:
  Impl(const ServerOptions& options, Deps deps)
      : core(options, deps.logger, deps.clock, deps.metrics),
        signals(core.ioc),
        hangup(core.ioc),
        grace_timer(core.ioc),
        work(net::make_work_guard(core.ioc)) {}

  ServerCore core;
  std::vector<std::shared_ptr<Listener>> listeners;
  net::signal_set signals;
  net::signal_set hangup;  // SIGHUP → on_hangup (certificate reload)
  std::function<void()> on_hangup;
  net::steady_timer grace_timer;
  net::executor_work_guard<net::io_context::executor_type> work;
  std::atomic<bool> shutdown_started{false};

  // Runs on_hangup for every SIGHUP until shutdown cancels the set.
  void waitForHangup() {
    hangup.async_wait([this](boost::system::error_code ec, int) {
      if (ec)
        return;
      if (on_hangup)
        on_hangup();
      else
        core.logger.info("SIGHUP: nothing to reload");
      waitForHangup();
    });
  }

  void beginShutdown() {
    if (shutdown_started.exchange(true))
      return;
    net::post(core.ioc, [this] { onShutdown(); });
  }

  void onShutdown() {
    core.logger.info("shutdown: draining",
                     {{"connections", std::to_string(core.connections()), true}});
    core.draining.store(true);
    try {
      signals.cancel();
      hangup.cancel();
    } catch (const boost::system::system_error&) {
      // nothing was waiting
    }
    for (auto& l : listeners)
      l->stop();
    core.forEach([](const std::shared_ptr<Session>& s) { s->drain(); });
    grace_timer.expires_after(core.options.shutdown_grace);
    grace_timer.async_wait([this](boost::system::error_code ec) {
      if (ec)
        return;  // cancelled: drained in time
      core.logger.warn("shutdown: grace period over, closing remaining connections",
                       {{"connections", std::to_string(core.connections()), true}});
      core.ioc.stop();
    });
    work.reset();
    checkDrained();
  }

  void checkDrained() {
    if (core.draining.load() && core.connections() == 0) {
      net::post(core.ioc, [this] { grace_timer.cancel(); });
    }
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
  // Sessions still alive (grace period over) are destroyed with the io_context; they must no
  // longer call back into the listeners, which go first.
  impl_->core.setOnConnectionClosed(nullptr);
  impl_->core.workers.join();
}

StatusOr<std::unique_ptr<Server>> Server::Create(const ServerOptions& options,
                                                 const std::vector<ListenerSpec>& listeners,
                                                 Deps deps) {
  if (listeners.empty())
    return invalidArgument("server needs at least one listener");
  auto impl = std::make_unique<Impl>(options, deps);
  for (const auto& spec : listeners) {
    boost::system::error_code ec;
    auto addr = net::ip::make_address(spec.host, ec);
    if (ec)
      return invalidArgument("server.host: '" + spec.host + "' is not an IP address");
    auto l = Listener::Create(impl->core, {addr, spec.port}, *spec.router, *spec.chain, spec.tls);
    if (!l.isOk())
      return l.status();
    impl->listeners.push_back(std::move(*l));
  }
  Impl* raw = impl.get();
  impl->core.setOnConnectionClosed([raw] {
    for (auto& l : raw->listeners)
      l->resume();
    raw->checkDrained();
  });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::vector<std::uint16_t> Server::ports() const {
  std::vector<std::uint16_t> out;
  for (const auto& l : impl_->listeners)
    out.push_back(l->port());
  return out;
}

void Server::handleSignals() {
  impl_->signals.add(SIGTERM);
  impl_->signals.add(SIGINT);
  impl_->signals.async_wait([this](boost::system::error_code ec, int) {
    if (!ec)
      beginShutdown();
  });
  // SIGHUP never ends the process (its default action); it reloads what can be reloaded.
  impl_->hangup.add(SIGHUP);
  impl_->waitForHangup();
}

void Server::run() {
  for (auto& l : impl_->listeners)
    l->start();
  int n = impl_->core.options.io_threads > 0 ? impl_->core.options.io_threads : 1;
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(n - 1));
  for (int i = 1; i < n; ++i)
    threads.emplace_back([this] { impl_->core.ioc.run(); });
  impl_->core.ioc.run();
  for (auto& t : threads)
    t.join();
}

void Server::onHangup(std::function<void()> fn) {
  impl_->on_hangup = std::move(fn);
}

void Server::beginShutdown() {
  impl_->beginShutdown();
}

}  // namespace tars::http
