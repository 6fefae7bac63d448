#pragma once
// RFC 3339 UTC timestamps with millisecond precision and `Z` (tars.md §1.5).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tars {

// e.g. "2025-11-14T09:30:00.123Z".
std::string formatRfc3339Millis(std::chrono::system_clock::time_point t);

// Parses RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (`T`/`Z` in either case);
// fractions beyond microseconds are truncated. nullopt for anything else, including impossible
// dates (Feb 30) and years before 1970.
std::optional<std::chrono::system_clock::time_point> parseRfc3339(std::string_view text);

}  // namespace tars
