#include "tls_client.h"

#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "tls/certificate_identity.h"
#include "tls/client_context.h"

namespace tars::tls::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

FetchResult fetchOnce(const SslContextPtr& context, std::uint16_t port, const std::string& host,
                      std::chrono::milliseconds timeout) {
  FetchResult out;
  asio::io_context ioc;
  beast::ssl_stream<beast::tcp_stream> stream(ioc, *context);
  if (Status st = prepareClientConnection(stream.native_handle(), host); !st.isOk()) {
    out.error = st.message();
    return out;
  }
  beast::flat_buffer buffer;
  http::request<http::string_body> req{http::verb::get, "/", 11};
  req.set(http::field::host, host);
  req.set(http::field::connection, "close");
  http::response<http::string_body> res;
  auto fail = [&](const char* step, beast::error_code ec) {
    out.error = std::string(step) + ": " + ec.message();
  };

  asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  beast::get_lowest_layer(stream).expires_after(timeout);
  beast::get_lowest_layer(stream).async_connect(ep, [&](beast::error_code ec) {
    if (ec)
      return fail("connect", ec);
    stream.async_handshake(asio::ssl::stream_base::client, [&](beast::error_code hs_ec) {
      if (hs_ec)
        return fail("handshake", hs_ec);
      if (X509* cert = SSL_get0_peer_certificate(stream.native_handle())) {
        if (auto id = describeCertificate(cert); id.isOk())
          out.server_serial = id->serial_hex;
      }
      const unsigned char* alpn = nullptr;
      unsigned int alpn_len = 0;
      SSL_get0_alpn_selected(stream.native_handle(), &alpn, &alpn_len);
      out.alpn.assign(reinterpret_cast<const char*>(alpn), alpn_len);
      http::async_write(stream, req, [&](beast::error_code w_ec, std::size_t) {
        if (w_ec)
          return fail("write", w_ec);
        http::async_read(stream, buffer, res, [&](beast::error_code r_ec, std::size_t) {
          if (r_ec)
            return fail("read", r_ec);
          out.ok = true;
          out.status = res.result_int();
          out.body = res.body();
        });
      });
    });
  });
  ioc.run();
  return out;
}

}  // namespace tars::tls::test
