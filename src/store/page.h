#pragma once
// Cursor pagination for store-backed lists (tars.md §1.5): `limit` (default 50, max 500) and an
// opaque `cursor`; a page carries `next_cursor`, absent at the end.
//
// Thread safety: values.

#include <optional>
#include <string>
#include <vector>

namespace tars::store {

inline constexpr int kDefaultPageLimit = 50;
inline constexpr int kMaxPageLimit = 500;

struct PageRequest {
  std::string cursor;             // empty = from the start; otherwise a next_cursor of this list
  int limit = kDefaultPageLimit;  // <= 0 means the default; above kMaxPageLimit is clamped
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;  // nullopt when no item follows this page
};

// The limit a store applies for `requested` (handlers validate ranges before; the store clamps).
inline int effectivePageLimit(int requested) {
  if (requested <= 0)
    return kDefaultPageLimit;
  return requested > kMaxPageLimit ? kMaxPageLimit : requested;
}

}  // namespace tars::store
