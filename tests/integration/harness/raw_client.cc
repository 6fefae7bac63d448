#include "harness/raw_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

namespace tars::test {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;

namespace {

// A SyncReadStream whose every read waits at most until a deadline. Asio's blocking reads ignore
// SO_RCVTIMEO (they poll again on EAGAIN), so the socket is non-blocking and we poll() ourselves.
class DeadlineStream {
 public:
  DeadlineStream(net::ip::tcp::socket& s, std::chrono::milliseconds timeout)
      : socket_(s), deadline_(std::chrono::steady_clock::now() + timeout) {}

  using executor_type = net::ip::tcp::socket::executor_type;
  executor_type get_executor() { return socket_.get_executor(); }

  template <class MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, boost::system::error_code& ec) {
    while (true) {
      std::size_t n = socket_.read_some(buffers, ec);
      if (ec != net::error::would_block && ec != net::error::try_again)
        return n;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline_ - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        ec = net::error::timed_out;
        return 0;
      }
      pollfd p{socket_.native_handle(), POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(left.count()));
    }
  }
  template <class MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    boost::system::error_code ec;
    auto n = read_some(buffers, ec);
    if (ec)
      throw boost::system::system_error(ec);
    return n;
  }

 private:
  net::ip::tcp::socket& socket_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace

RawClient::RawClient(std::uint16_t port, std::chrono::milliseconds timeout) : socket_(ioc_) {
  boost::system::error_code ec;
  socket_.connect({net::ip::make_address("127.0.0.1"), port}, ec);
  if (ec)
    return;
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  timeout_ = timeout;
  connected_ = true;
}

bool RawClient::send(const std::string& bytes) {
  if (!connected_)
    return false;
  boost::system::error_code ec;
  net::write(socket_, net::buffer(bytes), ec);
  return !ec;
}

std::optional<HttpResponse> RawClient::read(bool head) {
  if (!connected_)
    return std::nullopt;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(head);
  boost::system::error_code ec;
  socket_.non_blocking(true, ec);
  DeadlineStream stream(socket_, timeout_);
  bhttp::read(stream, buffer_, parser, ec);
  socket_.non_blocking(false, ec);
  if (!parser.is_header_done() || !parser.is_done())
    return std::nullopt;
  return parser.release();
}

std::optional<HttpResponse> RawClient::request(const std::string& method, const std::string& target,
                                               const std::string& extra_headers,
                                               const std::string& body) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
  if (!body.empty())
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  if (!send(req))
    return std::nullopt;
  return read(method == "HEAD");
}

bool RawClient::closedByPeer() {
  if (!connected_)
    return true;
  char c;
  boost::system::error_code ec;
  if (buffer_.size() > 0)
    return false;
  socket_.non_blocking(true, ec);
  DeadlineStream stream(socket_, timeout_);
  boost::system::error_code read_ec;
  stream.read_some(net::buffer(&c, 1), read_ec);
  socket_.non_blocking(false, ec);
  return read_ec == net::error::eof || read_ec == net::error::connection_reset;
}

std::optional<HttpResponse> httpGet(std::uint16_t port, const std::string& target,
                                    const std::string& extra_headers) {
  RawClient c(port);
  return c.request("GET", target, extra_headers);
}

}  // namespace tars::test
