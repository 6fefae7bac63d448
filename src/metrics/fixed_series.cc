#include "metrics/fixed_series.h"

namespace tars::metrics {

std::vector<prometheus::Labels> labelProduct(const std::vector<LabelDimension>& dimensions) {
  std::vector<prometheus::Labels> product{prometheus::Labels{}};
  for (const LabelDimension& dimension : dimensions) {
    std::vector<prometheus::Labels> next;
    next.reserve(product.size() * dimension.values.size());
    for (const prometheus::Labels& prefix : product) {
      for (const std::string& value : dimension.values) {
        prometheus::Labels labels = prefix;
        labels[dimension.name] = value;
        next.push_back(std::move(labels));
      }
    }
    product = std::move(next);
  }
  return product;
}

Status checkHelp(std::string_view help) {
  if (help.empty()) {
    // promtool rejects a family without help text ("no help text").
    return invalidArgument("metric help text is empty");
  }
  if (help.find_first_of("\\\n") != std::string_view::npos) {
    return invalidArgument("metric help text contains a backslash or a line break");
  }
  return Status::ok();
}

}  // namespace tars::metrics
