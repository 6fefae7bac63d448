#include "core/config/validate.h"

#include "core/config/production_rules.h"
#include "core/config/sections.h"

namespace tars::config {

void resolveDerivedDefaults(Config& config, const Provenance& provenance) {
  for (const Section& section : allSections()) {
    if (section.resolve != nullptr)
      section.resolve(config, provenance);
  }
}

Status validateConfig(const Config& config, const Provenance& provenance) {
  for (const Section& section : allSections()) {
    if (section.validate != nullptr)
      TARS_RETURN_IF_ERROR(section.validate(config, provenance));
  }
  return checkProductionRules(config, provenance);
}

}  // namespace tars::config
