#include "services/probes/probes_service.h"

#include <algorithm>

#include "core/json_util.h"
#include "core/time_format.h"

namespace tars::probes {

std::string_view groupStatusName(GroupStatus s) {
  switch (s) {
    case GroupStatus::kHealthy:
      return "healthy";
    case GroupStatus::kDegraded:
      return "degraded";
    case GroupStatus::kUnhealthy:
      return "unhealthy";
  }
  return "unhealthy";
}

void ProbesService::addGroup(std::string name, std::function<GroupHealth()> health) {
  groups_.push_back({std::move(name), std::move(health)});
}

void ProbesService::addCheck(ReadinessCheck check) {
  checks_.push_back(std::move(check));
}

std::pair<int, std::string> ProbesService::health() const {
  GroupStatus overall = GroupStatus::kHealthy;
  std::string services = "{";
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    GroupHealth h = groups_[i].health();
    overall = std::max(overall, h.status);  // the worst group wins
    if (i > 0)
      services += ',';
    json::appendQuoted(services, groups_[i].name);
    services += ':';
    services += h.json_object;
  }
  services += '}';
  std::string body = "{\"status\":";
  json::appendQuoted(body, groupStatusName(overall));
  body += ",\"version\":";
  json::appendQuoted(body, info_.version);
  body += ",\"timestamp\":";
  json::appendQuoted(body, formatRfc3339Millis(clock_.now()));
  body += ",\"services\":";
  body += services;
  body += '}';
  return {overall == GroupStatus::kUnhealthy ? 503 : 200, std::move(body)};
}

std::string ProbesService::healthz() const {
  std::string body = "{\"status\":\"OK\",\"version\":";
  json::appendQuoted(body, info_.version);
  body += ",\"build_hash\":";
  if (info_.revision.empty() || info_.revision == "unknown") {
    body += "null";
  } else {
    json::appendQuoted(body, info_.revision);
  }
  body += ",\"tls_enabled\":";
  body += info_.tls_enabled ? "true" : "false";
  body += '}';
  return body;
}

std::pair<int, std::string> ProbesService::readiness() const {
  bool fail = false, degraded = false;
  std::string checks = "[";
  for (std::size_t i = 0; i < checks_.size(); ++i) {
    const auto& c = checks_[i];
    Status st;
    try {
      st = c.probe();
    } catch (...) {
      st = internalError("probe threw");
    }
    std::string_view state = "OK";
    if (!st.isOk()) {
      if (c.severity == ReadinessCheck::Severity::kCritical) {
        fail = true;
        state = "FAIL";
      } else {
        degraded = true;
        state = "DEGRADED";
      }
    }
    if (i > 0)
      checks += ',';
    checks += "{\"name\":";
    json::appendQuoted(checks, c.name);
    checks += ",\"status\":";
    json::appendQuoted(checks, state);
    checks += '}';
  }
  checks += ']';
  std::string_view overall = fail ? "FAIL" : degraded ? "DEGRADED" : "OK";
  std::string body = "{\"status\":";
  json::appendQuoted(body, overall);
  body += ",\"checks\":";
  body += checks;
  body += '}';
  return {fail ? 503 : 200, std::move(body)};
}

}  // namespace tars::probes
