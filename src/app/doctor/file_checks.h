#pragma once
// The online parts of `tars doctor` that read the file system. Never called with --offline.

#include <chrono>

#include "app/doctor/check_builder.h"
#include "core/config/config.h"

namespace tars::doctor {

// 2: FAIL when auth.jwt.secret equals the development secret file (developmentSecretPath()).
void checkDevelopmentSecretFile(const config::Config& config, CheckBuilder& check);

// 4 with TLS on: cert and key readable, matching, and valid ≥ kMinCertificateDays after `now`.
CheckBuilder checkTlsFiles(const config::Config& config, std::chrono::system_clock::time_point now);

// 8: data_dir has no group/other permissions (0700); key files neither (0600 or 0400): the TLS
// key, outbound.client_key, verifier.signing_key_file, the development secret file, and every
// *.pem and *.key below data_dir.
CheckBuilder checkPermissions(const config::Config& config);

}  // namespace tars::doctor
