#pragma once
// Validation of a fully loaded config: every section's own rules, then the production rules.

#include "core/config/config.h"
#include "core/config/provenance.h"
#include "core/status.h"

namespace tars::config {

// Fills the defaults that depend on other keys (store.url from data_dir, server.threads,
// auth.demo_users from env, ...). Call once, after every source was applied.
void resolveDerivedDefaults(Config& config, const Provenance& provenance);

// OK, or the first violated rule as kInvalidArgument naming the key and, unless secret, the value.
Status validateConfig(const Config& config, const Provenance& provenance);

}  // namespace tars::config
