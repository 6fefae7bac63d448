#pragma once
// Key ids of the signing-key ring: `key-YYYYmmddHHMMSS-<8 lowercase hex>` (tars.md §1.5), the
// time in UTC, the suffix random.
//
// Thread safety: thread-safe. Failure: generateKid returns kInternal if the random source fails.

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::jwt {

StatusOr<std::string> generateKid(std::chrono::system_clock::time_point now);

// True when `kid` has exactly the format above (the date is not range-checked).
bool isValidKid(std::string_view kid);

}  // namespace tars::jwt
