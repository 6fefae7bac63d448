#pragma once
// Configuration of SecurityHeadersFilter (immutable; built by the App from the config).

#include <string>
#include <vector>

namespace tars::http::filters {

struct SecurityHeadersConfig {
  // Origins allowed to read responses cross-origin (exact match, e.g. "https://ui.example").
  // Empty = same origin only. "*" allows any origin (refused with allow_credentials).
  std::vector<std::string> cors_allowed_origins;
  // Send Access-Control-Allow-Credentials: true to allowed origins.
  bool cors_allow_credentials = false;
  // Strict-Transport-Security on every response (TLS here or at a trusted ingress).
  bool hsts = false;
  // Preflight cache lifetime (Access-Control-Max-Age).
  int cors_max_age_seconds = 600;
};

}  // namespace tars::http::filters
