#pragma once
// Router: matches a method and path against the route table.
//
// Templates are split on '/'; a segment `{name}` binds one non-empty segment, a final segment
// `{name...}` binds the rest of the path (possibly empty). Static paths are found by hash lookup;
// templates by a scan in declaration order (a few dozen routes). HEAD is served by the GET route.
//
// Thread safety: immutable after Create(); match() may run on any thread.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/status.h"
#include "http/router/route_spec.h"

namespace tars::http {

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const RouteSpec* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow;  // for kMethodNotAllowed and OPTIONS: "GET, HEAD, OPTIONS"
};

class Router {
 public:
  // Fails on a malformed template or a duplicate (method, template) pair.
  static StatusOr<std::unique_ptr<Router>> Create(std::vector<RouteSpec> routes);

  RouteMatch match(Method method, std::string_view path) const;

  // Methods allowed on `path` ("GET, HEAD, OPTIONS"), empty when no route has this path.
  std::string allowedMethods(std::string_view path) const;

  const std::vector<RouteSpec>& routes() const { return routes_; }

 private:
  struct Segment {
    std::string text;  // literal, or parameter name
    bool param = false;
    bool rest = false;  // `{name...}`
  };
  struct Compiled {
    std::vector<Segment> segments;
    bool is_static = false;
  };

  Router() = default;
  bool matchTemplate(const Compiled& c, const std::vector<std::string_view>& parts,
                     std::vector<std::pair<std::string, std::string>>* params) const;
  // Indexes of the routes whose template matches `path`, whatever their method.
  std::vector<std::size_t> routesForPath(std::string_view path) const;

  std::vector<RouteSpec> routes_;
  std::vector<Compiled> compiled_;
  std::unordered_multimap<std::string, std::size_t> static_index_;  // path → route indexes
  std::vector<std::size_t> template_routes_;
};

}  // namespace tars::http
