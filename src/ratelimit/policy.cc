#include "ratelimit/policy.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>

namespace tars::ratelimit {

ClassId autoClass(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kUser:
    case PrincipalKind::kExternal:
      return ClassId::kDefault;
    case PrincipalKind::kClient:
    case PrincipalKind::kServiceKey:
      return ClassId::kInternal;
    case PrincipalKind::kAnonymous:
      return ClassId::kPublic;
  }
  return ClassId::kPublic;
}

std::string principalKey(PrincipalKind kind, std::string_view id) {
  std::string_view prefix;
  switch (kind) {
    case PrincipalKind::kUser:
      prefix = "user:";
      break;
    case PrincipalKind::kClient:
      prefix = "client:";
      break;
    case PrincipalKind::kServiceKey:
      prefix = "key:";
      break;
    case PrincipalKind::kExternal:
      prefix = "ext:";
      break;
    case PrincipalKind::kAnonymous:
      prefix = "ip:";
      break;
  }
  std::string key;
  key.reserve(prefix.size() + id.size());
  key.append(prefix).append(id);
  return key;
}

std::string externalKey(std::string_view provider, std::string_view subject) {
  std::string key = "ext:";
  key.append(provider).append(":").append(subject);
  return key;
}

std::string loginUserKey(std::string_view username) {
  std::string lower(username);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(lower.data(), lower.size(), digest, &digest_len, EVP_sha256(), nullptr) != 1 ||
      digest_len < 8) {
    // Only when OpenSSL cannot allocate: one shared bucket is stricter, never looser.
    return "0000000000000000";
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key(16, '0');
  for (int i = 0; i < 8; ++i) {
    key[2 * i] = kHex[digest[i] >> 4];
    key[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return key;
}

std::array<RateClass, kClassCount> Policy::defaultClasses() {
  return {{
      {ClassId::kAuth, 10, 60, Algorithm::kSlidingWindow},
      {ClassId::kLoginUser, 10, 300, Algorithm::kSlidingWindow},
      {ClassId::kPublic, 30, 60, Algorithm::kSlidingWindow},
      {ClassId::kDefault, 300, 60, Algorithm::kSlidingWindow},
      {ClassId::kInternal, 1000, 60, Algorithm::kSlidingWindow},
      {ClassId::kSensitive, 10, 60, Algorithm::kSlidingWindow},
      {ClassId::kStatic, 600, 60, Algorithm::kSlidingWindow},
  }};
}

StatusOr<PolicyConstSharedPtr> Policy::Create(const std::vector<RateClass>& classes) {
  std::array<RateClass, kClassCount> table = defaultClasses();
  std::array<bool, kClassCount> seen{};
  for (const RateClass& c : classes) {
    const auto index = static_cast<std::size_t>(c.id);
    if (index >= kClassCount) {
      return invalidArgument("unknown rate-limit class id");
    }
    const std::string name(c.name());
    if (seen[index]) {
      return invalidArgument("rate-limit class '" + name + "' is given twice");
    }
    if (c.limit < 1) {
      return invalidArgument("ratelimit.classes." + name + ".limit must be at least 1");
    }
    if (c.window_seconds < 1) {
      return invalidArgument("ratelimit.classes." + name + ".window_seconds must be at least 1");
    }
    seen[index] = true;
    table[index] = c;
  }
  return PolicyConstSharedPtr(new Policy(table));
}

const RateClass* Policy::find(std::string_view name) const {
  std::optional<ClassId> id = classIdFromName(name);
  return id ? &get(*id) : nullptr;
}

const RateClass* Policy::resolve(std::string_view route_class, PrincipalKind kind) const {
  if (route_class == "auto") {
    return &get(autoClass(kind));
  }
  return find(route_class);
}

}  // namespace tars::ratelimit
