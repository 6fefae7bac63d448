#include "unit/metrics/exposition_util.h"

#include <stdlib.h>

#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>

namespace tars::metrics::testing {

std::optional<double> sampleValue(std::string_view text, std::string_view series) {
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > series.size() && line.starts_with(series) && line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return std::nullopt;
}

bool hasFamily(std::string_view text, std::string_view name, std::string_view type) {
  std::string help = "# HELP " + std::string(name) + " ";
  std::string type_line = "# TYPE " + std::string(name) + " " + std::string(type) + "\n";
  return text.find(help) != std::string_view::npos &&
         text.find(type_line) != std::string_view::npos;
}

const prometheus::MetricFamily* findFamily(const std::vector<prometheus::MetricFamily>& families,
                                           std::string_view name) {
  for (const prometheus::MetricFamily& family : families) {
    if (family.name == name) {
      return &family;
    }
  }
  return nullptr;
}

}  // namespace tars::metrics::testing
