#include "identity/users/user_rules.h"

#include <algorithm>
#include <cstdint>

#include "identity/access.h"

namespace tars::identity {
namespace {

Status fieldError(std::string field, std::string message) {
  std::string text = field + ": " + message;
  return validationError(std::move(text), {FieldError{std::move(field), std::move(message)}});
}

bool isUsernameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// Number of code points in `s`, or nullopt when `s` is not well-formed UTF-8 (overlong forms,
// surrogates and values above U+10FFFF are refused).
std::optional<std::size_t> countCodePoints(std::string_view s) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<std::uint8_t>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (lead < 0x80) {
      len = 1;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      len = 2;
      cp = lead & 0x1F;
      min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      len = 3;
      cp = lead & 0x0F;
      min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      len = 4;
      cp = lead & 0x07;
      min = 0x10000;
    } else {
      return std::nullopt;
    }
    if (i + len > s.size())
      return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cont = static_cast<std::uint8_t>(s[i + k]);
      if ((cont & 0xC0) != 0x80)
        return std::nullopt;
      cp = (cp << 6) | (cont & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

}  // namespace

StatusOr<std::string> normalizeUsername(std::string_view username) {
  std::string out(username);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (out.size() < kMinUsernameLength || out.size() > kMaxUsernameLength ||
      !std::all_of(out.begin(), out.end(), isUsernameChar)) {
    return fieldError("username", "must be 3-64 characters of [a-z0-9._-]");
  }
  return out;
}

Status validateNewPassword(std::string_view password) {
  const std::optional<std::size_t> length = countCodePoints(password);
  if (!length)
    return fieldError("password", "must be valid UTF-8");
  if (*length < kMinPasswordLength || *length > kMaxPasswordLength)
    return fieldError("password", "must be 12-1024 characters");
  if (password.find('\0') != std::string_view::npos)
    return fieldError("password", "must not contain NUL");
  return Status::ok();
}

StatusOr<std::vector<std::string>> normalizeRoles(const std::vector<std::string>& roles) {
  if (roles.empty())
    return fieldError("roles", "at least one of viewer, developer, admin");
  std::vector<std::string> out;
  for (const std::string& role : roles) {
    if (!parseRole(role))
      return fieldError("roles", "each role must be one of viewer, developer, admin");
    if (std::find(out.begin(), out.end(), role) == out.end())
      out.push_back(role);
  }
  return out;
}

Status validateEmail(std::string_view email) {
  const Status invalid = fieldError("email", "must be an address like name@example.com");
  if (email.empty() || email.size() > kMaxEmailLength)
    return invalid;
  for (char c : email) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f)
      return invalid;
  }
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return invalid;
  const std::string_view domain = email.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.') {
    return invalid;
  }
  // Non-ASCII is allowed (internationalised addresses) but must be valid UTF-8 for the store.
  if (!countCodePoints(email))
    return invalid;
  return Status::ok();
}

}  // namespace tars::identity
