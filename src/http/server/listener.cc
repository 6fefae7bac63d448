#include "http/server/listener.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>

#include "http/server/session.h"

namespace tars::http {

namespace net = boost::asio;
namespace beast = boost::beast;

Listener::Listener(ServerCore& core, const Router& router, const FilterChain& chain,
                   const tls::TlsContextProvider* tls)
    : core_(core),
      router_(router),
      chain_(chain),
      tls_(tls),
      strand_(net::make_strand(core.ioc)),
      acceptor_(strand_),
      backoff_(strand_) {}

StatusOr<std::shared_ptr<Listener>> Listener::Create(ServerCore& core,
                                                     const net::ip::tcp::endpoint& ep,
                                                     const Router& router, const FilterChain& chain,
                                                     const tls::TlsContextProvider* tls) {
  std::shared_ptr<Listener> l(new Listener(core, router, chain, tls));
  beast::error_code ec;
  auto where = ep.address().to_string() + ":" + std::to_string(ep.port());
  l->acceptor_.open(ep.protocol(), ec);
  if (!ec)
    l->acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec)
    l->acceptor_.bind(ep, ec);
  if (ec)
    return unavailable("cannot bind " + where + ": " + ec.message());
  l->acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return unavailable("cannot listen on " + where + ": " + ec.message());
  l->port_ = l->acceptor_.local_endpoint(ec).port();
  return l;
}

void Listener::start() {
  net::post(strand_, [self = shared_from_this()] { self->doAccept(); });
}

void Listener::stop() {
  net::post(strand_, [self = shared_from_this()] {
    self->stopped_ = true;
    beast::error_code ec;
    self->acceptor_.close(ec);
    self->backoff_.cancel();
  });
}

void Listener::resume() {
  net::post(strand_, [self = shared_from_this()] {
    if (self->paused_ && !self->stopped_ &&
        self->core_.connections() < self->core_.options.max_connections) {
      self->paused_ = false;
      self->doAccept();
    }
  });
}

void Listener::doAccept() {
  if (stopped_ || accepting_)
    return;
  if (core_.connections() >= core_.options.max_connections) {
    if (!paused_)
      core_.metrics.maxConnectionsReached();
    paused_ = true;
    return;
  }
  accepting_ = true;
  // A strand per connection serialises its handlers across I/O threads; with one I/O thread the
  // loop itself serialises them and a strand would only add a lock per operation.
  auto handler = beast::bind_front_handler(&Listener::onAccept, shared_from_this());
  if (core_.options.io_threads <= 1) {
    acceptor_.async_accept(net::any_io_executor(core_.ioc.get_executor()), std::move(handler));
  } else {
    acceptor_.async_accept(net::any_io_executor(net::make_strand(core_.ioc)), std::move(handler));
  }
}

void Listener::onAccept(beast::error_code ec, net::ip::tcp::socket socket) {
  accepting_ = false;
  if (stopped_)
    return;
  if (ec) {
    // EMFILE and friends: log, wait a little (retrying at once would spin), and go on; the OS
    // recovers as connections close.
    core_.logger.warn("accept failed", {{"error", ec.message()}});
    backoff_.expires_after(std::chrono::milliseconds(50));
    backoff_.async_wait(
        [self = shared_from_this()](boost::system::error_code) { self->doAccept(); });
    return;
  }
  std::make_shared<Session>(std::move(socket), core_, router_, chain_, tls_)->start();
  doAccept();
}

}  // namespace tars::http
