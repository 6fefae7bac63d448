#pragma once
// Numbers in canonical JSON (spec/cap.md §3.4). Hash preimages depend on these exact bytes, so the
// layout is fixed here once: integers in plain decimal; floats from the shortest round-trip digit
// string, always with a `.` or an exponent so that they never read back as integers
// (1.0 → "1.0", 1e16 → "1e16", 1.5e-7 → "1.5e-7", -0.0 → "-0.0").
//
// Thread safety: pure functions.

#include <cstdint>
#include <string>

namespace tars::json {

void appendInteger(std::string& out, std::int64_t value);
void appendInteger(std::string& out, std::uint64_t value);

// Appends the §3.4 float form of `value`. Returns false and appends nothing when `value` is NaN or
// infinite: JSON has no spelling for them.
[[nodiscard]] bool appendFloat(std::string& out, double value);

}  // namespace tars::json
