#pragma once
// Input rules for user accounts (tars.md §3.1), shared by UserService and the `tars users` CLI.
//
// Every failure is kValidation (422) with one FieldError naming the field (`username`,
// `password`, `roles`, `email`); messages never contain the password.
//
// Thread safety: pure functions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::identity {

inline constexpr std::size_t kMinUsernameLength = 3;
inline constexpr std::size_t kMaxUsernameLength = 64;
inline constexpr std::size_t kMinPasswordLength = 12;    // characters (Unicode code points)
inline constexpr std::size_t kMaxPasswordLength = 1024;  // characters (Unicode code points)
inline constexpr std::size_t kMaxEmailLength = 254;

// ASCII-lowercases `username` and checks it is [a-z0-9._-]{3,64}. Returns the lowercased name.
StatusOr<std::string> normalizeUsername(std::string_view username);

// 12–1024 characters of valid UTF-8 (counted as code points), for new passwords only: login
// accepts whatever the account has (the demo users' passwords are shorter).
Status validateNewPassword(std::string_view password);

// A non-empty subset of viewer/developer/admin (exact lowercase names). Returns them with
// duplicates removed, first occurrence kept.
StatusOr<std::vector<std::string>> normalizeRoles(const std::vector<std::string>& roles);

// Basic sanity: at most 254 characters, one '@' with a non-empty local part and a domain that
// contains a '.', not at its ends; no whitespace or control characters.
Status validateEmail(std::string_view email);

}  // namespace tars::identity
