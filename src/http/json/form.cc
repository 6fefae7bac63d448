#include "http/json/form.h"

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include <algorithm>
#include <charconv>

namespace tars::http {

StatusOr<FormParams> parseForm(std::string_view text) {
  FormParams out;
  if (text.empty())
    return out;
  // Form encoding writes a space as '+' (a literal plus is %2B): spell it %20 before decoding.
  std::string spaced;
  spaced.reserve(text.size());
  for (char c : text) {
    if (c == '+')
      spaced += "%20";
    else
      spaced += c;
  }
  auto encoded = boost::urls::parse_query(spaced);
  if (!encoded)
    return invalidArgument("Malformed form or query string");
  boost::urls::params_view params(*encoded);
  for (const auto& p : params) {
    if (p.key.empty())
      return invalidArgument("Malformed form or query string: empty parameter name");
    if (!out.emplace(p.key, p.has_value ? p.value : std::string()).second)
      return invalidArgument("Parameter '" + p.key + "' given more than once");
  }
  return out;
}

StatusOr<PageParams> pageParams(const FormParams& query) {
  PageParams p;
  if (auto it = query.find("limit"); it != query.end()) {
    int v = 0;
    const std::string& s = it->second;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
      return validationError("limit must be an integer", {{"limit", "must be an integer"}});
    if (v < 1 || v > 500)
      return validationError("limit must be between 1 and 500",
                             {{"limit", "must be between 1 and 500"}});
    p.limit = v;
  }
  if (auto it = query.find("cursor"); it != query.end())
    p.cursor = it->second;
  return p;
}

Status onlyKnownParams(const FormParams& query, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : query) {
    if (std::find(known.begin(), known.end(), name) == known.end())
      return validationError("Unknown query parameter '" + name + "'", {{name, "unknown field"}});
  }
  return Status::ok();
}

StatusOr<bool> boolParam(const FormParams& query, std::string_view name, bool fallback) {
  auto it = query.find(name);
  if (it == query.end())
    return fallback;
  if (it->second == "true")
    return true;
  if (it->second == "false")
    return false;
  return validationError(std::string(name) + " must be true or false",
                         {{std::string(name), "must be true or false"}});
}

}  // namespace tars::http
