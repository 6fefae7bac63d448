#pragma once
// Input rules for creating and rotating API keys (tars.md §3.8), shared by the service, the
// routes and the CLI so that all three refuse the same things with the same words.
//
// Every failure is kValidation (422) with one FieldError whose field is the request member's
// name (`service_name`, `scopes[i]`, `expires_in_days`, `grace_seconds`), except
// checkCallerMayGrant, which is kPermissionDenied (403). Messages name the field and never
// contain secrets.
//
// Thread safety: pure functions.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::identity {

inline constexpr std::size_t kMaxServiceNameLength = 64;
inline constexpr std::size_t kMaxApiKeyScopes = 32;
inline constexpr int kMaxExpiresInDays = 3650;
inline constexpr std::chrono::seconds kMaxRotationGrace{604800};  // 7 days

// 1–64 characters of [A-Za-z0-9 ._-].
Status validateServiceName(std::string_view service_name);

// 0–32 entries, each a known scope (identity/access.h). Returns the scopes with duplicates
// removed, first occurrence kept.
StatusOr<std::vector<std::string>> normalizeScopes(const std::vector<std::string>& scopes);

// 1–3650.
Status validateExpiresInDays(int days);

// 0–604800 seconds.
Status validateRotationGrace(std::chrono::seconds grace);

// A caller may grant only scopes it holds itself (tars.md §3.8), honouring the tars:* hierarchy;
// a caller holding tars:admin holds every scope. `caller_scopes` nullopt: no restriction (an
// admin user, the CLI). kPermissionDenied naming the first scope the caller lacks.
Status checkCallerMayGrant(const std::optional<std::vector<std::string>>& caller_scopes,
                           const std::vector<std::string>& scopes);

}  // namespace tars::identity
