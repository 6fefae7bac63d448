#include "http/client/outbound_client.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/system/error_code.hpp>
#include <type_traits>

#include "http/client/outbound_target.h"

namespace tars::http::client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

namespace {

constexpr std::size_t kHeaderLimit = std::size_t{16} * 1024;

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One call's sequence — resolve, connect, [handshake], write, read — on the caller's io_context.
// The first failure is kept in `result` and ends the sequence.
template <typename Stream>
class Exchange {
 public:
  Exchange(asio::io_context& ioc, Stream& stream, const OutboundTarget& target,
           bhttp::request<bhttp::string_body>& request, SteadyTime deadline, std::size_t max_body)
      : stream_(stream),
        target_(target),
        request_(request),
        deadline_(deadline),
        resolver_(ioc),
        resolve_timer_(ioc) {
    parser_.header_limit(kHeaderLimit);
    parser_.body_limit(max_body);
  }

  void start() {
    // The resolver has no deadline of its own: a timer cancels it.
    resolve_timer_.expires_at(deadline_);
    resolve_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec)
        resolver_.cancel();
    });
    resolver_.async_resolve(target_.host, target_.port,
                            [this](boost::system::error_code ec, tcp::resolver::results_type r) {
                              resolve_timer_.cancel();
                              if (ec)
                                return fail("resolve", ec);
                              connect(r);
                            });
  }

  StatusOr<OutboundResponse> result() {
    if (!status_.isOk())
      return status_;
    if (!done_)
      return unavailable("outbound " + target_.endpoint + ": no response");
    OutboundResponse out;
    const auto& res = parser_.get();
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res)
      out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    out.content_type = std::string(res[bhttp::field::content_type]);
    out.body = parser_.release().body();
    return out;
  }

 private:
  beast::tcp_stream& tcpLayer() { return beast::get_lowest_layer(stream_); }

  void connect(const tcp::resolver::results_type& endpoints) {
    if (std::chrono::steady_clock::now() >= deadline_)
      return fail("resolve", beast::error::timeout);
    tcpLayer().expires_at(deadline_);
    tcpLayer().async_connect(endpoints, [this](boost::system::error_code ec, const tcp::endpoint&) {
      if (ec)
        return fail("connect", ec);
      if constexpr (std::is_same_v<Stream, TlsStream>) {
        handshake();
      } else {
        write();
      }
    });
  }

  void handshake() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      stream_.async_handshake(asio::ssl::stream_base::client, [this](boost::system::error_code ec) {
        if (ec)
          return fail("tls handshake", ec);
        write();
      });
    }
  }

  void write() {
    bhttp::async_write(stream_, request_, [this](boost::system::error_code ec, std::size_t) {
      if (ec)
        return fail("write", ec);
      read();
    });
  }

  void read() {
    bhttp::async_read(stream_, buffer_, parser_, [this](boost::system::error_code ec, std::size_t) {
      // A server that closes without close_notify after a complete,
      // length-delimited response lost us nothing.
      if (ec && !(ec == asio::ssl::error::stream_truncated && parser_.is_done()))
        return fail("read", ec);
      done_ = true;
      boost::system::error_code ignored;
      tcpLayer().socket().shutdown(tcp::socket::shutdown_both, ignored);
      tcpLayer().close();
    });
  }

  void fail(const char* step, boost::system::error_code ec) {
    const std::string where = std::string("outbound ") + step + " " + target_.endpoint + ": ";
    if (ec == beast::error::timeout || ec == asio::error::operation_aborted) {
      status_ = Status(StatusCode::kDeadlineExceeded, where + "deadline passed");
    } else if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
      status_ = Status(StatusCode::kPayloadTooLarge,
                       where + (ec == bhttp::error::body_limit ? "response body over the limit"
                                                               : "response head over 16 KiB"));
    } else {
      status_ = unavailable(where + ec.message() + verifyDetail());
    }
    boost::system::error_code ignored;
    tcpLayer().socket().close(ignored);
  }

  // Why the server's certificate was refused ("hostname mismatch", "unable to get local issuer
  // certificate"), which OpenSSL's handshake error alone does not say.
  std::string verifyDetail() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      long verify = SSL_get_verify_result(stream_.native_handle());
      if (verify != X509_V_OK)
        return std::string(" (") + X509_verify_cert_error_string(verify) + ")";
    }
    return "";
  }

  Stream& stream_;
  const OutboundTarget& target_;
  bhttp::request<bhttp::string_body>& request_;
  const SteadyTime deadline_;
  tcp::resolver resolver_;
  asio::steady_timer resolve_timer_;
  beast::flat_buffer buffer_;
  bhttp::response_parser<bhttp::string_body> parser_;
  Status status_;
  bool done_ = false;
};

template <typename Stream>
StatusOr<OutboundResponse> run(asio::io_context& ioc, Stream& stream, const OutboundTarget& target,
                               bhttp::request<bhttp::string_body>& request, SteadyTime deadline,
                               std::size_t max_body) {
  Exchange<Stream> exchange(ioc, stream, target, request, deadline, max_body);
  exchange.start();
  ioc.run();
  return exchange.result();
}

}  // namespace

std::string OutboundResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name))
      return value;
  }
  return "";
}

StatusOr<std::unique_ptr<OutboundClient>> OutboundClient::Create(OutboundOptions options) {
  if (options.timeout.count() <= 0)
    return invalidArgument("outbound: timeout must be positive");
  if (options.max_response_bytes == 0)
    return invalidArgument("outbound: max_response_bytes must be positive");
  TARS_ASSIGN_OR_RETURN(tls::SslContextPtr context, tls::buildClientContext(options.tls));
  return std::unique_ptr<OutboundClient>(new OutboundClient(std::move(options), context));
}

OutboundClient::OutboundClient(OutboundOptions options, tls::SslContextPtr context)
    : options_(std::move(options)), context_(std::move(context)) {}

OutboundClient::~OutboundClient() = default;

StatusOr<OutboundResponse> OutboundClient::send(const OutboundRequest& request) const {
  TARS_ASSIGN_OR_RETURN(OutboundTarget target,
                        parseOutboundTarget(request.url, options_.allow_plain_http));
  TARS_RETURN_IF_ERROR(checkOutboundRequest(request));
  const auto timeout = request.timeout.count() > 0 ? request.timeout : options_.timeout;
  const SteadyTime deadline = std::chrono::steady_clock::now() + timeout;

  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(request.method), target.target, 11};
  if (req.method() == bhttp::verb::unknown)
    req.method_string(request.method);
  req.set(bhttp::field::host, target.host_header);
  req.set(bhttp::field::user_agent, options_.user_agent);
  req.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : request.headers)
    req.insert(name, value);
  if (!request.body.empty() || req.method() == bhttp::verb::post ||
      req.method() == bhttp::verb::put) {
    req.body() = request.body;
    req.prepare_payload();
  }

  asio::io_context ioc;
  if (target.tls) {
    TlsStream stream(ioc, *context_);
    TARS_RETURN_IF_ERROR(tls::prepareClientConnection(stream.native_handle(), target.host));
    return run(ioc, stream, target, req, deadline, options_.max_response_bytes);
  }
  beast::tcp_stream stream(ioc);
  return run(ioc, stream, target, req, deadline, options_.max_response_bytes);
}

}  // namespace tars::http::client
