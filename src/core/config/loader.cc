#include "core/config/loader.h"

#include <exception>

#include "core/config/env_source.h"
#include "core/config/legacy_env.h"
#include "core/config/schema.h"
#include "core/config/validate.h"
#include "core/config/yaml_source.h"

namespace tars::config {
namespace {

Status applyFlag(const Schema& schema, std::string_view path, std::string flag, std::string text,
                 Config& config, Provenance& provenance) {
  const KeySpec* spec = schema.find(path);
  if (spec == nullptr)
    return internalError("config: flag " + flag + " names no key");
  RawValue raw;
  raw.shape = spec->shape;
  raw.origin = "from " + flag;
  if (spec->shape == Shape::kList)
    raw.list = splitList(text);
  else
    raw.scalar = std::move(text);
  return applyValue(*spec, raw, config, provenance);
}

Status applyFlags(const Schema& schema, const LoadOptions& options, Config& config,
                  Provenance& provenance) {
  if (options.port) {
    TARS_RETURN_IF_ERROR(applyFlag(schema, "server.port", "--port", std::to_string(*options.port),
                                   config, provenance));
  }
  if (options.services) {
    TARS_RETURN_IF_ERROR(
        applyFlag(schema, "services", "--services", *options.services, config, provenance));
  }
  if (options.data_dir) {
    TARS_RETURN_IF_ERROR(
        applyFlag(schema, "data_dir", "--data-dir", *options.data_dir, config, provenance));
  }
  return Status::ok();
}

StatusOr<std::shared_ptr<const Config>> load(const LoadOptions& options) {
  const Schema& schema = configSchema();
  Config config;
  Provenance provenance;
  if (options.config_file)
    TARS_RETURN_IF_ERROR(applyYamlFile(schema, *options.config_file, config, provenance));
  TARS_RETURN_IF_ERROR(applyEnvironment(schema, options.environment, config, provenance));
  TARS_RETURN_IF_ERROR(applyFlags(schema, options, config, provenance));
  resolveDerivedDefaults(config, provenance);
  // The original's production-intent variables come first: when they contradict the config,
  // that is the root cause of whatever else would be reported.
  TARS_RETURN_IF_ERROR(checkLegacyContradictions(config, options.environment));
  TARS_RETURN_IF_ERROR(validateConfig(config, provenance));
  return std::shared_ptr<const Config>(std::make_shared<Config>(std::move(config)));
}

}  // namespace

StatusOr<std::shared_ptr<const Config>> loadConfig(const LoadOptions& options) {
  // yaml-cpp throws are converted where they arise; this is the last line for anything else
  // (e.g. std::bad_alloc), so that no exception leaves the loader.
  try {
    return load(options);
  } catch (const std::exception& e) {
    return internalError(std::string("config: unexpected error while loading: ") + e.what());
  } catch (...) {
    return internalError("config: unexpected error while loading");
  }
}

}  // namespace tars::config
