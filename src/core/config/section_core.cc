// Section "core": env, services, data_dir, log.*, metrics.*.

#include <set>

#include "core/config/schema.h"
#include "core/config/sections.h"

namespace tars::config {
namespace {

std::string joinItems(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items)
    out += (out.empty() ? "" : ",") + item;
  return out;
}

// `all`, or a comma list of group names (spec/tars.md §1.1); unknown names are an error.
StatusOr<std::set<Service>> decodeServices(const std::vector<std::string>& items) {
  if (items.empty())
    return invalidArgument("names no service; use all or a comma list of " +
                           joinNames(kServiceNames));
  if (items.size() == 1 && items.front() == "all")
    return allServices();
  std::set<Service> services;
  for (const std::string& item : items) {
    if (item == "all") {
      return invalidArgument("'" + joinItems(items) +
                             "': all cannot be combined with other services");
    }
    std::optional<Service> service = valueOf(kServiceNames, item);
    if (!service) {
      return invalidArgument("'" + item + "' is not a service; use all or a comma list of " +
                             joinNames(kServiceNames));
    }
    services.insert(*service);
  }
  return services;
}

KeySpec servicesKey() {
  KeySpec spec;
  spec.path = "services";
  spec.shape = Shape::kList;
  spec.apply = [](Config& config, const RawValue& value) -> Status {
    StatusOr<std::set<Service>> services = decodeServices(value.list);
    if (!services.isOk())
      return keyError("services", services.status().message(), value.origin);
    config.services = std::move(services).value();
    return Status::ok();
  };
  return spec;
}

void addCoreKeys(Schema& schema) {
  schema.add(enumKey<Environment>(
      "env", [](Config& c) -> Environment& { return c.env; }, kEnvironmentNames));
  schema.add(servicesKey());
  schema.add(stringKey("data_dir", [](Config& c) -> std::string& { return c.data_dir; }));
  schema.add(enumKey<LogLevel>(
      "log.level", [](Config& c) -> LogLevel& { return c.log.level; }, kLogLevelNames));
  schema.add(enumKey<LogFormat>(
      "log.format", [](Config& c) -> LogFormat& { return c.log.format; }, kLogFormatNames));
  schema.add(enumKey<MetricsAuth>(
      "metrics.auth", [](Config& c) -> MetricsAuth& { return c.metrics.auth; }, kMetricsAuthNames));
}

}  // namespace

const Section kCoreSection{"core", addCoreKeys, nullptr, nullptr};

}  // namespace tars::config
