#include "tls/certgen/cert_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tars::tls {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const PlannedCertificate& find(const std::vector<PlannedCertificate>& plan,
                               const std::string& stem) {
  for (const PlannedCertificate& p : plan)
    if (p.stem == stem)
      return p;
  static const PlannedCertificate kNone;
  ADD_FAILURE() << "no " << stem;
  return kNone;
}

TEST(CertSetTest, DefaultFilesInOrder) {
  std::vector<PlannedCertificate> plan = planLeaves(CertSetOptions{});
  std::vector<std::string> stems;
  for (const auto& p : plan)
    stems.push_back(p.stem);
  EXPECT_THAT(stems,
              ElementsAre("auth", "auth-client", "orchestration", "orchestration-client", "automl",
                          "automl-client", "hypersync", "hypersync-client", "dashboard",
                          "dashboard-client", "verifier", "verifier-client", "ingress"));
}

TEST(CertSetTest, ServerNamesPerSpec) {
  std::vector<PlannedCertificate> plan = planLeaves(CertSetOptions{});
  const CertificateSpec& auth = find(plan, "auth").spec;
  EXPECT_EQ(auth.common_name, "tars-auth");
  EXPECT_EQ(auth.role, CertificateRole::kServer);
  EXPECT_THAT(auth.dns_sans, ElementsAre("tars-auth", "tars-auth.tars", "tars-auth.tars.svc",
                                         "tars-auth.tars.svc.cluster.local", "auth", "localhost"));
  EXPECT_THAT(auth.ip_sans, ElementsAre("127.0.0.1", "::1"));
  EXPECT_TRUE(auth.uri_sans.empty());

  // The four services with original "<svc>-service" host names.
  const CertificateSpec& hs = find(plan, "hypersync").spec;
  EXPECT_THAT(hs.dns_sans,
              ElementsAre("tars-hypersync", "tars-hypersync.tars", "tars-hypersync.tars.svc",
                          "tars-hypersync.tars.svc.cluster.local", "hypersync", "localhost",
                          "hypersync-service", "hypersync-service.tars.svc",
                          "hypersync-service.tars.svc.cluster.local"));
  for (const char* svc : {"orchestration", "automl", "dashboard"})
    EXPECT_THAT(find(plan, svc).spec.dns_sans, ::testing::Contains(std::string(svc) + "-service"));
  EXPECT_THAT(find(plan, "verifier").spec.dns_sans,
              ::testing::Not(::testing::Contains("verifier-service")));
}

TEST(CertSetTest, ClientNamesPerSpec) {
  CertSetOptions o;
  o.namespace_name = "prod";
  o.release = "rel";
  o.cluster_domain = "example.internal";
  std::vector<PlannedCertificate> plan = planLeaves(o);
  const CertificateSpec& c = find(plan, "hypersync-client").spec;
  EXPECT_EQ(c.common_name, "rel-hypersync-client");
  EXPECT_EQ(c.role, CertificateRole::kClient);
  EXPECT_THAT(c.dns_sans, ElementsAre("rel-hypersync.prod.svc.example.internal"));
  EXPECT_THAT(c.uri_sans, ElementsAre("spiffe://example.internal/ns/prod/sa/rel-hypersync"));
  EXPECT_TRUE(c.ip_sans.empty());
}

TEST(CertSetTest, IngressWildcardsAndExtraSans) {
  CertSetOptions o;
  o.services = {"auth"};
  o.ingress_hosts = {"tars.example.com", "api.example.com"};
  o.extra_sans = {"tars.example.com", "10.0.0.7", "DNS:alt.local", "IP:fd00::1"};
  std::vector<PlannedCertificate> plan = planLeaves(o);
  const CertificateSpec& ingress = find(plan, "ingress").spec;
  EXPECT_EQ(ingress.common_name, "tars-ingress");
  EXPECT_EQ(ingress.role, CertificateRole::kServer);
  EXPECT_THAT(ingress.dns_sans, ElementsAre("tars.example.com", "*.tars.example.com",
                                            "api.example.com", "*.api.example.com"));
  const CertificateSpec& auth = find(plan, "auth").spec;
  EXPECT_THAT(auth.dns_sans, ::testing::Contains("tars.example.com"));
  EXPECT_THAT(auth.dns_sans, ::testing::Contains("alt.local"));
  EXPECT_THAT(auth.ip_sans, ElementsAre("127.0.0.1", "::1", "10.0.0.7", "fd00::1"));
  // Extra SANs go on the service certificates only.
  EXPECT_THAT(find(plan, "auth-client").spec.dns_sans, ::testing::SizeIs(1));
}

TEST(CertSetTest, CaPlan) {
  PlannedCertificate ca = planCa();
  EXPECT_EQ(ca.stem, "ca");
  EXPECT_EQ(ca.spec.common_name, "T.A.R.S. Root CA");
  EXPECT_EQ(ca.spec.organization, "T.A.R.S.");
  EXPECT_EQ(ca.spec.role, CertificateRole::kCa);
  EXPECT_EQ(ca.spec.ca_path_length, 0);
}

TEST(CertSetTest, ValidationNamesTheFlag) {
  auto message = [](auto mutate) {
    CertSetOptions o;
    mutate(o);
    return validateCertSetOptions(o).message();
  };
  EXPECT_TRUE(validateCertSetOptions(CertSetOptions{}).isOk());
  EXPECT_THAT(message([](auto& o) {
                o.services = {"auth", "nope"};
              }),
              HasSubstr("--services: unknown service 'nope'"));
  EXPECT_THAT(message([](auto& o) { o.services = {"auth", "auth"}; }), HasSubstr("twice"));
  EXPECT_THAT(message([](auto& o) { o.services = {}; }), HasSubstr("--services"));
  EXPECT_THAT(message([](auto& o) { o.namespace_name = "a.b"; }), HasSubstr("--namespace"));
  EXPECT_THAT(message([](auto& o) { o.release = "Bad Name"; }), HasSubstr("--release"));
  EXPECT_THAT(message([](auto& o) { o.cluster_domain = "*.x"; }), HasSubstr("--cluster-domain"));
  EXPECT_THAT(message([](auto& o) { o.ingress_hosts = {"*.x"}; }), HasSubstr("--ingress-host"));
  EXPECT_THAT(message([](auto& o) { o.extra_sans = {"IP:nope"}; }), HasSubstr("--extra-san"));
  EXPECT_THAT(message([](auto& o) { o.extra_sans = {"DNS:1.2.3.4"}; }), ::testing::IsEmpty());
  EXPECT_THAT(message([](auto& o) { o.days = 0; }), HasSubstr("--days"));
  EXPECT_THAT(message([](auto& o) { o.ca_days = 40000; }), HasSubstr("--ca-days"));
}

}  // namespace
}  // namespace tars::tls
