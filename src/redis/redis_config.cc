#include "redis/redis_config.h"

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/url.h"

namespace tars::redis {
namespace {

std::optional<int> parseInt(std::string_view s, int min, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> percentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) {
      return std::nullopt;
    }
    int value = 0;
    auto [end, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16);
    if (ec != std::errc() || end != s.data() + i + 3) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

}  // namespace

StatusOr<RedisOptions> redisOptionsFromConfig(const config::RedisConfig& config) {
  if (!config.url) {
    return invalidArgument("redis.url is not set");
  }
  const std::string shown = config::redactUrl(*config.url);
  std::optional<config::UrlParts> parts = config::splitUrl(*config.url);
  if (!parts || parts->scheme != "redis") {
    return invalidArgument("redis.url '" + shown +
                           "' is not a redis:// URL (rediss:// is not supported)");
  }
  RedisOptions options;
  options.host = parts->host;
  if (options.host.empty()) {
    return invalidArgument("redis.url '" + shown + "' has no host");
  }
  if (!parts->port.empty()) {
    std::optional<int> port = parseInt(parts->port, 1, 65535);
    if (!port) {
      return invalidArgument("redis.url '" + shown + "' has an invalid port");
    }
    options.port = *port;
  }
  if (!parts->userinfo.empty()) {
    const std::size_t colon = parts->userinfo.find(':');
    std::optional<std::string> user =
        percentDecode(std::string_view(parts->userinfo)
                          .substr(0, colon == std::string::npos ? parts->userinfo.size() : colon));
    std::optional<std::string> password =
        colon == std::string::npos
            ? std::optional<std::string>(std::string())
            : percentDecode(std::string_view(parts->userinfo).substr(colon + 1));
    if (!user || !password) {
      return invalidArgument("redis.url '" + shown + "' has a malformed user or password");
    }
    if (colon == std::string::npos) {
      // "redis://secret@host": a lone userinfo is the password (the redis-cli convention).
      options.password = *user;
    } else {
      options.username = *user;
      options.password = *password;
    }
  }
  std::string_view path = parts->rest;
  path = path.substr(0, path.find_first_of("?#"));
  if (!path.empty() && path != "/") {
    std::optional<int> db = parseInt(path.substr(1), 0, 1 << 20);
    if (!db) {
      return invalidArgument("redis.url '" + shown + "' has an invalid database index");
    }
    options.db = *db;
  }
  options.command_timeout_ms = config.command_timeout_ms;
  options.connect_timeout_ms = config.connect_timeout_ms;
  options.pool_size = config.pool_size;
  return options;
}

}  // namespace tars::redis
