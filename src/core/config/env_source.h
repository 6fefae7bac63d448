#pragma once
// The environment source.
//
// Each key `a.b.c` is read from TARS_A_B_C and, where ARCHITECTURE.md gives one, its short
// name (TARS_JWT_SECRET, ...), which wins when both are set. The names come from the schema:
// any other TARS_* variable is an error naming it (typo protection). Variables not starting
// with "TARS_" (TARSTEST_*, PATH, the original's ENVIRONMENT, ...) are not read here. An empty
// value counts as unset. Lists are comma-separated.

#include <map>
#include <string>

#include "core/config/config.h"
#include "core/config/provenance.h"
#include "core/config/schema.h"
#include "core/status.h"

namespace tars::config {

Status applyEnvironment(const Schema& schema, const std::map<std::string, std::string>& environment,
                        Config& config, Provenance& provenance);

}  // namespace tars::config
