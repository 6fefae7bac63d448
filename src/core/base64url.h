#pragma once
// base64url (RFC 4648 §5) without padding, as JOSE uses it (RFC 7515 §2).
//
// Decoding is strict: the text must be the canonical encoding of its bytes, i.e. exactly what
// base64UrlEncode() would produce for them. Rejected: '=' padding, any character outside
// [A-Za-z0-9_-] (whitespace, '+', '/', '.'), a length of 1 mod 4, and non-zero unused bits in the
// final character ("AB" is not canonical for 0x00, "AA" is). This makes the encoding of a token
// unique, so two different strings never verify as the same JWS.
//
// Thread safety: pure functions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tars {

// The unpadded base64url text of `bytes`.
std::string base64UrlEncode(std::string_view bytes);

// Appends the unpadded base64url text of `bytes` to `out`.
void appendBase64Url(std::string& out, std::string_view bytes);

// Length of the unpadded encoding of `n` bytes.
constexpr std::size_t base64UrlEncodedSize(std::size_t n) {
  return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
}

// Decodes canonical unpadded base64url into `out` (replacing its contents).
// Returns false, leaving `out` unspecified, when `text` is not canonical (see above).
bool base64UrlDecodeTo(std::string_view text, std::string& out);

// Decodes canonical unpadded base64url; nullopt when `text` is not canonical.
std::optional<std::string> base64UrlDecode(std::string_view text);

// Decodes padded standard base64 (RFC 4648 §4, as HTTP Basic credentials use it, RFC 7617);
// nullopt for anything else (wrong padding, characters outside the alphabet, non-canonical bits).
std::optional<std::string> base64StdDecode(std::string_view text);

}  // namespace tars
