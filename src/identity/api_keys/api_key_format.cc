#include "identity/api_keys/api_key_format.h"

#include <array>
#include <cstdint>

#include "core/base64url.h"
#include "crypto/hash.h"
#include "crypto/random.h"

namespace tars::identity {
namespace {

static_assert(base64UrlEncodedSize(kApiKeySecretBytes) == kApiKeySecretLength);
static_assert(kApiKeyLength == 61);

constexpr std::string_view kBase32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

bool isBase32Lower(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
}

bool isBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

bool isValidKeyId(std::string_view key_id) {
  if (key_id.size() != kApiKeyIdLength)
    return false;
  for (char c : key_id) {
    if (!isBase32Lower(c))
      return false;
  }
  return true;
}

std::optional<ApiKeyParts> parseApiKey(std::string_view text) {
  if (text.size() != kApiKeyLength || !text.starts_with(kApiKeyPrefix))
    return std::nullopt;
  const std::string_view key_id = text.substr(kApiKeyPrefix.size(), kApiKeyIdLength);
  const std::size_t separator = kApiKeyPrefix.size() + kApiKeyIdLength;
  const std::string_view secret = text.substr(separator + 1);
  if (!isValidKeyId(key_id) || text[separator] != '_')
    return std::nullopt;
  for (char c : secret) {
    if (!isBase64UrlChar(c))
      return std::nullopt;
  }
  return ApiKeyParts{std::string(key_id), std::string(secret)};
}

bool looksLikeApiKey(std::string_view bearer_value) {
  return bearer_value.starts_with(kApiKeyPrefix);
}

std::string formatApiKey(const ApiKeyParts& parts) {
  std::string out;
  out.reserve(kApiKeyLength);
  out.append(kApiKeyPrefix).append(parts.key_id).append("_").append(parts.secret);
  return out;
}

StatusOr<std::string> generateKeyId() {
  std::array<std::uint8_t, kApiKeyIdLength> bytes{};
  TARS_RETURN_IF_ERROR(crypto::randomFill(bytes));
  std::string id(kApiKeyIdLength, '\0');
  // 256 is a multiple of 32, so `b % 32` is uniform over the alphabet.
  for (std::size_t i = 0; i < bytes.size(); ++i)
    id[i] = kBase32Alphabet[bytes[i] % kBase32Alphabet.size()];
  return id;
}

StatusOr<std::string> generateApiKeySecret() {
  TARS_ASSIGN_OR_RETURN(std::string bytes, crypto::randomBytes(kApiKeySecretBytes));
  return base64UrlEncode(bytes);
}

StatusOr<std::pair<ApiKeyParts, std::string>> generateApiKey() {
  ApiKeyParts parts;
  TARS_ASSIGN_OR_RETURN(parts.key_id, generateKeyId());
  TARS_ASSIGN_OR_RETURN(parts.secret, generateApiKeySecret());
  std::string text = formatApiKey(parts);
  return std::pair<ApiKeyParts, std::string>(std::move(parts), std::move(text));
}

StatusOr<std::string> apiKeySecretDigest(std::string_view secret) {
  return crypto::digest(crypto::HashAlgorithm::kSha256, secret);
}

}  // namespace tars::identity
