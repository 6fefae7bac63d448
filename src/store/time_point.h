#pragma once
// The store's notion of time: wall-clock instants persisted as integer milliseconds since the
// Unix epoch (UTC). Sub-millisecond parts are dropped (rounded down) on write, so a value read back
// equals `truncateToMillis(written)`.

#include <chrono>
#include <cstdint>

namespace tars::store {

using Timestamp = std::chrono::system_clock::time_point;

inline std::int64_t toMillis(Timestamp t) {
  return std::chrono::floor<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

inline Timestamp fromMillis(std::int64_t ms) {
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(std::chrono::milliseconds(ms)));
}

inline Timestamp truncateToMillis(Timestamp t) {
  return fromMillis(toMillis(t));
}

}  // namespace tars::store
