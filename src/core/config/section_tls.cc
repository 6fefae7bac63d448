// Section "tls": the listener's TLS and client certificates (spec/cap.md §11).

#include "core/config/schema.h"
#include "core/config/sections.h"

namespace tars::config {
namespace {

// A DNS name, or "*.suffix" where the '*' is the whole leading label (RFC 6125).
Status checkSanPattern(const std::string& pattern) {
  if (pattern.empty())
    return invalidArgument("an entry is empty");
  std::size_t star = pattern.find('*');
  if (star == std::string::npos)
    return Status::ok();
  bool leading_label = star == 0 && pattern.size() > 2 && pattern[1] == '.' &&
                       pattern.find('*', 1) == std::string::npos;
  if (!leading_label) {
    return invalidArgument("'" + pattern +
                           "': '*' is allowed only as the whole leading label (*.suffix)");
  }
  return Status::ok();
}

void addTlsKeys(Schema& schema) {
  schema.add(boolKey("tls.enabled", [](Config& c) -> bool& { return c.tls.enabled; }));
  schema.add(optionalStringKey("tls.server_cert", [](Config& c) -> std::optional<std::string>& {
    return c.tls.server_cert;
  }));
  schema.add(optionalStringKey(
      "tls.server_key", [](Config& c) -> std::optional<std::string>& { return c.tls.server_key; }));
  schema.add(optionalEnumKey<TlsVersion>(
      "tls.tls_min_version",
      [](Config& c) -> std::optional<TlsVersion>& { return c.tls.tls_min_version; },
      kTlsVersionNames));
  schema.add(enumKey<CipherProfile>(
      "tls.cipher_profile", [](Config& c) -> CipherProfile& { return c.tls.cipher_profile; },
      kCipherProfileNames));
  schema.add(enumKey<ClientCertValidation>(
      "tls.client_cert_validation",
      [](Config& c) -> ClientCertValidation& { return c.tls.client_cert_validation; },
      kClientCertValidationNames));
  schema.add(boolKey("tls.require_mtls", [](Config& c) -> bool& { return c.tls.require_mtls; }));
  schema.add(optionalStringKey(
      "tls.client_ca_bundle",
      [](Config& c) -> std::optional<std::string>& { return c.tls.client_ca_bundle; }));
  schema.add(
      boolKey("tls.verify_client_san", [](Config& c) -> bool& { return c.tls.verify_client_san; }));
  schema.add(listKey(
      "tls.allowed_client_sans",
      [](Config& c) -> std::vector<std::string>& { return c.tls.allowed_client_sans; },
      checkSanPattern));
}

void resolveTls(Config& config, const Provenance& /*provenance*/) {
  // "require_mtls: true forces required" (spec/cap.md §11): consumers read one field.
  if (config.tls.require_mtls)
    config.tls.client_cert_validation = ClientCertValidation::kRequired;
}

// File readability is checked where the files are used (the tls module at start, `tars doctor`
// online), so that `tars doctor --offline` can load a rendered config without the files.
Status validateTls(const Config& config, const Provenance& provenance) {
  const TlsConfig& tls = config.tls;
  if (tls.enabled && (!tls.server_cert || !tls.server_key)) {
    const char* key = !tls.server_cert ? "tls.server_cert" : "tls.server_key";
    return invalidArgument(std::string("config: ") + key +
                           ": is required when tls.enabled is true" +
                           provenance.suffix("tls.enabled"));
  }
  if (tls.cipher_profile == CipherProfile::kModern && tls.tls_min_version &&
      *tls.tls_min_version < TlsVersion::kTls13) {
    return invalidArgument(
        "config: tls.tls_min_version: " + std::string(toString(*tls.tls_min_version)) +
        " is below 1.3, the minimum of cipher_profile modern" +
        provenance.suffix("tls.tls_min_version"));
  }
  if (tls.client_cert_validation != ClientCertValidation::kNone && !tls.client_ca_bundle) {
    const char* cause = tls.require_mtls ? "tls.require_mtls" : "tls.client_cert_validation";
    return invalidArgument(
        "config: tls.client_ca_bundle: is required when client certificates are verified "
        "(tls.client_cert_validation: " +
        std::string(toString(tls.client_cert_validation)) + ")" + provenance.suffix(cause));
  }
  if (tls.verify_client_san && tls.allowed_client_sans.empty()) {
    // An empty list with verification on would accept every certificate (the original's bug).
    return invalidArgument(
        "config: tls.allowed_client_sans: is empty while tls.verify_client_san is true; list the "
        "allowed names" +
        provenance.suffix("tls.verify_client_san"));
  }
  return Status::ok();
}

}  // namespace

const Section kTlsSection{"tls", addTlsKeys, resolveTls, validateTls};

}  // namespace tars::config
