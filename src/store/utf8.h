#pragma once
// UTF-8 validation (internal to tars_store): text reaching the database must be valid UTF-8
// without NUL, so both backends accept and return exactly the same strings (PostgreSQL would
// refuse invalid UTF-8 and truncate at NUL; SQLite would store either).

#include <string_view>

namespace tars::store {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
bool isValidUtf8(std::string_view s);

// isValidUtf8(s) and no NUL byte.
inline bool isStorableText(std::string_view s) {
  return s.find('\0') == std::string_view::npos && isValidUtf8(s);
}

}  // namespace tars::store
