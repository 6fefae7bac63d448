#include "app/doctor/file_checks.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/doctor/cert_inspect.h"
#include "app/doctor/doctor.h"

namespace tars::doctor {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

// Bounds the walk of data_dir, which an operator may have pointed at a large tree by mistake.
constexpr int kMaxScannedEntries = 10000;

std::string isoDate(Clock::time_point t) {
  std::time_t seconds = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string octalMode(fs::perms perms) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(perms & fs::perms::mask));
  return buf;
}

bool groupOrOtherAccess(fs::perms perms) {
  return (perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none;
}

bool isKeyFileName(const fs::path& path) {
  std::string ext = path.extension().string();
  return ext == ".pem" || ext == ".key";
}

std::set<std::string> keyFileCandidates(const config::Config& config) {
  std::set<std::string> files;
  auto add = [&](const std::string& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    files.insert(ec ? path : canonical.string());
  };
  if (config.tls.server_key)
    add(*config.tls.server_key);
  if (config.outbound.client_key)
    add(*config.outbound.client_key);
  add(config.verifier.signing_key_file);
  add(config::developmentSecretPath(config));
  std::error_code ec;
  if (!fs::is_directory(config.data_dir, ec))
    return files;
  fs::recursive_directory_iterator it(config.data_dir,
                                      fs::directory_options::skip_permission_denied, ec);
  int scanned = 0;
  for (; !ec && it != fs::recursive_directory_iterator() && scanned < kMaxScannedEntries;
       it.increment(ec), ++scanned) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && isKeyFileName(it->path()))
      add(it->path().string());
  }
  return files;
}

}  // namespace

void checkDevelopmentSecretFile(const config::Config& config, CheckBuilder& check) {
  if (!config.auth.jwt.secret)
    return;
  const std::string path = config::developmentSecretPath(config);
  std::error_code ec;
  if (!fs::exists(path, ec))
    return;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    check.warn("cannot read " + path + " to compare it with auth.jwt.secret");
    return;
  }
  std::stringstream content;
  content << in.rdbuf();
  std::string dev = content.str();
  while (!dev.empty() && (dev.back() == '\n' || dev.back() == '\r'))
    dev.pop_back();
  if (dev == *config.auth.jwt.secret || content.str() == *config.auth.jwt.secret) {
    check.fail("auth.jwt.secret equals the development secret in " + path +
               "; generate a new production secret");
  }
}

CheckBuilder checkTlsFiles(const config::Config& config, Clock::time_point now) {
  CheckBuilder check(4, "tls");
  const config::TlsConfig& tls = config.tls;
  if (!tls.server_cert || !tls.server_key) {
    check.fail("TLS is on but tls.server_cert or tls.server_key is not set");
    return check;
  }
  StatusOr<CertificateFacts> facts = inspectCertificate(*tls.server_cert);
  if (!facts.isOk()) {
    check.fail("tls.server_cert: " + facts.status().message());
    return check;
  }
  Status key = checkKeyMatchesCertificate(*tls.server_cert, *tls.server_key);
  if (!key.isOk())
    check.fail("tls.server_key: " + key.message());
  auto left = facts->not_after - now;
  auto days = std::chrono::duration_cast<std::chrono::hours>(left).count() / 24;
  const std::string until = isoDate(facts->not_after);
  if (left <= Clock::duration::zero()) {
    check.fail("tls.server_cert expired on " + until);
  } else if (left < std::chrono::hours(24 * kMinCertificateDays)) {
    check.fail("tls.server_cert expires on " + until + " (" + std::to_string(days) +
               " days); renew it, at least " + std::to_string(kMinCertificateDays) +
               " days are required");
  }
  if (tls.client_cert_validation != config::ClientCertValidation::kNone && tls.client_ca_bundle) {
    StatusOr<CertificateFacts> ca = inspectCertificate(*tls.client_ca_bundle);
    if (!ca.isOk())
      check.fail("tls.client_ca_bundle: " + ca.status().message());
  }
  check.pass("TLS on; certificate valid until " + until + " (" + std::to_string(days) + " days)");
  return check;
}

CheckBuilder checkPermissions(const config::Config& config) {
  CheckBuilder check(8, "permissions");
  std::error_code ec;
  fs::file_status dir = fs::status(config.data_dir, ec);
  if (!fs::exists(dir)) {
    check.warn("data dir " + config.data_dir + " does not exist yet; create it with mode 0700");
  } else if (!fs::is_directory(dir)) {
    check.fail("data dir " + config.data_dir + " is not a directory");
  } else if (groupOrOtherAccess(dir.permissions())) {
    check.fail("data dir " + config.data_dir + " has mode " + octalMode(dir.permissions()) +
               "; chmod 700 " + config.data_dir);
  }
  std::string offenders;
  int key_files = 0;
  for (const std::string& path : keyFileCandidates(config)) {
    std::error_code file_ec;
    fs::file_status file = fs::status(path, file_ec);
    if (file_ec || !fs::is_regular_file(file))
      continue;
    ++key_files;
    if (groupOrOtherAccess(file.permissions()))
      offenders +=
          (offenders.empty() ? "" : ", ") + path + " (" + octalMode(file.permissions()) + ")";
  }
  if (!offenders.empty())
    check.fail("key files readable by group or others: " + offenders + "; chmod 600 them");
  check.pass("data dir " + config.data_dir + " is private; " + std::to_string(key_files) +
             " key files are 0600 or stricter");
  return check;
}

}  // namespace tars::doctor
