#pragma once
// Listener: accepts connections on one endpoint and starts a Session for each. At
// max_connections it stops accepting (the kernel backlog holds new clients) and resumes once a
// connection closes, counting each stop in tars_http_max_connections_reached_total.
//
// Thread safety: all work runs on the listener's strand; stop() and resume() post to it.

#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/error.hpp>

#include "core/status.h"
#include "http/filter/chain.h"
#include "http/router/router.h"
#include "http/server/server_core.h"

namespace tars::tls {
class TlsContextProvider;
}

namespace tars::http {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  static StatusOr<std::shared_ptr<Listener>> Create(ServerCore& core,
                                                    const boost::asio::ip::tcp::endpoint& ep,
                                                    const Router& router, const FilterChain& chain,
                                                    const tls::TlsContextProvider* tls);

  std::uint16_t port() const { return port_; }
  void start();
  // Closes the acceptor: new connections are refused from now on.
  void stop();
  // Resumes accepting if it paused at max_connections.
  void resume();

 private:
  Listener(ServerCore& core, const Router& router, const FilterChain& chain,
           const tls::TlsContextProvider* tls);
  void doAccept();
  void onAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  ServerCore& core_;
  const Router& router_;
  const FilterChain& chain_;
  const tls::TlsContextProvider* const tls_;  // null: plain HTTP
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer backoff_;  // delay before accepting again after an accept error
  std::uint16_t port_ = 0;
  bool accepting_ = false;  // an async_accept is pending
  bool paused_ = false;     // waiting for a connection to close
  bool stopped_ = false;
};

}  // namespace tars::http
