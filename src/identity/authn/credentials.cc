#include "identity/authn/credentials.h"

#include <cctype>

namespace tars::identity {
namespace {

constexpr std::string_view kApiKeyPrefix = "tars_";

bool startsWithBearer(std::string_view value) {
  constexpr std::string_view kScheme = "bearer";
  if (value.size() < kScheme.size())
    return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i])
      return false;
  }
  return true;
}

jwt::Failure invalidFormat(std::string reason) {
  return jwt::Failure(jwt::Outcome::kInvalidAuthFormat, std::move(reason));
}

}  // namespace

jwt::Result<PresentedCredential> readCredential(const Credentials& credentials) {
  if (!credentials.authorization && !credentials.api_key)
    return jwt::Failure(jwt::Outcome::kMissingAuthHeader, "no credential presented");
  if (credentials.authorization && credentials.api_key)
    return invalidFormat("both Authorization and X-API-Key presented");
  if (credentials.api_key)
    return PresentedCredential{PresentedCredential::Kind::kApiKey, *credentials.api_key};

  std::string_view header = *credentials.authorization;
  if (!startsWithBearer(header) || header.size() < 8 || header[6] != ' ')
    return invalidFormat("Authorization is not 'Bearer <credential>'");
  std::string_view value = header.substr(7);
  if (value.empty() || value.front() == ' ' || value.find(' ') != std::string_view::npos)
    return invalidFormat("Authorization credential empty or not one token");
  if (value.starts_with(kApiKeyPrefix))
    return PresentedCredential{PresentedCredential::Kind::kApiKey, value};
  return PresentedCredential{PresentedCredential::Kind::kBearerToken, value};
}

}  // namespace tars::identity
