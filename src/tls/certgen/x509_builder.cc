#include "tls/certgen/x509_builder.h"

#include <arpa/inet.h>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "tls/openssl_handles.h"
#include "tls/pem_files.h"
#include "tls/tls_error.h"

namespace tars::tls {
namespace {

using internal::BioPtr;
using internal::BnPtr;
using internal::EvpPkeyPtr;
using internal::GeneralNamesPtr;
using internal::X509ExtensionPtr;
using internal::X509Ptr;

Status fail(const std::string& what) {
  return internal::opensslFailure(StatusCode::kInternal, "certificate: " + what);
}

StatusOr<std::string> pemOf(int (*write)(BIO*, const void*), const void* object) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get(), object) != 1)
    return fail("cannot encode PEM");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  std::string out(data, static_cast<std::size_t>(len));
  OPENSSL_cleanse(data, static_cast<std::size_t>(len));  // may be a private key
  return out;
}

int writePkcs8(BIO* bio, const void* key) {
  return PEM_write_bio_PrivateKey(bio, static_cast<EVP_PKEY*>(const_cast<void*>(key)), nullptr,
                                  nullptr, 0, nullptr, nullptr);
}

int writeCertificate(BIO* bio, const void* cert) {
  return PEM_write_bio_X509(bio, static_cast<X509*>(const_cast<void*>(cert)));
}

Status setRandomSerial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    return fail("no random serial");
  bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7f) | 0x40);  // positive, 16 bytes long
  BnPtr bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
  if (!bn || BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) == nullptr)
    return fail("cannot set the serial");
  return Status::ok();
}

Status setName(X509* cert, const CertificateSpec& spec) {
  X509_NAME* name = X509_get_subject_name(cert);
  auto add = [&](const char* field, const std::string& value) {
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                      0) == 1;
  };
  if (!spec.organization.empty() && !add("O", spec.organization))
    return invalidArgument("certificate: bad organization");
  if (!add("CN", spec.common_name))
    return invalidArgument("certificate: bad common name");
  return Status::ok();
}

Status addGeneralName(GENERAL_NAMES* names, int type, const std::string& value) {
  GENERAL_NAME* gn = GENERAL_NAME_new();
  if (gn == nullptr)
    return fail("out of memory");
  if (type == GEN_IPADD) {
    unsigned char buf[16];
    int len = 0;
    if (::inet_pton(AF_INET, value.c_str(), buf) == 1)
      len = 4;
    else if (::inet_pton(AF_INET6, value.c_str(), buf) == 1)
      len = 16;
    ASN1_OCTET_STRING* ip = len > 0 ? ASN1_OCTET_STRING_new() : nullptr;
    if (ip == nullptr || ASN1_OCTET_STRING_set(ip, buf, len) != 1) {
      ASN1_OCTET_STRING_free(ip);
      GENERAL_NAME_free(gn);
      return invalidArgument("certificate: '" + value + "' is not an IP address");
    }
    GENERAL_NAME_set0_value(gn, GEN_IPADD, ip);
  } else {
    ASN1_IA5STRING* text = ASN1_IA5STRING_new();
    if (text == nullptr ||
        ASN1_STRING_set(text, value.data(), static_cast<int>(value.size())) != 1) {
      ASN1_IA5STRING_free(text);
      GENERAL_NAME_free(gn);
      return fail("out of memory");
    }
    GENERAL_NAME_set0_value(gn, type, text);
  }
  if (sk_GENERAL_NAME_push(names, gn) == 0) {
    GENERAL_NAME_free(gn);
    return fail("out of memory");
  }
  return Status::ok();
}

bool isSanText(const std::string& value) {
  if (value.empty())
    return false;
  for (char c : value) {
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return false;
  }
  return true;
}

Status addSubjectAltName(X509* cert, const CertificateSpec& spec) {
  if (spec.dns_sans.empty() && spec.ip_sans.empty() && spec.uri_sans.empty())
    return Status::ok();
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names)
    return fail("out of memory");
  for (const std::string& dns : spec.dns_sans) {
    if (!isSanText(dns) || dns.find('*', 1) != std::string::npos)
      return invalidArgument("certificate: '" + dns + "' is not a DNS name");
    TARS_RETURN_IF_ERROR(addGeneralName(names.get(), GEN_DNS, dns));
  }
  for (const std::string& ip : spec.ip_sans)
    TARS_RETURN_IF_ERROR(addGeneralName(names.get(), GEN_IPADD, ip));
  for (const std::string& uri : spec.uri_sans) {
    if (!isSanText(uri) || uri.find(':') == std::string::npos)
      return invalidArgument("certificate: '" + uri + "' is not a URI");
    TARS_RETURN_IF_ERROR(addGeneralName(names.get(), GEN_URI, uri));
  }
  if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1)
    return fail("cannot add subjectAltName");
  return Status::ok();
}

Status addConfExtension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
    return fail(std::string("cannot add ") + OBJ_nid2sn(nid));
  return Status::ok();
}

Status addExtensions(X509* cert, X509* issuer_cert, EVP_PKEY* subject_key,
                     const CertificateSpec& spec) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer_cert, cert, nullptr, nullptr, 0);
  if (spec.role == CertificateRole::kCa) {
    std::string bc = "critical,CA:TRUE";
    if (spec.ca_path_length)
      bc += ",pathlen:" + std::to_string(*spec.ca_path_length);
    TARS_RETURN_IF_ERROR(addConfExtension(cert, &ctx, NID_basic_constraints, bc));
    TARS_RETURN_IF_ERROR(
        addConfExtension(cert, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign"));
  } else {
    TARS_RETURN_IF_ERROR(addConfExtension(cert, &ctx, NID_basic_constraints, "critical,CA:FALSE"));
    const bool rsa = EVP_PKEY_is_a(subject_key, "RSA") == 1;
    TARS_RETURN_IF_ERROR(addConfExtension(
        cert, &ctx, NID_key_usage,
        rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"));
    TARS_RETURN_IF_ERROR(
        addConfExtension(cert, &ctx, NID_ext_key_usage,
                         spec.role == CertificateRole::kServer ? "serverAuth" : "clientAuth"));
  }
  TARS_RETURN_IF_ERROR(addSubjectAltName(cert, spec));
  TARS_RETURN_IF_ERROR(addConfExtension(cert, &ctx, NID_subject_key_identifier, "hash"));
  if (issuer_cert != cert) {
    TARS_RETURN_IF_ERROR(
        addConfExtension(cert, &ctx, NID_authority_key_identifier, "keyid:always"));
  }
  return Status::ok();
}

Status setValidity(X509* cert, const CertificateSpec& spec) {
  if (spec.not_after <= spec.not_before)
    return invalidArgument("certificate: not_after must be after not_before");
  auto seconds = [](std::chrono::system_clock::time_point t) {
    return std::chrono::system_clock::to_time_t(t);
  };
  if (ASN1_TIME_set(X509_getm_notBefore(cert), seconds(spec.not_before)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert), seconds(spec.not_after)) == nullptr) {
    return fail("cannot set the validity");
  }
  return Status::ok();
}

}  // namespace

StatusOr<std::string> generatePrivateKeyPem(KeyAlgorithm algorithm) {
  EvpPkeyPtr key(algorithm == KeyAlgorithm::kRsa2048
                     ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                     : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key)
    return fail("cannot generate a key");
  return pemOf(writePkcs8, key.get());
}

StatusOr<std::string> issueCertificatePem(const CertificateSpec& spec,
                                          const std::string& subject_key_pem,
                                          const SigningAuthority* issuer) {
  if (spec.common_name.empty())
    return invalidArgument("certificate: the common name is empty");
  TARS_ASSIGN_OR_RETURN(EvpPkeyPtr subject_key,
                        internal::parsePrivateKey("subject key", "(generated)", subject_key_pem));
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_set_pubkey(cert.get(), subject_key.get()) != 1) {
    return fail("cannot create");
  }
  TARS_RETURN_IF_ERROR(setRandomSerial(cert.get()));
  TARS_RETURN_IF_ERROR(setValidity(cert.get(), spec));
  TARS_RETURN_IF_ERROR(setName(cert.get(), spec));

  X509Ptr issuer_cert;
  EvpPkeyPtr signing_key;
  if (issuer != nullptr) {
    TARS_ASSIGN_OR_RETURN(std::vector<X509Ptr> certs,
                          internal::parseCertificates("issuer", "(ca)", issuer->certificate_pem));
    issuer_cert = std::move(certs.front());
    TARS_ASSIGN_OR_RETURN(signing_key,
                          internal::parsePrivateKey("issuer key", "(ca)", issuer->private_key_pem));
    if (X509_check_private_key(issuer_cert.get(), signing_key.get()) != 1) {
      internal::takeOpensslReason();
      return invalidArgument("certificate: the issuer key does not match the issuer certificate");
    }
  }
  X509* signer_cert = issuer_cert ? issuer_cert.get() : cert.get();
  EVP_PKEY* signer_key = signing_key ? signing_key.get() : subject_key.get();
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(signer_cert)) != 1)
    return fail("cannot set the issuer");
  TARS_RETURN_IF_ERROR(addExtensions(cert.get(), signer_cert, subject_key.get(), spec));
  if (X509_sign(cert.get(), signer_key, EVP_sha256()) <= 0)
    return fail("cannot sign");
  return pemOf(writeCertificate, cert.get());
}

}  // namespace tars::tls
