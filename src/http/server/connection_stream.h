#pragma once
// ConnectionStream: the byte stream of one connection, plain TCP or TLS over TCP, behind one
// AsyncReadStream / AsyncWriteStream so that Session has a single code path for both.
//
// The choice is made once, at accept; each operation then forwards to the TLS stream or to the
// TCP stream by one branch. Deadlines are always set on the TCP layer (lowest()), which covers
// the TLS records read and written on the caller's behalf.
//
// Thread safety: as Beast streams: use from the connection's strand only.

#include <memory>
#include <optional>
#include <utility>

#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace tars::http {

class ConnectionStream {
 public:
  using executor_type = boost::beast::tcp_stream::executor_type;
  using TlsStream = boost::asio::ssl::stream<boost::beast::tcp_stream&>;

  explicit ConnectionStream(boost::asio::ip::tcp::socket&& socket) : tcp_(std::move(socket)) {}

  // Turns this into a TLS server stream over the TCP stream; `context` is kept alive as long as
  // the stream. Call once, before any I/O.
  void enableTls(std::shared_ptr<boost::asio::ssl::context> context) {
    context_ = std::move(context);
    tls_.emplace(tcp_, *context_);
  }
  bool isTls() const { return tls_.has_value(); }
  TlsStream& tls() { return *tls_; }

  boost::beast::tcp_stream& lowest() { return tcp_; }
  executor_type get_executor() { return tcp_.get_executor(); }

  template <class MutableBufferSequence, class ReadHandler>
  void async_read_some(const MutableBufferSequence& buffers, ReadHandler&& handler) {
    if (tls_)
      tls_->async_read_some(buffers, std::forward<ReadHandler>(handler));
    else
      tcp_.async_read_some(buffers, std::forward<ReadHandler>(handler));
  }

  template <class ConstBufferSequence, class WriteHandler>
  void async_write_some(const ConstBufferSequence& buffers, WriteHandler&& handler) {
    if (tls_)
      tls_->async_write_some(buffers, std::forward<WriteHandler>(handler));
    else
      tcp_.async_write_some(buffers, std::forward<WriteHandler>(handler));
  }

 private:
  boost::beast::tcp_stream tcp_;
  std::shared_ptr<boost::asio::ssl::context> context_;  // outlives tls_ (declared before it)
  std::optional<TlsStream> tls_;
};

}  // namespace tars::http
