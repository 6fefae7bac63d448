#pragma once
// The original system's environment variables (spec/tars.md §11.3).
//
// tars never reads them as settings. Two of them express production intent and fail closed:
// ENVIRONMENT=production while env is not production, and DEMO_USERS_ENABLED=false (0, no;
// ASCII case-insensitive) while demo users are on. `tars doctor` warns about the others.

#include <map>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/status.h"

namespace tars::config {

// OK, or kInvalidArgument naming the variable and the tars variable to set instead.
Status checkLegacyContradictions(const Config& config,
                                 const std::map<std::string, std::string>& environment);

// The names (never the values) of the original's variables present in `environment`, sorted.
// Agent knobs are recognised by their DQN_/A2C_/PPO_/DDPG_ prefixes.
std::vector<std::string> legacyVariablesPresent(
    const std::map<std::string, std::string>& environment);

}  // namespace tars::config
