#pragma once
// The certificate set of `tars certs generate` (spec/tars.md §5.2): which files, which subject,
// which SANs, which EKU. Pure naming; cert_generator.h issues and writes them.
//
// Per service <svc> (S = <release>-<svc>):
//   <svc>.crt/.key         CN S; DNS S, S.<ns>, S.<ns>.svc, S.<ns>.svc.<cd>, <svc>, localhost
//                          (+ <svc>-service, <svc>-service.<ns>.svc, <svc>-service.<ns>.svc.<cd>
//                          for orchestration, automl, hypersync, dashboard); IP 127.0.0.1, ::1;
//                          + --extra-san; serverAuth
//   <svc>-client.crt/.key  CN S-client; DNS S.<ns>.svc.<cd>; URI
//                          spiffe://<cd>/ns/<ns>/sa/S; clientAuth
// ingress.crt/.key         CN tars-ingress; DNS H and *.H per ingress host; serverAuth
// ca.crt/.key              CN "T.A.R.S. Root CA"; CA:TRUE, pathlen:0
//
// Thread safety: pure functions.

#include <string>
#include <vector>

#include "core/status.h"
#include "tls/certgen/x509_builder.h"

namespace tars::tls {

// The six service groups (ARCHITECTURE.md); the default of --services.
const std::vector<std::string>& knownServices();

struct CertSetOptions {
  std::vector<std::string> services = knownServices();      // --services
  std::string namespace_name = "tars";                      // --namespace
  std::string release = "tars";                             // --release
  std::string cluster_domain = "cluster.local";             // --cluster-domain
  std::vector<std::string> ingress_hosts = {"tars.local"};  // --ingress-host (repeatable)
  std::vector<std::string> extra_sans;  // --extra-san: DNS name or IP literal ("DNS:"/"IP:" ok)
  int days = 365;                       // leaf validity (1..3650)
  int ca_days = 3650;                   // CA validity (1..36500)
  KeyAlgorithm algorithm = KeyAlgorithm::kEcdsaP256;  // --rsa: RSA-2048
};

// kInvalidArgument naming the flag: an unknown or repeated service, a namespace, release or
// cluster domain that is not a DNS name, a bad ingress host or extra SAN, days out of range.
Status validateCertSetOptions(const CertSetOptions& options);

struct PlannedCertificate {
  std::string stem;      // file name without extension: "ca", "auth", "auth-client", "ingress"
  CertificateSpec spec;  // validity left unset (the generator fills it)
};

// The CA spec (stem "ca").
PlannedCertificate planCa();

// Every leaf in file order: per service the server then the client certificate, then ingress.
// REQUIRES: validateCertSetOptions(options) is OK.
std::vector<PlannedCertificate> planLeaves(const CertSetOptions& options);

}  // namespace tars::tls
