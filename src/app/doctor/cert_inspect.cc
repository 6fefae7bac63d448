#include "app/doctor/cert_inspect.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

namespace tars::doctor {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Refuses to supply a passphrase, so OpenSSL never prompts on the terminal.
int noPassphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) {
  return 0;
}

StatusOr<X509Ptr> readCertificate(const std::string& path) {
  BioPtr bio(BIO_new_file(path.c_str(), "r"));
  if (!bio) {
    ERR_clear_error();
    return invalidArgument("cannot read " + path);
  }
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr));
  ERR_clear_error();
  if (!cert)
    return invalidArgument(path + " holds no PEM certificate");
  return cert;
}

}  // namespace

StatusOr<CertificateFacts> inspectCertificate(const std::string& cert_path) {
  TARS_ASSIGN_OR_RETURN(X509Ptr cert, readCertificate(cert_path));
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &tm) != 1) {
    ERR_clear_error();
    return invalidArgument(cert_path + " has an unreadable notAfter");
  }
  CertificateFacts facts;
  facts.not_after = std::chrono::system_clock::from_time_t(timegm(&tm));
  return facts;
}

Status checkKeyMatchesCertificate(const std::string& cert_path, const std::string& key_path) {
  TARS_ASSIGN_OR_RETURN(X509Ptr cert, readCertificate(cert_path));
  BioPtr bio(BIO_new_file(key_path.c_str(), "r"));
  if (!bio) {
    ERR_clear_error();
    return invalidArgument("cannot read " + key_path);
  }
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
  ERR_clear_error();
  if (!key)
    return invalidArgument(key_path + " holds no unencrypted PEM private key");
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return invalidArgument(key_path + " does not belong to " + cert_path);
  }
  return Status::ok();
}

}  // namespace tars::doctor
