#include "tls/pem_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cerrno>

#include "tls/tls_error.h"

namespace tars::tls::internal {
namespace {

std::string prefix(std::string_view field, const std::string& path) {
  return std::string(field) + ": " + path;
}

// Refuses to prompt for a passphrase: an encrypted key fails to load instead of blocking.
int noPassphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) {
  return -1;
}

BioPtr memoryBio(std::string_view pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

}  // namespace

StatusOr<std::string> readPemFile(std::string_view field, const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return invalidArgument(std::string(field) + ": cannot read " + path + ": " + errnoText(errno));
  struct stat st {};
  std::string data;
  Status status;
  if (::fstat(fd, &st) != 0) {
    status = invalidArgument(prefix(field, path) + ": cannot stat: " + errnoText(errno));
  } else if (!S_ISREG(st.st_mode)) {
    status = invalidArgument(prefix(field, path) + " is not a regular file");
  } else if (static_cast<std::size_t>(st.st_size) > kMaxPemFileBytes) {
    status = invalidArgument(prefix(field, path) + " is larger than " +
                             std::to_string(kMaxPemFileBytes) + " bytes");
  } else {
    data.reserve(static_cast<std::size_t>(st.st_size) + 1);  // no reallocation copies of a key
    char buf[16384];
    while (true) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0) {
        status =
            invalidArgument(std::string(field) + ": cannot read " + path + ": " + errnoText(errno));
        break;
      }
      if (n == 0)
        break;
      data.append(buf, static_cast<std::size_t>(n));
      if (data.size() > kMaxPemFileBytes) {
        status = invalidArgument(prefix(field, path) + " is larger than " +
                                 std::to_string(kMaxPemFileBytes) + " bytes");
        break;
      }
    }
    OPENSSL_cleanse(buf, sizeof buf);
  }
  ::close(fd);
  if (!status.isOk())
    return status;
  if (data.empty())
    return invalidArgument(prefix(field, path) + " is empty");
  return data;
}

StatusOr<std::vector<X509Ptr>> parseCertificates(std::string_view field, const std::string& path,
                                                 std::string_view pem) {
  BioPtr bio = memoryBio(pem);
  if (!bio)
    return opensslFailure(StatusCode::kInternal, "tls: out of memory");
  std::vector<X509Ptr> certs;
  while (true) {
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr));
    if (!cert)
      break;
    certs.push_back(std::move(cert));
  }
  // The loop ends at the first block that is not a certificate: at the end of the text this is
  // "no start line", anything else is a damaged or foreign block.
  unsigned long err = ERR_peek_last_error();
  bool clean_end =
      err == 0 || (ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE);
  if (!clean_end) {
    return opensslFailure(StatusCode::kInvalidArgument,
                          prefix(field, path) + " holds a damaged PEM certificate");
  }
  ERR_clear_error();
  if (certs.empty())
    return invalidArgument(prefix(field, path) + " holds no PEM certificate");
  return certs;
}

StatusOr<EvpPkeyPtr> parsePrivateKey(std::string_view field, const std::string& path,
                                     std::string_view pem) {
  BioPtr bio = memoryBio(pem);
  if (!bio)
    return opensslFailure(StatusCode::kInternal, "tls: out of memory");
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
  if (!key) {
    return opensslFailure(StatusCode::kInvalidArgument,
                          prefix(field, path) +
                              " holds no unencrypted PEM private key (encrypted keys are not "
                              "supported)");
  }
  ERR_clear_error();
  return key;
}

StatusOr<std::vector<X509Ptr>> loadCertificates(std::string_view field, const std::string& path) {
  TARS_ASSIGN_OR_RETURN(std::string pem, readPemFile(field, path));
  return parseCertificates(field, path, pem);
}

StatusOr<EvpPkeyPtr> loadPrivateKey(std::string_view field, const std::string& path) {
  TARS_ASSIGN_OR_RETURN(std::string pem, readPemFile(field, path));
  StatusOr<EvpPkeyPtr> key = parsePrivateKey(field, path, pem);
  // The text held the secret: wipe our copy before it is freed.
  OPENSSL_cleanse(pem.data(), pem.size());
  return key;
}

}  // namespace tars::tls::internal
