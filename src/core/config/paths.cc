#include "core/config/paths.h"

namespace tars::config {

std::string joinPath(std::string_view dir, std::string_view name) {
  while (dir.size() > 1 && dir.back() == '/')
    dir.remove_suffix(1);
  std::string out(dir);
  if (out.empty() || out.back() != '/')
    out += '/';
  out += name;
  return out;
}

}  // namespace tars::config
