#include "app/doctor/doctor.h"

#include <cstdio>

#include "app/doctor/config_checks.h"
#include "app/doctor/file_checks.h"

namespace tars::doctor {
namespace {

using TimePoint = std::chrono::system_clock::time_point;

// #13: ages come from the store through the callback; the thresholds are ours.
DoctorCheck checkKeyAges(const DoctorOptions& options, TimePoint now) {
  CheckBuilder check(13, "key_age");
  StatusOr<KeyInventory> inventory = options.key_inventory();
  if (!inventory.isOk()) {
    check.warn("cannot read key ages: " + inventory.status().message());
    return check.finish();
  }
  auto days = [&](TimePoint t) {
    return std::chrono::duration_cast<std::chrono::hours>(now - t).count() / 24;
  };
  if (inventory->signing_key_created_at && days(*inventory->signing_key_created_at) > 90) {
    check.warn("the signing key is " + std::to_string(days(*inventory->signing_key_created_at)) +
               " days old; rotate it (tars keys rotate-signing)");
  }
  std::string old_keys;
  for (const ApiKeyAge& key : inventory->api_keys_without_expiry) {
    if (days(key.created_at) > 365)
      old_keys += (old_keys.empty() ? "" : ", ") + key.key_id;
  }
  if (!old_keys.empty())
    check.warn("API keys without expiry older than 365 days: " + old_keys + "; rotate them");
  check.pass("signing key and API keys are within their age limits");
  return check.finish();
}

DoctorCheck checkAuditChain(const DoctorOptions& options) {
  CheckBuilder check(14, "audit_chain");
  Status status = options.audit_verify();
  if (!status.isOk())
    check.fail("audit chain does not verify: " + status.message());
  check.pass("audit chain verifies");
  return check.finish();
}

}  // namespace

std::vector<DoctorCheck> runDoctor(const config::Config& config,
                                   const std::map<std::string, std::string>& environment,
                                   const DoctorOptions& options) {
  const bool online = !options.offline;
  SystemClock system_clock;
  const Clock& clock = options.clock != nullptr ? *options.clock : system_clock;
  const TimePoint now = clock.now();
  std::vector<DoctorCheck> checks;

  checks.push_back(checkEnv(config).finish());

  CheckBuilder secret = checkJwtSecret(config);
  if (online)
    checkDevelopmentSecretFile(config, secret);
  checks.push_back(secret.finish());

  checks.push_back(checkDemoUsers(config).finish());

  if (config.tls.enabled && online)
    checks.push_back(checkTlsFiles(config, now).finish());
  else
    checks.push_back(checkTransport(config).finish());

  checks.push_back(checkCors(config).finish());

  CheckBuilder store = checkStoreRule(config);
  if (online && options.store_probe) {
    Status reachable = options.store_probe();
    if (reachable.isOk())
      store.pass("store reachable, migrations current");
    else
      store.fail("store check failed: " + reachable.message());
  }
  checks.push_back(store.finish());

  CheckBuilder redis = checkRedisRules(config);
  if (online && options.redis_probe && config.redis.url) {
    Status reachable = options.redis_probe();
    if (reachable.isOk())
      redis.pass("Redis reachable");
    else
      redis.fail("Redis unreachable: " + reachable.message());
  }
  checks.push_back(redis.finish());

  if (online)
    checks.push_back(checkPermissions(config).finish());

  checks.push_back(checkOutbound(config).finish());
  checks.push_back(checkMetricsAuth(config).finish());
  checks.push_back(checkHypersync(config).finish());
  checks.push_back(checkTokenLifetimes(config).finish());

  if (online && options.key_inventory)
    checks.push_back(checkKeyAges(options, now));
  if (online && options.audit_verify)
    checks.push_back(checkAuditChain(options));

  checks.push_back(checkLegacyEnvironment(config, environment).finish());
  return checks;
}

std::vector<DoctorCheck> runDoctor(const config::Config& config,
                                   const std::map<std::string, std::string>& environment,
                                   bool offline) {
  DoctorOptions options;
  options.offline = offline;
  return runDoctor(config, environment, options);
}

const char* levelName(DoctorCheck::Level level) {
  switch (level) {
    case DoctorCheck::Level::kPass:
      return "PASS";
    case DoctorCheck::Level::kWarn:
      return "WARN";
    case DoctorCheck::Level::kFail:
      return "FAIL";
  }
  return "FAIL";
}

std::string formatCheck(const DoctorCheck& check) {
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%s %2d ", levelName(check.level), check.number);
  std::string line = prefix + check.message;
  // One line per check, whatever a probe's message contained.
  for (char& c : line) {
    if (c == '\n' || c == '\r')
      c = ' ';
  }
  return line;
}

std::string formatChecks(const std::vector<DoctorCheck>& checks) {
  std::string out;
  for (const DoctorCheck& check : checks)
    out += formatCheck(check) + "\n";
  return out;
}

int exitCode(const std::vector<DoctorCheck>& checks) {
  for (const DoctorCheck& check : checks) {
    if (check.level == DoctorCheck::Level::kFail)
      return 1;
  }
  return 0;
}

}  // namespace tars::doctor
