// Section "ratelimit": backend, classes, trusted proxies, failure behaviour.

#include <arpa/inet.h>

#include "core/config/schema.h"
#include "core/config/sections.h"

namespace tars::config {
namespace {

// An IPv4 or IPv6 address with an optional /prefix (a bare address is one host).
Status checkCidr(const std::string& cidr) {
  std::string address = cidr;
  std::string prefix;
  std::size_t slash = cidr.find('/');
  if (slash != std::string::npos) {
    address = cidr.substr(0, slash);
    prefix = cidr.substr(slash + 1);
  }
  unsigned char buf[16];
  int max_prefix = 0;
  if (inet_pton(AF_INET, address.c_str(), buf) == 1)
    max_prefix = 32;
  else if (inet_pton(AF_INET6, address.c_str(), buf) == 1)
    max_prefix = 128;
  else
    return invalidArgument("'" + cidr + "' is not an IP address or CIDR");
  if (slash != std::string::npos && !decodeInt(prefix, 0, max_prefix).isOk()) {
    return invalidArgument("'" + cidr + "' has an invalid prefix length (0.." +
                           std::to_string(max_prefix) + ")");
  }
  return Status::ok();
}

void addClassKeys(Schema& schema, const std::string& name) {
  const std::string base = "ratelimit.classes." + name + ".";
  schema.add(intKey(
      base + "limit", [name](Config& c) -> int& { return c.ratelimit.classes[name].limit; }, 1,
      1000000));
  schema.add(intKey(
      base + "window_seconds",
      [name](Config& c) -> int& { return c.ratelimit.classes[name].window_seconds; }, 1, 86400));
  schema.add(enumKey<RateLimitAlgorithm>(
      base + "algorithm",
      [name](Config& c) -> RateLimitAlgorithm& { return c.ratelimit.classes[name].algorithm; },
      kRateLimitAlgorithmNames));
}

void addRateLimitKeys(Schema& schema) {
  schema.add(enumKey<RateLimitBackend>(
      "ratelimit.backend", [](Config& c) -> RateLimitBackend& { return c.ratelimit.backend; },
      kRateLimitBackendNames));
  // Only the classes of spec/tars.md §4.1 exist: a misspelt class name is an unknown key.
  for (const auto& [name, defaults] : defaultRateLimitClasses())
    addClassKeys(schema, name);
  schema.add(listKey(
                 "ratelimit.trusted_proxies",
                 [](Config& c) -> std::vector<std::string>& { return c.ratelimit.trusted_proxies; },
                 checkCidr),
             "TARS_TRUSTED_PROXIES");
  schema.add(enumKey<RateLimitFailureMode>(
      "ratelimit.failure_mode",
      [](Config& c) -> RateLimitFailureMode& { return c.ratelimit.failure_mode; },
      kRateLimitFailureModeNames));
  schema.add(intKey(
      "ratelimit.memory.max_keys", [](Config& c) -> int& { return c.ratelimit.memory.max_keys; }, 1,
      100000000));
  schema.add(intKey(
      "ratelimit.breaker.failure_threshold",
      [](Config& c) -> int& { return c.ratelimit.breaker.failure_threshold; }, 1, 1000));
  schema.add(intKey(
      "ratelimit.breaker.open_seconds",
      [](Config& c) -> int& { return c.ratelimit.breaker.open_seconds; }, 1, 3600));
}

Status validateRateLimit(const Config& config, const Provenance& provenance) {
  if (config.ratelimit.backend == RateLimitBackend::kRedis && !config.redis.url) {
    return invalidArgument(
        "config: ratelimit.backend: redis needs redis.url; set redis.url (TARS_REDIS_URL) or use "
        "ratelimit.backend: memory" +
        provenance.suffix("ratelimit.backend"));
  }
  return Status::ok();
}

}  // namespace

const Section kRateLimitSection{"ratelimit", addRateLimitKeys, nullptr, validateRateLimit};

}  // namespace tars::config
