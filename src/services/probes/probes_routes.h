#pragma once
// Route declarations of the always-mounted group: /health, /healthz, /readyz, /metrics.

#include <functional>
#include <string>
#include <vector>

#include "http/router/route_spec.h"
#include "services/probes/metrics_access.h"
#include "services/probes/probes_service.h"

namespace tars::probes {

// `scrape` renders the metrics text exposition (metrics::Registry::serialize).
std::vector<http::RouteSpec> probeRoutes(const ProbesService& service,
                                         std::function<std::string()> scrape,
                                         MetricsAccessPolicy metrics_access);

// The subset served on server.probe_port (tars.md §11.1): /healthz, /readyz, /metrics.
std::vector<http::RouteSpec> probePortRoutes(const ProbesService& service,
                                             std::function<std::string()> scrape,
                                             MetricsAccessPolicy metrics_access);

}  // namespace tars::probes
