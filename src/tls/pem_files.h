#pragma once
// Internal to tls/: reads the PEM files named by the config into OpenSSL objects.
//
// Every error names the config field and the path ("tls.server_key: cannot read
// /etc/tls/tls.key: No such file or directory") and never quotes the file's contents. Files are
// read whole into memory first (at most kMaxPemFileBytes), so a file replaced while it is read is
// seen either old or new, never mixed with a half-written state of another read.
//
// Thread safety: pure functions.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tls/openssl_handles.h"

namespace tars::tls::internal {

// Larger than any sane chain or CA bundle (the Debian system bundle is ~220 KiB).
inline constexpr std::size_t kMaxPemFileBytes = std::size_t{4} * 1024 * 1024;

// The bytes of the regular file at `path`. kInvalidArgument naming `field` when it is missing,
// unreadable, not a regular file, empty or larger than kMaxPemFileBytes.
StatusOr<std::string> readPemFile(std::string_view field, const std::string& path);

// Every certificate of a PEM text, in order. kInvalidArgument when there is none or a block is
// not a certificate.
StatusOr<std::vector<X509Ptr>> parseCertificates(std::string_view field, const std::string& path,
                                                 std::string_view pem);

// The (unencrypted) private key of a PEM text. An encrypted key is refused, never prompted for.
StatusOr<EvpPkeyPtr> parsePrivateKey(std::string_view field, const std::string& path,
                                     std::string_view pem);

// readPemFile + parse*.
StatusOr<std::vector<X509Ptr>> loadCertificates(std::string_view field, const std::string& path);
StatusOr<EvpPkeyPtr> loadPrivateKey(std::string_view field, const std::string& path);

}  // namespace tars::tls::internal
