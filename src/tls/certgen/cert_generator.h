#pragma once
// generateCertificateSet: `tars certs generate` without the command line (spec/tars.md §5).
//
// 1. Validates the options and creates the output directory (0700) when it is missing.
// 2. Refuses, before writing anything, when a leaf key file exists and `force` is false
//    (kAlreadyExists naming the file; the CLI exits 3).
// 3. Reuses an existing CA (ca.crt + ca.key that match and are a CA) to sign the new leaves, even
//    with `force` (re-issuing leaves must not invalidate every trust store holding ca.crt). A CA
//    that cannot be reused (only one of the two files, a key that does not match, not a CA,
//    expired) is an error without `force` (kAlreadyExists when ca.key exists, since a new CA
//    would overwrite it; else kFailedPrecondition) and is replaced with `force`.
// 4. Writes each key (PKCS#8 PEM, 0600) before its certificate (0644), every file atomically.
//
// Thread safety: one call at a time per output directory.

#include <chrono>
#include <string>
#include <vector>

#include "core/status.h"
#include "tls/certgen/cert_set.h"

namespace tars::tls {

struct GenerateOptions {
  std::string out_dir;  // created 0700 when missing
  CertSetOptions set;   // what to issue
  bool force = false;   // replace existing leaf keys (and an unusable CA)
};

struct GeneratedFile {
  std::string path;
  bool is_key = false;            // a private key (0600) rather than a certificate (0644)
  bool reused = false;            // an existing CA file that was kept
  std::string subject;            // certificates: RFC 2253 subject
  std::vector<std::string> sans;  // certificates: "DNS:x", "IP:y", "URI:z"
  std::chrono::system_clock::time_point not_after;  // certificates
};

// Issues at `now`: notBefore = now - 5 min, notAfter = now + days (ca_days for a new CA).
// Returns every file in the order written (the CA first). Errors: kInvalidArgument (options),
// kAlreadyExists (a key exists, no force), kFailedPrecondition (ca.crt without ca.key, no
// force), kInternal (I/O or OpenSSL).
StatusOr<std::vector<GeneratedFile>> generateCertificateSet(
    const GenerateOptions& options, std::chrono::system_clock::time_point now);

}  // namespace tars::tls
