#include "tls_test_server.h"

#include <openssl/ssl.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace tars::tls::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct TlsTestServer::Impl {
  TlsContextProvider& provider;
  Options options;
  // Declared before the io_context: handlers it still owns at destruction touch these.
  mutable std::mutex mu;
  mutable std::condition_variable cv;
  std::vector<HandshakeRecord> records;  // GUARDED_BY(mu)
  std::atomic<int> open{0};

  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread thread;

  Impl(TlsContextProvider& p, Options o) : provider(p), options(o) {}

  void record(HandshakeRecord r) {
    {
      std::lock_guard lock(mu);
      records.push_back(std::move(r));
    }
    cv.notify_all();
  }

  void doAccept();
};

namespace {

std::string responseFor(const PeerIdentity& peer, SSL* ssl) {
  if (!peer.sanAllowed()) {
    std::string body = R"({"type":"tls/client-san-not-allowed","title":"Forbidden","status":403,)"
                       R"("detail":"client certificate SAN not allowed"})";
    return "HTTP/1.1 403 Forbidden\r\nContent-Type: application/problem+json\r\n"
           "Connection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  boost::json::object o;
  o["client_cert"] = peer.hasCertificate();
  if (peer.certificate) {
    o["cn"] = peer.certificate->subject_cn;
    boost::json::array sans;
    for (const std::string& s : peer.certificate->dns_sans)
      sans.emplace_back(s);
    o["dns_sans"] = std::move(sans);
  }
  if (X509* own = SSL_get_certificate(ssl)) {
    if (auto id = describeCertificate(own); id.isOk())
      o["server_serial"] = id->serial_hex;
  }
  std::string body = boost::json::serialize(o);
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

// One accepted connection: handshake (bounded), one request head (bounded), one response.
struct Connection : std::enable_shared_from_this<Connection> {
  TlsTestServer::Impl& server;
  SslContextPtr context;  // keeps the context of this handshake alive, whatever reloads do
  beast::ssl_stream<beast::tcp_stream> stream;
  asio::streambuf buffer;
  std::string response;
  Clock::time_point accepted = Clock::now();
  HandshakeRecord rec;

  Connection(TlsTestServer::Impl& s, tcp::socket socket, SslContextPtr ctx)
      : server(s), context(std::move(ctx)), stream(std::move(socket), *context) {
    ++server.open;
  }
  ~Connection() { --server.open; }

  void start() {
    beast::get_lowest_layer(stream).expires_after(server.options.handshake_timeout);
    stream.async_handshake(
        asio::ssl::stream_base::server,
        [self = shared_from_this()](beast::error_code ec) { self->onHandshake(ec); });
  }

  void onHandshake(beast::error_code ec) {
    SSL* ssl = stream.native_handle();
    rec.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - accepted);
    if (ec) {
      rec.error = ec.message();
      rec.verify_failure = verifyFailureReason(ssl);
      server.record(rec);
      return;  // the stream closes with the last reference
    }
    rec.ok = true;
    rec.protocol = SSL_get_version(ssl);
    rec.cipher = SSL_get_cipher_name(ssl);
    rec.resumed = SSL_session_reused(ssl) == 1;
    const unsigned char* alpn = nullptr;
    unsigned int alpn_len = 0;
    SSL_get0_alpn_selected(ssl, &alpn, &alpn_len);
    rec.alpn.assign(reinterpret_cast<const char*>(alpn), alpn_len);
    StatusOr<PeerIdentity> peer = verifiedPeerIdentity(ssl, server.provider.sanPolicy());
    if (!peer.isOk()) {
      rec.ok = false;
      rec.error = peer.status().message();
      server.record(rec);
      return;
    }
    rec.peer = *peer;
    server.record(rec);
    response = responseFor(*peer, ssl);
    beast::get_lowest_layer(stream).expires_after(server.options.request_timeout);
    asio::async_read_until(stream, buffer, "\r\n\r\n",
                           [self = shared_from_this()](beast::error_code rec_ec, std::size_t) {
                             if (!rec_ec)
                               self->doWrite();
                           });
  }

  void doWrite() {
    asio::async_write(stream, asio::buffer(response),
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (!ec)
                          self->doShutdown();
                      });
  }

  void doShutdown() {
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
    stream.async_shutdown([self = shared_from_this()](beast::error_code) {});
  }
};

void TlsTestServer::Impl::doAccept() {
  acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec)
      return;  // closed
    std::make_shared<Connection>(*this, std::move(socket), provider.current())->start();
    doAccept();
  });
}

TlsTestServer::TlsTestServer(TlsContextProvider& provider, Options options)
    : impl_(std::make_unique<Impl>(provider, options)) {
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->doAccept();
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

TlsTestServer::~TlsTestServer() {
  asio::post(impl_->ioc, [this] { impl_->acceptor.close(); });
  impl_->ioc.stop();
  impl_->thread.join();
}

std::vector<HandshakeRecord> TlsTestServer::records() const {
  std::lock_guard lock(impl_->mu);
  return impl_->records;
}

std::optional<HandshakeRecord> TlsTestServer::waitForRecord(
    std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mu);
  if (!impl_->cv.wait_for(lock, timeout, [&] { return impl_->records.size() >= count; }))
    return std::nullopt;
  return impl_->records.back();
}

int TlsTestServer::openConnections() const {
  return impl_->open.load();
}

bool TlsTestServer::waitForNoConnections(std::chrono::milliseconds timeout) const {
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (openConnections() == 0)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return openConnections() == 0;
}

}  // namespace tars::tls::test
