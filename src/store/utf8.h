#pragma once
// Text the store accepts (internal to tars_store): valid UTF-8 without NUL, so both backends
// accept and return exactly the same strings (PostgreSQL would refuse invalid UTF-8 and truncate
// at NUL; SQLite would store either).

#include <string_view>

#include "core/utf8.h"

namespace tars::store {

// Well-formed UTF-8 (core/utf8.h: no overlong forms, surrogates or code points > U+10FFFF).
inline bool isValidUtf8(std::string_view s) {
  return utf8::isValid(s);
}

// isValidUtf8(s) and no NUL byte.
inline bool isStorableText(std::string_view s) {
  return s.find('\0') == std::string_view::npos && isValidUtf8(s);
}

}  // namespace tars::store
