#include "app/cli/routes_json.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace tars::cli {

std::string routesToJson(const std::vector<http::RouteSpec>& routes) {
  boost::json::array out;
  for (const auto& r : routes) {
    boost::json::object o;
    o["method"] = http::methodName(r.method);
    o["path"] = r.path;
    o["group"] = r.group;
    o["access"] = r.access.describe();
    o["rate_class"] = r.rate_class;
    o["body_limit"] = r.body_limit;
    out.push_back(std::move(o));
  }
  return boost::json::serialize(out);
}

}  // namespace tars::cli
