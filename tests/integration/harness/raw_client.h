#pragma once
// RawClient: a blocking loopback HTTP/1.1 client for tests, with every read bounded by a timeout
// so a misbehaving server fails the test instead of hanging it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace tars::test {

using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

class RawClient {
 public:
  explicit RawClient(std::uint16_t port,
                     std::chrono::milliseconds timeout = std::chrono::seconds(10));

  bool connected() const { return connected_; }
  // Bounds each later read().
  void setTimeout(std::chrono::milliseconds t) { timeout_ = t; }
  // Sends raw bytes. Returns false when the peer is gone.
  bool send(const std::string& bytes);
  // Reads one response (for a HEAD request pass head=true). nullopt on timeout, close or error.
  std::optional<HttpResponse> read(bool head = false);
  // send() + read() of a minimal request.
  std::optional<HttpResponse> request(const std::string& method, const std::string& target,
                                      const std::string& extra_headers = "",
                                      const std::string& body = "");
  // True when the server closed the connection (read returns EOF) within the timeout.
  bool closedByPeer();

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
  std::chrono::milliseconds timeout_{0};
};

// One GET on a fresh connection.
std::optional<HttpResponse> httpGet(std::uint16_t port, const std::string& target,
                                    const std::string& extra_headers = "");

}  // namespace tars::test
