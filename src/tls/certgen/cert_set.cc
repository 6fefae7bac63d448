#include "tls/certgen/cert_set.h"

#include <algorithm>
#include <optional>
#include <set>

#include "tls/san_matcher.h"

namespace tars::tls {
namespace {

// Services whose original host names were "<svc>-service" (spec/tars.md §5.2).
bool hasLegacyServiceName(const std::string& svc) {
  return svc == "orchestration" || svc == "automl" || svc == "hypersync" || svc == "dashboard";
}

// A DNS name, optionally "*.suffix" (SanPattern's grammar: the rules for names we match).
bool isDnsName(const std::string& s, bool allow_wildcard) {
  if (!allow_wildcard && s.find('*') != std::string::npos)
    return false;
  return SanPattern::Parse(s).isOk();
}

struct ExtraSan {
  bool ip = false;
  std::string value;
};

std::optional<ExtraSan> parseExtraSan(const std::string& raw) {
  const bool ip_prefix = raw.rfind("IP:", 0) == 0;
  const bool dns_prefix = raw.rfind("DNS:", 0) == 0;
  std::string v = ip_prefix ? raw.substr(3) : dns_prefix ? raw.substr(4) : raw;
  if (!dns_prefix && isIpLiteral(v))
    return ExtraSan{true, v};
  if (!ip_prefix && isDnsName(v, true))
    return ExtraSan{false, v};
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& knownServices() {
  static const std::vector<std::string> kServices = {"auth",      "orchestration", "automl",
                                                     "hypersync", "dashboard",     "verifier"};
  return kServices;
}

Status validateCertSetOptions(const CertSetOptions& o) {
  if (o.services.empty())
    return invalidArgument("--services: list at least one service");
  std::set<std::string> seen;
  for (const std::string& svc : o.services) {
    const auto& known = knownServices();
    if (std::find(known.begin(), known.end(), svc) == known.end()) {
      return invalidArgument("--services: unknown service '" + svc +
                             "' (auth, orchestration, automl, hypersync, dashboard, verifier)");
    }
    if (!seen.insert(svc).second)
      return invalidArgument("--services: '" + svc + "' is listed twice");
  }
  if (!isDnsName(o.namespace_name, false) || o.namespace_name.find('.') != std::string::npos)
    return invalidArgument("--namespace: '" + o.namespace_name + "' is not a DNS label");
  if (!isDnsName(o.release, false) || o.release.find('.') != std::string::npos)
    return invalidArgument("--release: '" + o.release + "' is not a DNS label");
  if (!isDnsName(o.cluster_domain, false))
    return invalidArgument("--cluster-domain: '" + o.cluster_domain + "' is not a DNS name");
  if (o.ingress_hosts.empty())
    return invalidArgument("--ingress-host: give at least one host");
  for (const std::string& h : o.ingress_hosts) {
    if (!isDnsName(h, false))
      return invalidArgument("--ingress-host: '" + h + "' is not a DNS name");
  }
  for (const std::string& s : o.extra_sans) {
    if (!parseExtraSan(s))
      return invalidArgument("--extra-san: '" + s + "' is neither a DNS name nor an IP address");
  }
  if (o.days < 1 || o.days > 3650)
    return invalidArgument("--days: must be 1..3650");
  if (o.ca_days < 1 || o.ca_days > 36500)
    return invalidArgument("--ca-days: must be 1..36500");
  return Status::ok();
}

PlannedCertificate planCa() {
  PlannedCertificate ca;
  ca.stem = "ca";
  ca.spec.common_name = "T.A.R.S. Root CA";
  ca.spec.role = CertificateRole::kCa;
  ca.spec.ca_path_length = 0;
  return ca;
}

std::vector<PlannedCertificate> planLeaves(const CertSetOptions& o) {
  const std::string& ns = o.namespace_name;
  const std::string& cd = o.cluster_domain;
  std::vector<PlannedCertificate> out;
  for (const std::string& svc : o.services) {
    const std::string s = o.release + "-" + svc;
    PlannedCertificate server;
    server.stem = svc;
    server.spec.common_name = s;
    server.spec.role = CertificateRole::kServer;
    server.spec.dns_sans = {s,   s + "." + ns, s + "." + ns + ".svc", s + "." + ns + ".svc." + cd,
                            svc, "localhost"};
    if (hasLegacyServiceName(svc)) {
      const std::string legacy = svc + "-service";
      server.spec.dns_sans.push_back(legacy);
      server.spec.dns_sans.push_back(legacy + "." + ns + ".svc");
      server.spec.dns_sans.push_back(legacy + "." + ns + ".svc." + cd);
    }
    server.spec.ip_sans = {"127.0.0.1", "::1"};
    for (const std::string& raw : o.extra_sans) {
      ExtraSan extra = *parseExtraSan(raw);
      (extra.ip ? server.spec.ip_sans : server.spec.dns_sans).push_back(extra.value);
    }
    out.push_back(std::move(server));

    PlannedCertificate client;
    client.stem = svc + "-client";
    client.spec.common_name = s + "-client";
    client.spec.role = CertificateRole::kClient;
    client.spec.dns_sans = {s + "." + ns + ".svc." + cd};
    client.spec.uri_sans = {"spiffe://" + cd + "/ns/" + ns + "/sa/" + s};
    out.push_back(std::move(client));
  }
  PlannedCertificate ingress;
  ingress.stem = "ingress";
  ingress.spec.common_name = "tars-ingress";
  ingress.spec.role = CertificateRole::kServer;
  for (const std::string& h : o.ingress_hosts) {
    ingress.spec.dns_sans.push_back(h);
    ingress.spec.dns_sans.push_back("*." + h);
  }
  out.push_back(std::move(ingress));
  return out;
}

}  // namespace tars::tls
