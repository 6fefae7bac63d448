#pragma once
// The key schema: every config key once, with its shape, its environment names and how its
// text is decoded into the typed Config. The YAML file, the environment and the flags all go
// through it, so a key has one decoder and one error wording whatever the source, and the
// environment names are derived from the keys (never guessed from a variable's name).
//
// Thread safety: configSchema() is built once and immutable afterwards.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/config.h"
#include "core/config/decode.h"
#include "core/config/provenance.h"
#include "core/status.h"

namespace tars::config {

enum class Shape {
  kScalar,   // one value
  kList,     // YAML sequence of scalars, or a comma-separated string (the environment form)
  kRecords,  // YAML sequence of maps of scalars (auth.jwks_providers); no environment form
};

// One map of a kRecords value, its fields in file order.
struct RawRecord {
  std::vector<std::pair<std::string, std::string>> fields;  // name → scalar text
  std::string origin;                                       // "in FILE line N"
};

// A value as read from a source, before decoding.
struct RawValue {
  Shape shape = Shape::kScalar;    // which member below holds it
  std::string scalar;              // kScalar
  std::vector<std::string> list;   // kList
  std::vector<RawRecord> records;  // kRecords
  std::string origin;  // "from TARS_SERVER_PORT", "from --port", "in FILE line N", or ""
};

struct KeySpec {
  std::string path;                    // dotted YAML path, e.g. "server.port"
  Shape shape = Shape::kScalar;        // what the sources must supply
  bool secret = false;                 // never echoed in messages
  std::vector<std::string> env_names;  // TARS_<PATH>, then the short alias that wins; set by add
  // Decodes `value` into the config. On failure returns kInvalidArgument with the complete
  // message (keyError() below), which never contains a secret value.
  std::function<Status(Config&, const RawValue&)> apply;
};

// "config: <path>: <what>" plus " (<origin>)" when the origin is known.
Status keyError(std::string_view path, std::string_view what, std::string_view origin);

// "TARS_" + the path upper-cased with '.' → '_' ("server.port" → "TARS_SERVER_PORT").
std::string deriveEnvName(std::string_view path);

class Schema {
 public:
  // Adds `spec`, deriving its environment name; `short_env`, when given, is a second name that
  // wins over the derived one (ARCHITECTURE.md "Config keys"). kRecords keys get no env name.
  void add(KeySpec spec, std::string_view short_env = "");

  // The key at exactly `path`, or nullptr.
  const KeySpec* find(std::string_view path) const;

  // True when some key lies below `path` (so a YAML map at `path` is a section).
  bool isSection(std::string_view path) const;

  // The key an environment variable sets, or nullptr.
  const KeySpec* findByEnv(std::string_view env_name) const;

  // Every key in registration order.
  const std::vector<KeySpec>& keys() const { return keys_; }

 private:
  std::vector<KeySpec> keys_;
};

// The schema of every section (sections.h), built on first use.
const Schema& configSchema();

// Decodes `value` with `spec` and records where it came from.
Status applyValue(const KeySpec& spec, const RawValue& value, Config& config,
                  Provenance& provenance);

// ---- Builders for the common key kinds. `field` returns the member the key sets. ----

template <typename T>
using FieldRef = std::function<T&(Config&)>;

// A "what" check of one list item; OK or kInvalidArgument naming the item.
using ItemCheck = std::function<Status(const std::string& item)>;

// A scalar decoded by `decode` (its error message is the "what" part).
template <typename T>
KeySpec scalarKey(std::string path, FieldRef<T> field,
                  std::function<StatusOr<T>(std::string_view)> decode, bool secret = false) {
  KeySpec spec;
  spec.path = path;
  spec.secret = secret;
  spec.apply = [path, field = std::move(field), decode = std::move(decode)](
                   Config& config, const RawValue& value) -> Status {
    StatusOr<T> decoded = decode(value.scalar);
    if (!decoded.isOk())
      return keyError(path, decoded.status().message(), value.origin);
    field(config) = std::move(decoded).value();
    return Status::ok();
  };
  return spec;
}

KeySpec intKey(std::string path, FieldRef<int> field, int min, int max);
KeySpec optionalIntKey(std::string path, FieldRef<std::optional<int>> field, int min, int max);
KeySpec boolKey(std::string path, FieldRef<bool> field);
// A string that must not be empty.
KeySpec stringKey(std::string path, FieldRef<std::string> field);
// An optional string; an empty value unsets it.
KeySpec optionalStringKey(std::string path, FieldRef<std::optional<std::string>> field);
// An optional secret string: never echoed; an empty value unsets it.
KeySpec secretKey(std::string path, FieldRef<std::optional<std::string>> field);
// A list of strings, each passing `check` when given.
KeySpec listKey(std::string path, FieldRef<std::vector<std::string>> field, ItemCheck check = {});

template <typename E, std::size_t N>
KeySpec enumKey(std::string path, FieldRef<E> field, const EnumNames<E, N>& names) {
  return scalarKey<E>(std::move(path), std::move(field),
                      [&names](std::string_view text) { return decodeEnum(trim(text), names); });
}

template <typename E, std::size_t N>
KeySpec optionalEnumKey(std::string path, FieldRef<std::optional<E>> field,
                        const EnumNames<E, N>& names) {
  return scalarKey<std::optional<E>>(std::move(path), std::move(field),
                                     [&names](std::string_view text) -> StatusOr<std::optional<E>> {
                                       StatusOr<E> value = decodeEnum(trim(text), names);
                                       if (!value.isOk())
                                         return value.status();
                                       return std::optional<E>(*value);
                                     });
}

}  // namespace tars::config
