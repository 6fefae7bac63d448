#include "http/filters/access_log/access_log_filter.h"

#include <fmt/format.h>

#include "tls/peer_identity.h"

namespace tars::http::filters {
namespace {

// Whether the connection carried a client certificate whose chain the handshake verified
// (tls.client_cert_validation optional/required). "none" covers plain connections and TLS
// clients that presented nothing: those are unauthenticated at the TLS layer. Never the SANs
// themselves: the line says that a certificate was verified, not whose.
std::string_view clientCertOf(const RequestContext& ctx) {
  return ctx.tls_peer != nullptr && ctx.tls_peer->hasCertificate() ? "verified" : "none";
}

}  // namespace

void AccessLogFilter::onResponse(const Request& request, RequestContext& ctx, Response& response) {
  if (!logger_.enabled(LogLevel::kInfo))
    return;
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(clock_.monotonicNow() - ctx.start)
          .count();
  auto status = std::to_string(response.status);
  auto duration_ms = fmt::format("{:.3f}", static_cast<double>(micros) / 1000.0);
  auto bytes_out = std::to_string(response.body.size());
  auto bytes_in = std::to_string(ctx.bytes_in);
  std::string_view route = ctx.route != nullptr ? std::string_view(ctx.route->path) : "unmatched";
  logger_.info("access", {{"request_id", ctx.request_id},
                          {"trace_id", ctx.trace_id},
                          {"method", request.methodText()},
                          {"path", request.path()},
                          {"route", route},
                          {"status", status, true},
                          {"duration_ms", duration_ms, true},
                          {"bytes_in", bytes_in, true},
                          {"bytes_out", bytes_out, true},
                          {"remote", ctx.remote_address},
                          {"client_cert", clientCertOf(ctx)}});
}

}  // namespace tars::http::filters
