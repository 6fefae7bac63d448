#pragma once
// The always-mounted probes (tars.md §10.2, cap.md §12.5): aggregated /health from cached group
// states, liveness /healthz, readiness /readyz from real checks.
//
// Groups and modules register what they contribute at start (App wiring); registration is not
// allowed once the server runs. Thread safety: health(), healthz() and readiness() are thread-safe
// once registration is over; the registered callbacks must be thread-safe.

#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace tars::probes {

enum class GroupStatus { kHealthy, kDegraded, kUnhealthy };

// A mounted group's part of /health: its status and its JSON object (with "status" in it).
struct GroupHealth {
  GroupStatus status = GroupStatus::kHealthy;
  std::string json_object;  // e.g. {"status":"healthy","signing_keys":2}
};

// A readiness check (tars.md §10.2 table): a failed kCritical check makes /readyz 503 (FAIL); a
// failed kDegrading one reports DEGRADED with 200.
struct ReadinessCheck {
  enum class Severity { kCritical, kDegrading };
  std::string name;  // "store", "keyring", "redis", ...; each name once
  Severity severity = Severity::kCritical;
  std::function<Status()> probe;  // OK = up; must answer within ~1 s
};

struct ProbesInfo {
  std::string version;
  std::string revision;  // build hash, or empty when unknown
  bool tls_enabled = false;
};

class ProbesService {
 public:
  ProbesService(ProbesInfo info, const Clock& clock) : info_(std::move(info)), clock_(clock) {}

  void addGroup(std::string name, std::function<GroupHealth()> health);
  void addCheck(ReadinessCheck check);

  // /health body and status code (200, or 503 when any group is unhealthy).
  std::pair<int, std::string> health() const;
  // /healthz body.
  std::string healthz() const;
  // /readyz body and status code (200 OK/DEGRADED, 503 FAIL).
  std::pair<int, std::string> readiness() const;

 private:
  struct Group {
    std::string name;
    std::function<GroupHealth()> health;
  };
  ProbesInfo info_;
  const Clock& clock_;
  std::vector<Group> groups_;
  std::vector<ReadinessCheck> checks_;
};

std::string_view groupStatusName(GroupStatus s);

}  // namespace tars::probes
