#pragma once
// Small URL helpers for config values that may carry credentials (store.url, redis.url).
//
// Error messages and doctor output show URLs only through redactUrl(), so a password never
// reaches a log line or a terminal.

#include <optional>
#include <string>
#include <string_view>

namespace tars::config {

// scheme://[userinfo@]host[:port][path?query#fragment]
struct UrlParts {
  std::string scheme;    // lowercase, without "://"
  std::string userinfo;  // before the last '@' of the authority; may be empty
  std::string host;      // without brackets for IPv6 literals
  std::string port;      // digits, or empty
  std::string rest;      // from the first '/', '?' or '#' after the authority
};

// Splits `url`; nullopt when it has no "scheme://".
std::optional<UrlParts> splitUrl(std::string_view url);

// `url` with the password of its userinfo and any `password=` query value replaced by "***".
// A value that is not a URL is not shown at all ("(not a URL; not shown)"), since it may be a
// key=value connection string with a password in it.
std::string redactUrl(std::string_view url);

// True when the userinfo carries a non-empty password or the query has a non-empty `password=`.
bool urlHasPassword(std::string_view url);

// localhost, 127.0.0.0/8 and ::1 (what a probe or metrics scrape from the same host uses).
bool isLoopbackHost(std::string_view host);

}  // namespace tars::config
