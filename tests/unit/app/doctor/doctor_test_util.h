#pragma once
// Helpers for the doctor tests: a temp dir, a production config that passes every check, and
// self-signed certificates with a chosen notAfter.

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/doctor/doctor.h"
#include "core/config/config.h"
#include "test_util/fake_clock.h"

namespace tars::doctor::testing {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tars-doctor-XXXXXX").string();
    EXPECT_NE(mkdtemp(tmpl.data()), nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string sub(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// Writes `text` to `path` with `mode`, creating parent directories.
inline void writeFile(const std::string& path, const std::string& text, mode_t mode = 0600) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
  chmod(path.c_str(), mode);
}

// The "now" of a fresh test::FakeClock (2023-11-14T22:13:20Z), for certificate and key ages.
inline Clock::time_point fixedNow() {
  return test::FakeClock().now();
}

inline Clock::time_point daysFromNow(int days) {
  return fixedNow() + std::chrono::hours(24 * days);
}

// Generates a P-256 key and a self-signed certificate valid until `not_after`; writes both as
// PEM (key 0600).
inline void writeSelfSigned(const std::string& cert_path, const std::string& key_path,
                            Clock::time_point not_after) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  ASN1_TIME_set(X509_getm_notBefore(cert), Clock::to_time_t(fixedNow()) - 86400 * 365);
  ASN1_TIME_set(X509_getm_notAfter(cert), Clock::to_time_t(not_after));
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("tars.test"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_set_pubkey(cert, key);
  ASSERT_GT(X509_sign(cert, key, EVP_sha256()), 0);
  fs::create_directories(fs::path(cert_path).parent_path());
  fs::create_directories(fs::path(key_path).parent_path());
  BIO* cert_bio = BIO_new_file(cert_path.c_str(), "w");
  PEM_write_bio_X509(cert_bio, cert);
  BIO_free(cert_bio);
  BIO* key_bio = BIO_new_file(key_path.c_str(), "w");
  PEM_write_bio_PrivateKey(key_bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  BIO_free(key_bio);
  chmod(key_path.c_str(), 0600);
  X509_free(cert);
  EVP_PKEY_free(key);
}

// A production config for which every check passes (data_dir must exist with mode 0700 for
// the online check 8).
inline config::Config goodConfig(const std::string& data_dir) {
  config::Config c;
  c.env = config::Environment::kProduction;
  c.auth.demo_users = false;
  c.auth.jwt.secret = std::string(32, 'k');
  c.server.behind_tls_proxy = true;
  c.ratelimit.trusted_proxies = {"10.0.0.0/8"};
  c.data_dir = data_dir;
  c.store.url = "postgresql://tars:pw@db/tars";
  c.store.backend = config::StoreBackend::kPostgres;
  c.redis.url = "redis://:pw@cache:6379/0";
  c.ratelimit.backend = config::RateLimitBackend::kRedis;
  c.verifier.signing_key_file = data_dir + "/cap/signing_key.pem";
  return c;
}

// The check numbered `number`, or a failed test.
inline DoctorCheck checkNumber(const std::vector<DoctorCheck>& checks, int number) {
  for (const DoctorCheck& check : checks) {
    if (check.number == number)
      return check;
  }
  ADD_FAILURE() << "no check " << number;
  return {};
}

inline bool hasCheck(const std::vector<DoctorCheck>& checks, int number) {
  for (const DoctorCheck& check : checks) {
    if (check.number == number)
      return true;
  }
  return false;
}

}  // namespace tars::doctor::testing
