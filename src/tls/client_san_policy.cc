#include "tls/client_san_policy.h"

namespace tars::tls {

StatusOr<ClientSanPolicy> ClientSanPolicy::Create(const config::TlsConfig& tls) {
  StatusOr<SanMatcher> matcher = SanMatcher::Create(tls.allowed_client_sans);
  if (!matcher.isOk())
    return invalidArgument("tls.allowed_client_sans: " + matcher.status().message());
  if (!tls.verify_client_san)
    return ClientSanPolicy(false, std::move(matcher).value());
  if (matcher->empty()) {
    return invalidArgument(
        "tls.allowed_client_sans: is empty while tls.verify_client_san is true; list the allowed "
        "names");
  }
  const bool asks_for_certificates =
      tls.require_mtls || tls.client_cert_validation != config::ClientCertValidation::kNone;
  if (!asks_for_certificates) {
    return invalidArgument(
        "tls.verify_client_san: is true but tls.client_cert_validation is none, so no client "
        "certificate is ever checked; set optional or required");
  }
  return ClientSanPolicy(true, std::move(matcher).value());
}

SanDecision ClientSanPolicy::decide(const CertificateIdentity& certificate) const {
  if (!enabled_)
    return SanDecision::kNotChecked;
  return matcher_.matchesAny(certificate.dns_sans) ? SanDecision::kAllowed
                                                   : SanDecision::kNotAllowed;
}

}  // namespace tars::tls
