#include "core/config/schema.h"

#include <algorithm>
#include <cctype>

#include "core/config/sections.h"

namespace tars::config {

Status keyError(std::string_view path, std::string_view what, std::string_view origin) {
  std::string message = "config: " + std::string(path) + ": " + std::string(what);
  if (!origin.empty())
    message += " (" + std::string(origin) + ")";
  return invalidArgument(std::move(message));
}

std::string deriveEnvName(std::string_view path) {
  std::string name = "TARS_";
  for (char c : path)
    name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

void Schema::add(KeySpec spec, std::string_view short_env) {
  if (spec.shape != Shape::kRecords) {
    spec.env_names.push_back(deriveEnvName(spec.path));
    if (!short_env.empty() && short_env != spec.env_names.front())
      spec.env_names.emplace_back(short_env);
  }
  keys_.push_back(std::move(spec));
}

const KeySpec* Schema::find(std::string_view path) const {
  for (const KeySpec& spec : keys_) {
    if (spec.path == path)
      return &spec;
  }
  return nullptr;
}

bool Schema::isSection(std::string_view path) const {
  return std::any_of(keys_.begin(), keys_.end(), [path](const KeySpec& spec) {
    return spec.path.size() > path.size() && spec.path.compare(0, path.size(), path) == 0 &&
           spec.path[path.size()] == '.';
  });
}

const KeySpec* Schema::findByEnv(std::string_view env_name) const {
  for (const KeySpec& spec : keys_) {
    if (std::find(spec.env_names.begin(), spec.env_names.end(), env_name) != spec.env_names.end())
      return &spec;
  }
  return nullptr;
}

const Schema& configSchema() {
  static const Schema kSchema = [] {
    Schema schema;
    for (const Section& section : allSections())
      section.add_keys(schema);
    return schema;
  }();
  return kSchema;
}

Status applyValue(const KeySpec& spec, const RawValue& value, Config& config,
                  Provenance& provenance) {
  TARS_RETURN_IF_ERROR(spec.apply(config, value));
  provenance.record(spec.path, value.origin);
  return Status::ok();
}

KeySpec intKey(std::string path, FieldRef<int> field, int min, int max) {
  return scalarKey<int>(std::move(path), std::move(field),
                        [min, max](std::string_view text) { return decodeInt(text, min, max); });
}

KeySpec optionalIntKey(std::string path, FieldRef<std::optional<int>> field, int min, int max) {
  return scalarKey<std::optional<int>>(
      std::move(path), std::move(field),
      [min, max](std::string_view text) -> StatusOr<std::optional<int>> {
        StatusOr<int> value = decodeInt(text, min, max);
        if (!value.isOk())
          return value.status();
        return std::optional<int>(*value);
      });
}

KeySpec boolKey(std::string path, FieldRef<bool> field) {
  return scalarKey<bool>(std::move(path), std::move(field), decodeBool);
}

KeySpec stringKey(std::string path, FieldRef<std::string> field) {
  return scalarKey<std::string>(std::move(path), std::move(field),
                                [](std::string_view text) -> StatusOr<std::string> {
                                  if (trim(text).empty())
                                    return invalidArgument("must not be empty");
                                  return std::string(text);
                                });
}

KeySpec optionalStringKey(std::string path, FieldRef<std::optional<std::string>> field) {
  return scalarKey<std::optional<std::string>>(
      std::move(path), std::move(field), [](std::string_view text) {
        return text.empty() ? std::optional<std::string>() : std::optional<std::string>(text);
      });
}

KeySpec secretKey(std::string path, FieldRef<std::optional<std::string>> field) {
  KeySpec spec = optionalStringKey(std::move(path), std::move(field));
  spec.secret = true;
  return spec;
}

KeySpec listKey(std::string path, FieldRef<std::vector<std::string>> field, ItemCheck check) {
  KeySpec spec;
  spec.path = path;
  spec.shape = Shape::kList;
  spec.apply = [path, field = std::move(field), check = std::move(check)](
                   Config& config, const RawValue& value) -> Status {
    if (check) {
      for (const std::string& item : value.list) {
        Status status = check(item);
        if (!status.isOk())
          return keyError(path, status.message(), value.origin);
      }
    }
    field(config) = value.list;
    return Status::ok();
  };
  return spec;
}

}  // namespace tars::config
