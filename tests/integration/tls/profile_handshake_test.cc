// Each cipher profile against real clients (openssl s_client, curl): the versions and suites it
// must accept, the ones it must refuse (spec/cap.md §11), ALPN and resumption.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tls_fixture.h"

namespace tars::tls::test {
namespace {

using config::CipherProfile;
using config::TlsVersion;
using ::testing::HasSubstr;

// OpenSSL 3 refuses TLS 1.0/1.1 on its own side unless its security level is 0; a client that
// wants to test an old server must lower its level too.
const std::vector<std::string> kOldClient = {"-cipher", "DEFAULT:@SECLEVEL=0"};

class ProfileHandshakeTest : public TlsFixture {
 protected:
  // One s_client connection with `args`; returns the server's record of it.
  HandshakeRecord connect(const std::vector<std::string>& args, bool expect_http) {
    std::size_t before = recorded();
    ProcessResult r = sClient(args);
    HandshakeRecord rec = waitNext(before);
    EXPECT_EQ(gotHttp(r, 200), expect_http) << ::testing::PrintToString(args) << "\n" << r.err;
    EXPECT_EQ(rec.ok, expect_http) << rec.error;
    return rec;
  }

  std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }

  void serveProfile(CipherProfile profile, std::optional<TlsVersion> min = std::nullopt,
                    bool rsa = false) {
    config::TlsConfig tls = baseConfig(rsa);
    tls.cipher_profile = profile;
    tls.tls_min_version = min;
    serve(tls);
  }
};

TEST_F(ProfileHandshakeTest, ModernAcceptsOnlyTls13) {
  serveProfile(CipherProfile::kModern);
  HandshakeRecord ok = connect({"-tls1_3"}, true);
  EXPECT_EQ(ok.protocol, "TLSv1.3");
  HandshakeRecord refused = connect({"-tls1_2"}, false);
  EXPECT_THAT(refused.error, HasSubstr("unsupported protocol"));
  connect(with({"-tls1_1"}, kOldClient), false);
  connect(with({"-tls1"}, kOldClient), false);
}

TEST_F(ProfileHandshakeTest, EveryProfileOffersTheThreeTls13SuitesOnly) {
  for (CipherProfile profile :
       {CipherProfile::kModern, CipherProfile::kIntermediate, CipherProfile::kLegacy}) {
    serveProfile(profile);
    for (const char* suite :
         {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}) {
      HandshakeRecord rec = connect({"-tls1_3", "-ciphersuites", suite}, true);
      EXPECT_EQ(rec.cipher, suite);
    }
    HandshakeRecord ccm = connect({"-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_SHA256"}, false);
    EXPECT_THAT(ccm.error, HasSubstr("no shared cipher"));
  }
}

TEST_F(ProfileHandshakeTest, IntermediateAcceptsTls12AeadAndRefusesOlder) {
  serveProfile(CipherProfile::kIntermediate);
  HandshakeRecord tls12 = connect({"-tls1_2"}, true);
  EXPECT_EQ(tls12.protocol, "TLSv1.2");
  for (const char* cipher : {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                             "ECDHE-ECDSA-CHACHA20-POLY1305"}) {
    EXPECT_EQ(connect({"-tls1_2", "-cipher", cipher}, true).cipher, cipher);
  }
  // CBC suites belong to legacy only.
  EXPECT_THAT(connect({"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"}, false).error,
              HasSubstr("no shared cipher"));
  EXPECT_THAT(connect(with({"-tls1_1"}, kOldClient), false).error,
              HasSubstr("unsupported protocol"));
  EXPECT_THAT(connect(with({"-tls1"}, kOldClient), false).error, HasSubstr("unsupported protocol"));
}

TEST_F(ProfileHandshakeTest, IntermediateWithRsaKeyServesRsaAndDheSuites) {
  serveProfile(CipherProfile::kIntermediate, std::nullopt, /*rsa=*/true);
  EXPECT_EQ(connect({"-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"}, true).cipher,
            "ECDHE-RSA-AES128-GCM-SHA256");
  // DHE needs parameters: the context sizes them automatically.
  EXPECT_EQ(connect({"-tls1_2", "-cipher", "DHE-RSA-AES256-GCM-SHA384"}, true).cipher,
            "DHE-RSA-AES256-GCM-SHA384");
  // Static RSA key exchange (no forward secrecy) is legacy only.
  connect({"-tls1_2", "-cipher", "AES128-GCM-SHA256"}, false);
}

TEST_F(ProfileHandshakeTest, LegacyAcceptsTls10And11WhenTheClientAllowsThem) {
  serveProfile(CipherProfile::kLegacy);
  EXPECT_EQ(connect(with({"-tls1"}, kOldClient), true).protocol, "TLSv1");
  EXPECT_EQ(connect(with({"-tls1_1"}, kOldClient), true).protocol, "TLSv1.1");
  EXPECT_EQ(connect({"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"}, true).cipher,
            "ECDHE-ECDSA-AES128-SHA");
  EXPECT_EQ(connect({"-tls1_3"}, true).protocol, "TLSv1.3");
  // A client at Debian's default security level (2) refuses TLS 1.0 itself: the server never
  // sees a usable ClientHello, whatever its profile says.
  std::size_t before = recorded();
  ProcessResult r = sClient({"-tls1"});
  EXPECT_FALSE(gotHttp(r, 200));
  std::optional<HandshakeRecord> rec = server_->waitForRecord(before + 1);
  if (rec) {
    EXPECT_FALSE(rec->ok);
  }
}

TEST_F(ProfileHandshakeTest, LegacyWithRsaKeyServesStaticRsaSuites) {
  serveProfile(CipherProfile::kLegacy, std::nullopt, /*rsa=*/true);
  EXPECT_EQ(connect({"-tls1_2", "-cipher", "AES128-SHA"}, true).cipher, "AES128-SHA");
  EXPECT_EQ(connect(with({"-tls1"}, {"-cipher", "AES256-SHA:@SECLEVEL=0"}), true).cipher,
            "AES256-SHA");
  // 3DES is in the configured list, but Debian's OpenSSL is built without weak ciphers: not even
  // a client can offer it (the unit test checks the server never enables it).
  ProcessResult des = sClient({"-tls1_2", "-cipher", "DES-CBC3-SHA:@SECLEVEL=0"});
  EXPECT_FALSE(gotHttp(des, 200));
  EXPECT_THAT(des.err, HasSubstr("no cipher match"));
}

TEST_F(ProfileHandshakeTest, MinVersionOverridesTheProfile) {
  serveProfile(CipherProfile::kIntermediate, TlsVersion::kTls13);
  connect({"-tls1_2"}, false);
  connect({"-tls1_3"}, true);

  serveProfile(CipherProfile::kLegacy, TlsVersion::kTls12);
  connect(with({"-tls1"}, kOldClient), false);
  connect(with({"-tls1_1"}, kOldClient), false);
  connect({"-tls1_2"}, true);

  // Intermediate lowered to 1.0 still has only TLS 1.2 AEAD suites (and security level 2):
  // nothing a TLS 1.0 client can use, so the override alone does not enable it.
  serveProfile(CipherProfile::kIntermediate, TlsVersion::kTls10);
  connect(with({"-tls1"}, kOldClient), false);
}

TEST_F(ProfileHandshakeTest, AlpnSelectsHttp11AndRefusesOthers) {
  serveProfile(CipherProfile::kIntermediate);
  EXPECT_EQ(connect({"-alpn", "h2,http/1.1"}, true).alpn, "http/1.1");
  EXPECT_EQ(connect({"-alpn", "http/1.1"}, true).alpn, "http/1.1");
  EXPECT_EQ(connect({}, true).alpn, "");  // no ALPN offered: fine
  HandshakeRecord h2 = connect({"-alpn", "h2"}, false);
  EXPECT_THAT(h2.error, HasSubstr("no application protocol"));
}

TEST_F(ProfileHandshakeTest, SessionsResume) {
  serveProfile(CipherProfile::kIntermediate);
  for (const char* version : {"-tls1_3", "-tls1_2"}) {
    SCOPED_TRACE(version);
    const std::string session = dir_.file(std::string("session") + version);
    HandshakeRecord first = connect({version, "-sess_out", session}, true);
    EXPECT_FALSE(first.resumed);
    HandshakeRecord second = connect({version, "-sess_in", session}, true);
    EXPECT_TRUE(second.resumed);
  }
}

TEST_F(ProfileHandshakeTest, CurlGetsTheResponse) {
  serveProfile(CipherProfile::kModern);
  std::size_t before = recorded();
  ProcessResult r = curl({});
  EXPECT_TRUE(gotHttp(r, 200)) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr(R"("client_cert":false)"));
  HandshakeRecord rec = waitNext(before);
  EXPECT_EQ(rec.protocol, "TLSv1.3");
  EXPECT_EQ(rec.alpn, "http/1.1");  // curl offers h2 and http/1.1
  ProcessResult old = curl({"--tls-max", "1.2"});
  EXPECT_FALSE(gotHttp(old, 200));
}

}  // namespace
}  // namespace tars::tls::test
