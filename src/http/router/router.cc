#include "http/router/router.h"

#include <algorithm>
#include <set>

namespace tars::http {
namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  if (!path.empty() && path[0] == '/')
    i = 1;
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string_view::npos)
      j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<Router>> Router::Create(std::vector<RouteSpec> routes) {
  std::unique_ptr<Router> r(new Router());
  std::set<std::pair<int, std::string>> seen;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    auto& spec = routes[i];
    spec.index = i;
    if (spec.path.empty() || spec.path[0] != '/') {
      return invalidArgument("route template must start with '/': " + spec.path);
    }
    if (!spec.handler)
      return invalidArgument("route has no handler: " + spec.path);
    if (!seen.emplace(static_cast<int>(spec.method), spec.path).second) {
      return invalidArgument("duplicate route: " + std::string(methodName(spec.method)) + " " +
                             spec.path);
    }
    Compiled c;
    c.is_static = true;
    auto parts = splitPath(spec.path);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      auto part = parts[k];
      Segment seg;
      if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
        auto name = part.substr(1, part.size() - 2);
        seg.param = true;
        if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
          seg.rest = true;
          name.remove_suffix(3);
          if (k + 1 != parts.size()) {
            return invalidArgument("'{name...}' must be the last segment: " + spec.path);
          }
        }
        if (name.empty())
          return invalidArgument("empty parameter name: " + spec.path);
        seg.text = std::string(name);
        c.is_static = false;
      } else if (part.find_first_of("{}") != std::string_view::npos) {
        return invalidArgument("malformed template segment: " + spec.path);
      } else {
        seg.text = std::string(part);
      }
      c.segments.push_back(std::move(seg));
    }
    if (c.is_static) {
      r->static_index_.emplace(spec.path, i);
    } else {
      r->template_routes_.push_back(i);
    }
    r->compiled_.push_back(std::move(c));
  }
  r->routes_ = std::move(routes);
  return r;
}

bool Router::matchTemplate(const Compiled& c, const std::vector<std::string_view>& parts,
                           std::vector<std::pair<std::string, std::string>>* params) const {
  std::size_t n = c.segments.size();
  bool has_rest = n > 0 && c.segments.back().rest;
  if (has_rest ? parts.size() + 1 < n : parts.size() != n)
    return false;
  std::vector<std::pair<std::string, std::string>> bound;
  for (std::size_t k = 0; k < n; ++k) {
    const auto& seg = c.segments[k];
    if (seg.rest) {
      // Everything from this segment on, without the leading slash.
      std::string rest;
      for (std::size_t m = k; m < parts.size(); ++m) {
        if (m > k)
          rest += '/';
        rest += parts[m];
      }
      bound.emplace_back(seg.text, std::move(rest));
      break;
    }
    if (seg.param) {
      if (parts[k].empty())
        return false;
      bound.emplace_back(seg.text, std::string(parts[k]));
    } else if (parts[k] != seg.text) {
      return false;
    }
  }
  if (params != nullptr)
    *params = std::move(bound);
  return true;
}

std::vector<std::size_t> Router::routesForPath(std::string_view path) const {
  std::vector<std::size_t> out;
  auto [b, e] = static_index_.equal_range(std::string(path));
  for (auto it = b; it != e; ++it)
    out.push_back(it->second);
  auto parts = splitPath(path);
  for (auto i : template_routes_) {
    if (matchTemplate(compiled_[i], parts, nullptr))
      out.push_back(i);
  }
  return out;
}

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch m;
  Method want = method == Method::kHead ? Method::kGet : method;
  // Static routes first: the hot probes (/health, /metrics) are static.
  auto [b, e] = static_index_.equal_range(std::string(path));
  bool path_known = b != e;
  for (auto it = b; it != e; ++it) {
    if (routes_[it->second].method == want) {
      m.kind = RouteMatch::Kind::kFound;
      m.route = &routes_[it->second];
      return m;
    }
  }
  // Split once; every template is compared segment by segment against the same parts.
  auto parts = splitPath(path);
  for (auto i : template_routes_) {
    std::vector<std::pair<std::string, std::string>> params;
    if (!matchTemplate(compiled_[i], parts, &params))
      continue;
    path_known = true;
    if (routes_[i].method == want) {
      m.kind = RouteMatch::Kind::kFound;
      m.route = &routes_[i];
      m.params = std::move(params);
      return m;
    }
  }
  if (path_known) {
    m.kind = RouteMatch::Kind::kMethodNotAllowed;
    m.allow = allowedMethods(path);
  }
  return m;
}

std::string Router::allowedMethods(std::string_view path) const {
  auto idx = routesForPath(path);
  if (idx.empty())
    return {};
  std::set<Method> methods;
  for (auto i : idx) {
    methods.insert(routes_[i].method);
    if (routes_[i].method == Method::kGet)
      methods.insert(Method::kHead);
  }
  methods.insert(Method::kOptions);
  // Fixed, conventional order so the header is stable.
  static constexpr Method kOrder[] = {Method::kGet,    Method::kHead,  Method::kPost,
                                      Method::kPut,    Method::kPatch, Method::kDelete,
                                      Method::kOptions};
  std::string out;
  for (auto mm : kOrder) {
    if (!methods.count(mm))
      continue;
    if (!out.empty())
      out += ", ";
    out += methodName(mm);
  }
  return out;
}

}  // namespace tars::http
