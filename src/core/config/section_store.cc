// Section "store": store.url and redis.* (the two backends that hold shared state).

#include "core/config/paths.h"
#include "core/config/schema.h"
#include "core/config/sections.h"
#include "core/config/url.h"

namespace tars::config {
namespace {

// URLs may carry passwords, so every message shows them only through redactUrl(). An empty
// value means "the default", which resolve() fills in once data_dir is final.
StatusOr<std::string> decodeStoreUrl(std::string_view text) {
  if (text.empty())
    return std::string();
  std::optional<UrlParts> parts = splitUrl(text);
  if (!parts) {
    return invalidArgument(
        "is not a URL (use sqlite://PATH or postgresql://USER@HOST/DB); value not shown");
  }
  if (parts->scheme == "sqlite") {
    if (text.size() <= std::string_view("sqlite://").size())
      return invalidArgument("'sqlite://' names no file (use sqlite://PATH)");
    return std::string(text);
  }
  if (parts->scheme == "postgresql" || parts->scheme == "postgres") {
    if (parts->host.empty() && parts->rest.empty())
      return invalidArgument("'" + redactUrl(text) + "' names no host or database");
    return std::string(text);
  }
  return invalidArgument("'" + redactUrl(text) +
                         "' has an unsupported scheme (use sqlite:// or postgresql://)");
}

StatusOr<std::optional<std::string>> decodeRedisUrl(std::string_view text) {
  if (text.empty())
    return std::optional<std::string>();
  std::optional<UrlParts> parts = splitUrl(text);
  if (!parts || (parts->scheme != "redis" && parts->scheme != "rediss")) {
    return invalidArgument("'" + redactUrl(text) +
                           "' is not a Redis URL (use redis://[:password@]host:port/db)");
  }
  if (parts->host.empty())
    return invalidArgument("'" + redactUrl(text) + "' names no host");
  return std::optional<std::string>(text);
}

void addStoreKeys(Schema& schema) {
  schema.add(scalarKey<std::string>(
      "store.url", [](Config& c) -> std::string& { return c.store.url; }, decodeStoreUrl));
  schema.add(scalarKey<std::optional<std::string>>(
      "redis.url", [](Config& c) -> std::optional<std::string>& { return c.redis.url; },
      decodeRedisUrl));
  schema.add(intKey(
      "redis.command_timeout_ms", [](Config& c) -> int& { return c.redis.command_timeout_ms; }, 1,
      60000));
  schema.add(intKey(
      "redis.connect_timeout_ms", [](Config& c) -> int& { return c.redis.connect_timeout_ms; }, 1,
      60000));
  schema.add(intKey(
      "redis.pool_size", [](Config& c) -> int& { return c.redis.pool_size; }, 1, 1024));
}

void resolveStore(Config& config, const Provenance& /*provenance*/) {
  // The default follows the final data_dir, whichever source set it; an empty value (e.g. an
  // empty `store.url:` in a rendered chart) also means "the default".
  if (config.store.url.empty())
    config.store.url = "sqlite://" + joinPath(config.data_dir, "tars.db");
  std::optional<UrlParts> parts = splitUrl(config.store.url);
  config.store.backend =
      parts && parts->scheme == "sqlite" ? StoreBackend::kSqlite : StoreBackend::kPostgres;
}

}  // namespace

const Section kStoreSection{"store", addStoreKeys, resolveStore, nullptr};

}  // namespace tars::config
