#include "services/probes/metrics_access.h"

namespace tars::probes {

bool isLoopbackAddress(std::string_view a) {
  if (a == "::1")
    return true;
  if (a.rfind("::ffff:", 0) == 0)
    a.remove_prefix(7);
  return a.rfind("127.", 0) == 0;
}

bool metricsOpenTo(const MetricsAccessPolicy& policy, std::string_view remote_address) {
  switch (policy.mode) {
    case MetricsAccessMode::kOpen:
      return true;
    case MetricsAccessMode::kRequired:
      return false;
    case MetricsAccessMode::kAuto:
      return policy.development || isLoopbackAddress(remote_address);
  }
  return false;
}

}  // namespace tars::probes
