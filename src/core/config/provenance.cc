#include "core/config/provenance.h"

namespace tars::config {

void Provenance::record(std::string_view path, std::string origin) {
  origins_.insert_or_assign(std::string(path), std::move(origin));
}

bool Provenance::isSet(std::string_view path) const {
  return origins_.find(path) != origins_.end();
}

std::string Provenance::suffix(std::string_view path) const {
  auto it = origins_.find(path);
  if (it == origins_.end() || it->second.empty())
    return "";
  return " (" + it->second + ")";
}

}  // namespace tars::config
