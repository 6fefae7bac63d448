#include "tls/certgen/cert_generator.h"

#include <sys/stat.h>

#include <openssl/crypto.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <filesystem>
#include <optional>

#include "tls/certgen/atomic_file.h"
#include "tls/certificate_identity.h"
#include "tls/openssl_handles.h"
#include "tls/pem_files.h"
#include "tls/tls_error.h"

namespace tars::tls {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

constexpr mode_t kKeyMode = 0600;
constexpr mode_t kCertMode = 0644;
constexpr auto kBackdate = std::chrono::minutes(5);

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// A string that wipes itself: private keys pass through these.
struct SecretText {
  std::string text;
  ~SecretText() { OPENSSL_cleanse(text.data(), text.size()); }
};

Status ensureDirectory(const std::string& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec))
    return Status::ok();
  fs::create_directories(dir, ec);
  if (ec)
    return internalError("cannot create " + dir + ": " + ec.message());
  if (::chmod(dir.c_str(), 0700) != 0)
    return internalError("cannot set the mode of " + dir + ": " + internal::errnoText(errno));
  return Status::ok();
}

GeneratedFile describe(const std::string& path, const std::string& cert_pem, bool reused) {
  GeneratedFile f;
  f.path = path;
  f.reused = reused;
  auto certs = internal::parseCertificates("certificate", path, cert_pem);
  if (!certs.isOk())
    return f;
  auto id = describeCertificate(certs->front().get());
  if (!id.isOk())
    return f;
  f.subject = id->subject;
  f.not_after = id->not_after;
  for (const auto& d : id->dns_sans)
    f.sans.push_back("DNS:" + d);
  for (const auto& i : id->ip_sans)
    f.sans.push_back("IP:" + i);
  for (const auto& u : id->uri_sans)
    f.sans.push_back("URI:" + u);
  return f;
}

// The existing CA when ca.crt and ca.key are present and usable; nullopt when neither exists.
StatusOr<std::optional<SigningAuthority>> loadExistingCa(const std::string& crt,
                                                         const std::string& key,
                                                         Clock::time_point now) {
  const bool has_crt = exists(crt), has_key = exists(key);
  if (!has_crt && !has_key)
    return std::optional<SigningAuthority>();
  if (!has_crt)
    return failedPrecondition(key + " exists without " + crt);
  if (!has_key)
    return failedPrecondition(crt + " exists without " + key + "; the CA cannot sign");
  TARS_ASSIGN_OR_RETURN(std::string crt_pem, internal::readPemFile("CA certificate", crt));
  SecretText key_pem;
  TARS_ASSIGN_OR_RETURN(key_pem.text, internal::readPemFile("CA key", key));
  TARS_ASSIGN_OR_RETURN(std::vector<internal::X509Ptr> certs,
                        internal::parseCertificates("CA certificate", crt, crt_pem));
  TARS_ASSIGN_OR_RETURN(internal::EvpPkeyPtr pkey,
                        internal::parsePrivateKey("CA key", key, key_pem.text));
  X509* ca = certs.front().get();
  if (X509_check_private_key(ca, pkey.get()) != 1) {
    internal::takeOpensslReason();
    return failedPrecondition(key + " does not belong to " + crt);
  }
  if (X509_check_ca(ca) == 0)
    return failedPrecondition(crt + " is not a CA certificate");
  TARS_ASSIGN_OR_RETURN(CertificateIdentity id, describeCertificate(ca));
  if (id.not_after <= now)
    return failedPrecondition(crt + " has expired");
  return std::optional<SigningAuthority>(SigningAuthority{crt_pem, key_pem.text});
}

// Writes key then certificate; appends both to `out`.
Status issueAndWrite(const std::string& dir, const PlannedCertificate& plan,
                     const CertificateSpec& spec, KeyAlgorithm algorithm,
                     const SigningAuthority* issuer, Overwrite overwrite, SigningAuthority* keep,
                     std::vector<GeneratedFile>& out) {
  SecretText key;
  TARS_ASSIGN_OR_RETURN(key.text, generatePrivateKeyPem(algorithm));
  TARS_ASSIGN_OR_RETURN(std::string cert, issueCertificatePem(spec, key.text, issuer));
  const std::string key_path = dir + "/" + plan.stem + ".key";
  const std::string crt_path = dir + "/" + plan.stem + ".crt";
  TARS_RETURN_IF_ERROR(writeFileAtomically(key_path, key.text, kKeyMode, overwrite));
  // Certificates are public; replacing one whose key we just wrote is always right.
  TARS_RETURN_IF_ERROR(writeFileAtomically(crt_path, cert, kCertMode, Overwrite::kReplace));
  GeneratedFile key_file;
  key_file.path = key_path;
  key_file.is_key = true;
  out.push_back(std::move(key_file));
  out.push_back(describe(crt_path, cert, false));
  if (keep != nullptr)
    *keep = SigningAuthority{cert, key.text};
  return Status::ok();
}

}  // namespace

StatusOr<std::vector<GeneratedFile>> generateCertificateSet(const GenerateOptions& options,
                                                            Clock::time_point now) {
  TARS_RETURN_IF_ERROR(validateCertSetOptions(options.set));
  if (options.out_dir.empty())
    return invalidArgument("--out: the output directory is empty");
  const std::string& dir = options.out_dir;
  const Overwrite overwrite = options.force ? Overwrite::kReplace : Overwrite::kRefuse;
  const std::vector<PlannedCertificate> leaves = planLeaves(options.set);

  if (!options.force) {
    for (const PlannedCertificate& leaf : leaves) {
      const std::string key = dir + "/" + leaf.stem + ".key";
      if (exists(key))
        return alreadyExists(key + " exists; pass --force to replace it");
    }
  }
  TARS_RETURN_IF_ERROR(ensureDirectory(dir));

  std::vector<GeneratedFile> written;
  const std::string ca_crt = dir + "/ca.crt", ca_key = dir + "/ca.key";
  StatusOr<std::optional<SigningAuthority>> existing = loadExistingCa(ca_crt, ca_key, now);
  if (!existing.isOk() && !options.force) {
    // Making a new CA would overwrite ca.key: the same refusal as for any existing key.
    return Status(exists(ca_key) ? StatusCode::kAlreadyExists : StatusCode::kFailedPrecondition,
                  existing.status().message() +
                      "; fix or remove the CA files, or pass --force to make a new CA");
  }
  SigningAuthority ca;
  if (existing.isOk() && existing->has_value()) {
    ca = std::move(**existing);
    GeneratedFile key_file;
    key_file.path = ca_key;
    key_file.is_key = true;
    key_file.reused = true;
    written.push_back(std::move(key_file));
    written.push_back(describe(ca_crt, ca.certificate_pem, true));
  } else {
    PlannedCertificate plan = planCa();
    CertificateSpec spec = plan.spec;
    spec.not_before = now - kBackdate;
    spec.not_after = now + std::chrono::hours(24) * options.set.ca_days;
    // A CA replaced under --force (unusable) is overwritten; a fresh one must not race another.
    Overwrite ca_overwrite = existing.isOk() ? Overwrite::kRefuse : Overwrite::kReplace;
    TARS_RETURN_IF_ERROR(
        issueAndWrite(dir, plan, spec, options.set.algorithm, nullptr, ca_overwrite, &ca, written));
  }

  for (const PlannedCertificate& leaf : leaves) {
    CertificateSpec spec = leaf.spec;
    spec.not_before = now - kBackdate;
    spec.not_after = now + std::chrono::hours(24) * options.set.days;
    TARS_RETURN_IF_ERROR(
        issueAndWrite(dir, leaf, spec, options.set.algorithm, &ca, overwrite, nullptr, written));
  }
  OPENSSL_cleanse(ca.private_key_pem.data(), ca.private_key_pem.size());
  return written;
}

}  // namespace tars::tls
