#pragma once
// Reads a PEM certificate and key with OpenSSL, for check 4 of `tars doctor`.

#include <chrono>
#include <string>

#include "core/status.h"

namespace tars::doctor {

struct CertificateFacts {
  std::chrono::system_clock::time_point not_after;  // end of validity
};

// The first certificate of the PEM file at `cert_path`. kInvalidArgument when it cannot be read
// or parsed.
StatusOr<CertificateFacts> inspectCertificate(const std::string& cert_path);

// OK when the PEM private key at `key_path` can be read (without a passphrase: an encrypted key
// is reported, never prompted for) and belongs to the certificate at `cert_path`.
Status checkKeyMatchesCertificate(const std::string& cert_path, const std::string& key_path);

}  // namespace tars::doctor
