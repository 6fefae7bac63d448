#pragma once
// Provenance: where each explicitly set config key got its value, so that errors can say
// "(from TARS_SERVER_PORT)" and derived defaults know whether a key was set at all.

#include <map>
#include <string>
#include <string_view>

namespace tars::config {

class Provenance {
 public:
  // Records that `path` was set; `origin` is "from TARS_X", "from --port" or "in FILE line N".
  // A later record (a later source) replaces an earlier one.
  void record(std::string_view path, std::string origin);

  // True when some source set `path` (false: it has its default).
  bool isSet(std::string_view path) const;

  // " (from TARS_X)" and the like; "" for a default.
  std::string suffix(std::string_view path) const;

 private:
  std::map<std::string, std::string, std::less<>> origins_;
};

}  // namespace tars::config
