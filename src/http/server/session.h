#pragma once
// Session: one HTTP/1.1 connection (Beast advanced-server style, STYLE.md rule 8).
//
// Every operation runs on the connection's strand with a deadline: the first byte of a request
// within idle_timeout, the rest of the head within header_read_timeout, the body within
// body_read_timeout, the response within write_timeout. Pipelined requests are answered in order
// (the next request is parsed only after the previous response is written). The route, filters,
// authentication and rate limit are decided on the head, before the body is read. A TLS
// connection first completes its handshake within header_read_timeout; a failed handshake is
// logged (with OpenSSL's reason, never certificate contents) and closed.

#include <memory>
#include <optional>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/filter/chain.h"
#include "http/filter/request_context.h"
#include "http/request.h"
#include "http/router/router.h"
#include "http/server/connection_stream.h"
#include "http/server/raw_request.h"
#include "http/server/server_core.h"

namespace tars::tls {
class TlsContextProvider;
struct PeerIdentity;
}  // namespace tars::tls

namespace tars::http {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `tls` (may be null: plain HTTP) gives the context of this connection's handshake.
  Session(boost::asio::ip::tcp::socket&& socket, ServerCore& core, const Router& router,
          const FilterChain& chain, const tls::TlsContextProvider* tls);
  ~Session();

  // Registers with the core and starts reading. Call once, right after construction.
  void start();
  // Shutdown: close now if idle, else after the current response.
  void drain();

 private:
  enum class State { kIdle, kReadingHead, kBusy, kClosed };

  // TLS: the handshake (bounded by header_read_timeout), then the peer's identity.
  void doHandshake();
  void onHandshake(boost::beast::error_code ec);
  void doReadFirstBytes();
  void onReadFirstBytes(boost::beast::error_code ec, std::size_t n);
  void doReadHead();
  void onReadHead(boost::beast::error_code ec, std::size_t n);
  void handleHead();
  void doReadBody();
  void onReadBody(boost::beast::error_code ec, std::size_t n);
  void invokeHandler();
  void onHandlerDone(HandlerResult result);
  // Answers a head that could not be parsed (400/431) and closes.
  void respondToBadHead(int status, std::string_view slug, std::string detail);
  // Runs onResponse and writes; `close_after` forces Connection: close.
  void finish(Response response, bool close_after);
  void onWrite(bool close, boost::beast::error_code ec, std::size_t n);
  void close();

  ConnectionStream stream_;
  const tls::TlsContextProvider* const tls_;
  std::shared_ptr<const tls::PeerIdentity> tls_peer_;  // after a TLS handshake
  ServerCore& core_;
  const Router& router_;
  const FilterChain& chain_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  RawRequest raw_;
  std::optional<Request> request_;
  RequestContext ctx_;
  std::size_t filters_ran_ = 0;
  std::string head_out_;  // serialised response head being written
  std::string body_out_;  // response body being written
  std::string remote_address_;
  State state_ = State::kIdle;
  bool draining_ = false;
};

}  // namespace tars::http
