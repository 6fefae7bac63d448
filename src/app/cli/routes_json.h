#pragma once
// `tars routes`: the route table as a JSON array of {method, path, group, access, rate_class,
// body_limit} (tars.md §2).

#include <string>
#include <vector>

#include "http/router/route_spec.h"

namespace tars::cli {

std::string routesToJson(const std::vector<http::RouteSpec>& routes);

}  // namespace tars::cli
