#pragma once
// Who may read /metrics (tars.md §10.1 `metrics.auth`): `open` — anyone; `auto` — anyone in
// development or from a loopback peer, otherwise credentials; `required` — credentials always.
// Until a request carries an authenticated principal (issue #3's authn filter), "credentials"
// cannot be satisfied, so those cases are refused: fail closed.

#include <string_view>

namespace tars::probes {

enum class MetricsAccessMode { kAuto, kOpen, kRequired };

struct MetricsAccessPolicy {
  MetricsAccessMode mode = MetricsAccessMode::kAuto;
  bool development = true;
};

// True when a peer at `remote_address` may scrape without credentials.
bool metricsOpenTo(const MetricsAccessPolicy& policy, std::string_view remote_address);

// 127.0.0.0/8, ::1 and IPv4-mapped loopback.
bool isLoopbackAddress(std::string_view address);

}  // namespace tars::probes
