#pragma once
// The checks of spec/tars.md §11.4 that the config alone decides (all of them run offline).
// Each returns a builder so that the online part of a check can add its findings.

#include <map>
#include <string>

#include "app/doctor/check_builder.h"
#include "core/config/config.h"

namespace tars::doctor {

CheckBuilder checkEnv(const config::Config& config);        // 1
CheckBuilder checkJwtSecret(const config::Config& config);  // 2, without the dev file
CheckBuilder checkDemoUsers(const config::Config& config);  // 3
// 4 when TLS is off: server.behind_tls_proxy together with ratelimit.trusted_proxies. When TLS
// is on: the cert and key paths are set (the offline form; doctor.cc reads them online).
CheckBuilder checkTransport(const config::Config& config);
CheckBuilder checkCors(const config::Config& config);            // 5
CheckBuilder checkStoreRule(const config::Config& config);       // 6, PostgreSQL rule
CheckBuilder checkRedisRules(const config::Config& config);      // 7, backend and password
CheckBuilder checkOutbound(const config::Config& config);        // 9
CheckBuilder checkMetricsAuth(const config::Config& config);     // 10
CheckBuilder checkHypersync(const config::Config& config);       // 11
CheckBuilder checkTokenLifetimes(const config::Config& config);  // 12
CheckBuilder checkLegacyEnvironment(const config::Config& config,
                                    const std::map<std::string, std::string>& environment);  // 15

// True when this process calls other groups over the network (spec/tars.md §8.6, §9.1): it
// mounts hypersync without orchestration and automl, or dashboard without all three it reads.
bool callsPeers(const config::Config& config);

}  // namespace tars::doctor
