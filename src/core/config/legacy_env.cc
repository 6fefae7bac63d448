#include "core/config/legacy_env.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "core/config/decode.h"

namespace tars::config {
namespace {

// The table of spec/tars.md §11.3, left column.
constexpr std::array<std::string_view, 43> kLegacyNames{
    "ENVIRONMENT",
    "DEMO_USERS_ENABLED",
    "DEBUG",
    "CORS_ORIGINS",
    "AUTOML_API_KEY",
    "HYPERSYNC_API_KEY",
    "ORCHESTRATION_API_KEY",
    "DASHBOARD_API_KEY",
    "JWT_SECRET",
    "JWT_EXPIRY_MINUTES",
    "REFRESH_EXPIRY_DAYS",
    "JWT_LEEWAY_SECONDS",
    "USE_REDIS",
    "REDIS_URL",
    "REDIS_HOST",
    "REDIS_PORT",
    "REDIS_PASSWORD",
    "PUBLIC_RATE_LIMIT",
    "AUTH_RATE_LIMIT",
    "INTERNAL_RATE_LIMIT",
    "ORCHESTRATION_PORT",
    "AUTOML_PORT",
    "HYPERPARAM_SYNC_PORT",
    "DASHBOARD_PORT",
    "REWARD_W_POLICY",
    "REWARD_W_CONSENSUS",
    "REWARD_W_ETHICAL",
    "REWARD_W_RESOURCE",
    "NASH_METHOD",
    "NASH_MAX_ITER",
    "NASH_TOLERANCE",
    "PARETO_EPSILON",
    "OPTUNA_N_TRIALS",
    "FEATURETOOLS_DEPTH",
    "APPROVAL_MODE",
    "AUTONOMOUS_THRESHOLD",
    "ORCHESTRATION_SERVICE_URL",
    "AUTOML_SERVICE_URL",
    "DASHBOARD_REFRESH_INTERVAL",
    "AUTOML_ENABLED",
    "MLFLOW_TRACKING_URI",
    "VALIDATION_STRICTNESS",
    "RBAC_ENABLED",
};
constexpr std::array<std::string_view, 4> kAgentKnobPrefixes{"DQN_", "A2C_", "PPO_", "DDPG_"};

bool isFalse(std::string_view value) {
  std::string_view v = trim(value);
  return equalsIgnoreCase(v, "false") || equalsIgnoreCase(v, "0") || equalsIgnoreCase(v, "no");
}

}  // namespace

Status checkLegacyContradictions(const Config& config,
                                 const std::map<std::string, std::string>& environment) {
  auto env = environment.find("ENVIRONMENT");
  if (env != environment.end() && equalsIgnoreCase(trim(env->second), "production") &&
      config.env != Environment::kProduction) {
    return invalidArgument(
        "config: ENVIRONMENT=" + env->second + " is set but env is " +
        std::string(toString(config.env)) +
        "; tars does not read the original's variables: set TARS_ENV=production (or unset "
        "ENVIRONMENT)");
  }
  auto demo = environment.find("DEMO_USERS_ENABLED");
  if (demo != environment.end() && isFalse(demo->second) && config.auth.demo_users) {
    return invalidArgument(
        "config: DEMO_USERS_ENABLED=" + demo->second +
        " is set but auth.demo_users is on; tars does not read the original's variables: set "
        "TARS_DEMO_USERS=false (or unset DEMO_USERS_ENABLED)");
  }
  return Status::ok();
}

std::vector<std::string> legacyVariablesPresent(
    const std::map<std::string, std::string>& environment) {
  std::vector<std::string> present;
  for (const auto& [name, value] : environment) {
    bool legacy = std::find(kLegacyNames.begin(), kLegacyNames.end(), name) != kLegacyNames.end() ||
                  std::any_of(kAgentKnobPrefixes.begin(), kAgentKnobPrefixes.end(),
                              [&](std::string_view p) { return name.rfind(p, 0) == 0; });
    if (legacy)
      present.push_back(name);
  }
  return present;  // std::map iterates in order, so already sorted
}

}  // namespace tars::config
