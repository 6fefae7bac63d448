#include "tls/certificate_identity.h"

#include <arpa/inet.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>

#include "tls/openssl_handles.h"
#include "tls/tls_error.h"

namespace tars::tls {
namespace {

using internal::BioPtr;
using internal::BnPtr;
using internal::GeneralNamesPtr;

std::string asn1Text(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

StatusOr<std::string> nameText(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0)
    return internal::opensslFailure(StatusCode::kInvalidArgument, "cannot print a name");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string commonName(const X509_NAME* name) {
  int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0)
    return "";
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0)
    return "";
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

StatusOr<std::chrono::system_clock::time_point> timeOf(const ASN1_TIME* t) {
  struct tm tm {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1)
    return internal::opensslFailure(StatusCode::kInvalidArgument, "cannot decode a validity time");
  return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

std::string ipText(const ASN1_OCTET_STRING* ip) {
  char buf[INET6_ADDRSTRLEN] = {};
  const unsigned char* bytes = ASN1_STRING_get0_data(ip);
  int len = ASN1_STRING_length(ip);
  if (len == 4 && ::inet_ntop(AF_INET, bytes, buf, sizeof buf) != nullptr)
    return buf;
  if (len == 16 && ::inet_ntop(AF_INET6, bytes, buf, sizeof buf) != nullptr)
    return buf;
  return "";
}

void readSans(const X509* cert, CertificateIdentity& out) {
  GeneralNamesPtr names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names)
    return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    switch (name->type) {
      case GEN_DNS:
        out.dns_sans.push_back(asn1Text(name->d.dNSName));
        break;
      case GEN_URI:
        out.uri_sans.push_back(asn1Text(name->d.uniformResourceIdentifier));
        break;
      case GEN_IPADD:
        if (std::string ip = ipText(name->d.iPAddress); !ip.empty())
          out.ip_sans.push_back(std::move(ip));
        break;
      default:
        break;
    }
  }
}

}  // namespace

StatusOr<CertificateIdentity> describeCertificate(const X509* cert) {
  CertificateIdentity id;
  readSans(cert, id);
  id.subject_cn = commonName(X509_get_subject_name(cert));
  TARS_ASSIGN_OR_RETURN(id.subject, nameText(X509_get_subject_name(cert)));
  TARS_ASSIGN_OR_RETURN(id.issuer, nameText(X509_get_issuer_name(cert)));
  BnPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  if (!serial)
    return internal::opensslFailure(StatusCode::kInvalidArgument, "cannot decode the serial");
  char* hex = BN_bn2hex(serial.get());
  if (hex == nullptr)
    return internal::opensslFailure(StatusCode::kInternal, "out of memory");
  id.serial_hex = hex;
  OPENSSL_free(hex);
  TARS_ASSIGN_OR_RETURN(id.not_before, timeOf(X509_get0_notBefore(cert)));
  TARS_ASSIGN_OR_RETURN(id.not_after, timeOf(X509_get0_notAfter(cert)));
  return id;
}

}  // namespace tars::tls
