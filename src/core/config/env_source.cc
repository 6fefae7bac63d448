#include "core/config/env_source.h"

namespace tars::config {

Status applyEnvironment(const Schema& schema, const std::map<std::string, std::string>& environment,
                        Config& config, Provenance& provenance) {
  for (const auto& [name, value] : environment) {
    if (name.rfind("TARS_", 0) == 0 && schema.findByEnv(name) == nullptr) {
      return invalidArgument("config: unknown environment variable '" + name +
                             "' (docs/CONFIG.md lists the TARS_* names)");
    }
  }
  for (const KeySpec& spec : schema.keys()) {
    // env_names lists the derived name first and the short alias last: the last one set wins.
    const std::string* chosen_name = nullptr;
    const std::string* chosen_value = nullptr;
    for (const std::string& name : spec.env_names) {
      auto it = environment.find(name);
      if (it != environment.end() && !it->second.empty()) {
        chosen_name = &it->first;
        chosen_value = &it->second;
      }
    }
    if (chosen_value == nullptr)
      continue;
    RawValue raw;
    raw.shape = spec.shape;
    raw.origin = "from " + *chosen_name;
    if (spec.shape == Shape::kList)
      raw.list = splitList(*chosen_value);
    else
      raw.scalar = *chosen_value;
    TARS_RETURN_IF_ERROR(applyValue(spec, raw, config, provenance));
  }
  return Status::ok();
}

}  // namespace tars::config
