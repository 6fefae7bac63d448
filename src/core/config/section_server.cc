// Section "server": listeners, HTTP limits and CORS.

#include <algorithm>
#include <thread>

#include "core/config/schema.h"
#include "core/config/sections.h"

namespace tars::config {
namespace {

// An allowed origin is "*" or exactly scheme://host[:port] (browsers send no path, so a path
// here is always a mistake, and a pattern like https://*.x is not supported).
Status checkOrigin(const std::string& origin) {
  if (origin == "*")
    return Status::ok();
  std::string_view rest;
  if (origin.rfind("https://", 0) == 0)
    rest = std::string_view(origin).substr(8);
  else if (origin.rfind("http://", 0) == 0)
    rest = std::string_view(origin).substr(7);
  else
    return invalidArgument("'" + origin + "' is not an origin (use https://host[:port] or *)");
  if (rest.empty() || rest.find_first_of("/?#*@ ") != std::string_view::npos)
    return invalidArgument("'" + origin + "' is not an origin (use https://host[:port] or *)");
  return Status::ok();
}

void addServerKeys(Schema& schema) {
  schema.add(stringKey("server.host", [](Config& c) -> std::string& { return c.server.host; }));
  schema.add(intKey(
      "server.port", [](Config& c) -> int& { return c.server.port; }, 0, 65535));
  schema.add(intKey(
      "server.threads", [](Config& c) -> int& { return c.server.threads; }, 0, 1024));
  schema.add(boolKey("server.behind_tls_proxy",
                     [](Config& c) -> bool& { return c.server.behind_tls_proxy; }),
             "TARS_BEHIND_TLS_PROXY");
  schema.add(optionalIntKey(
      "server.probe_port", [](Config& c) -> std::optional<int>& { return c.server.probe_port; }, 0,
      65535));
  schema.add(optionalIntKey(
      "server.https_redirect_port",
      [](Config& c) -> std::optional<int>& { return c.server.https_redirect_port; }, 0, 65535));
  schema.add(listKey(
      "server.cors.allowed_origins",
      [](Config& c) -> std::vector<std::string>& { return c.server.cors.allowed_origins; },
      checkOrigin));
  schema.add(boolKey("server.cors.allow_credentials",
                     [](Config& c) -> bool& { return c.server.cors.allow_credentials; }));
  schema.add(intKey(
      "server.max_connections", [](Config& c) -> int& { return c.server.max_connections; }, 1,
      1000000));
  schema.add(intKey(
      "server.idle_timeout_seconds",
      [](Config& c) -> int& { return c.server.idle_timeout_seconds; }, 1, 86400));
  schema.add(intKey(
      "server.header_read_timeout_seconds",
      [](Config& c) -> int& { return c.server.header_read_timeout_seconds; }, 1, 3600));
  schema.add(intKey(
      "server.max_header_bytes", [](Config& c) -> int& { return c.server.max_header_bytes; }, 1024,
      1048576));
  schema.add(intKey(
      "server.shutdown_grace_seconds",
      [](Config& c) -> int& { return c.server.shutdown_grace_seconds; }, 0, 3600));
}

void resolveServer(Config& config, const Provenance& /*provenance*/) {
  // 0 = one I/O thread per core; hardware_concurrency() may report 0 when it cannot tell.
  if (config.server.threads == 0)
    config.server.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

Status validateServer(const Config& config, const Provenance& provenance) {
  const CorsConfig& cors = config.server.cors;
  bool wildcard = std::find(cors.allowed_origins.begin(), cors.allowed_origins.end(), "*") !=
                  cors.allowed_origins.end();
  if (wildcard && cors.allow_credentials) {
    // Browsers reject "*" with credentials; echoing the request origin instead would let any
    // site make credentialed requests, so the combination is refused outright.
    return invalidArgument(
        "config: server.cors.allowed_origins: '*' together with server.cors.allow_credentials: "
        "true is refused; list the allowed origins explicitly or set allow_credentials: false" +
        provenance.suffix("server.cors.allowed_origins"));
  }
  const std::optional<int>& probe = config.server.probe_port;
  if (probe && *probe != 0 && *probe == config.server.port) {
    return invalidArgument("config: server.probe_port: " + std::to_string(*probe) +
                           " is the same as server.port; use another port or unset it" +
                           provenance.suffix("server.probe_port"));
  }
  if (const std::optional<int>& redirect = config.server.https_redirect_port) {
    if (!config.tls.enabled) {
      return invalidArgument(
          "config: server.https_redirect_port: is set while tls.enabled is false; there is no "
          "HTTPS listener to redirect to" +
          provenance.suffix("server.https_redirect_port"));
    }
    if (*redirect != 0 && (*redirect == config.server.port || (probe && *redirect == *probe))) {
      return invalidArgument("config: server.https_redirect_port: " + std::to_string(*redirect) +
                             " is already server.port or server.probe_port; use another port" +
                             provenance.suffix("server.https_redirect_port"));
    }
  }
  return Status::ok();
}

}  // namespace

const Section kServerSection{"server", addServerKeys, resolveServer, validateServer};

}  // namespace tars::config
