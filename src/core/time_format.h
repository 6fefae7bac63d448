#pragma once
// RFC 3339 UTC timestamps with millisecond precision and `Z` (tars.md §1.5).

#include <chrono>
#include <string>

namespace tars {

// e.g. "2025-11-14T09:30:00.123Z".
std::string formatRfc3339Millis(std::chrono::system_clock::time_point t);

}  // namespace tars
