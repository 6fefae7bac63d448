#pragma once
// `tars doctor`: the production checklist of spec/tars.md §11.4.
//
// runDoctor() returns one DoctorCheck per check, numbered as in the spec table. Offline, only
// config checks run: no file is opened, no store, Redis or network is touched, and the checks
// that need them (8, 13, 14) are left out. Checks that need a store or Redis take a probe
// callback in DoctorOptions; without one they report what the config alone decides, and 13 and
// 14 are left out.
//
// Messages never contain secret values (lengths only; URLs redacted).
//
// Thread safety: runDoctor() is reentrant; the callbacks are called on the caller's thread.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/config/config.h"
#include "core/status.h"

namespace tars::doctor {

struct DoctorCheck {
  enum class Level { kPass, kWarn, kFail };
  int number = 0;              // the row of spec/tars.md §11.4
  std::string name;            // short id, e.g. "jwt_secret"
  Level level = Level::kPass;  // worst finding of the check
  std::string message;         // one line: what was found and, when not PASS, what to set
};

// Age inputs of check 13, read from the store by the caller.
struct ApiKeyAge {
  std::string key_id;                                // not a secret
  std::chrono::system_clock::time_point created_at;  // when the key was created
};
struct KeyInventory {
  std::optional<std::chrono::system_clock::time_point> signing_key_created_at;  // current key
  std::vector<ApiKeyAge> api_keys_without_expiry;  // active keys whose expires_at is null
};

struct DoctorOptions {
  bool offline = false;  // config checks only (chart test, CI)
  // #6 online: the store is reachable and its migrations are current. Unset = rule only.
  std::function<Status()> store_probe;
  // #7 online, called only when redis.url is set: Redis answers. Unset = rules only.
  std::function<Status()> redis_probe;
  // #13 online: signing-key and API-key ages. Unset = check 13 not reported.
  std::function<StatusOr<KeyInventory>()> key_inventory;
  // #14 online: the audit chain verifies (OK) or the first broken seq (error). Unset = not run.
  std::function<Status()> audit_verify;
  // Time for certificate and key ages (Clock::now()); null = the system clock.
  const Clock* clock = nullptr;
};

// Certificates must stay valid at least this long (check 4).
inline constexpr int kMinCertificateDays = 14;

// Runs the checks; `environment` is the process environment (for check 15).
std::vector<DoctorCheck> runDoctor(const config::Config& config,
                                   const std::map<std::string, std::string>& environment,
                                   const DoctorOptions& options);

// The same with only the offline switch (no probes).
std::vector<DoctorCheck> runDoctor(const config::Config& config,
                                   const std::map<std::string, std::string>& environment,
                                   bool offline);

// "PASS", "WARN" or "FAIL".
const char* levelName(DoctorCheck::Level level);

// "PASS  1 env is production": level, the number right-aligned in two columns, the message.
std::string formatCheck(const DoctorCheck& check);

// One formatCheck() line per check, each ending in '\n'.
std::string formatChecks(const std::vector<DoctorCheck>& checks);

// 0 when no check FAILed, else 1.
int exitCode(const std::vector<DoctorCheck>& checks);

}  // namespace tars::doctor
