#pragma once
// ASCII-only case folding for protocol tokens (header names, `alg`, DNS names, config words):
// locale-independent, and never folds non-ASCII bytes.
//
// Thread safety: pure functions.

#include <algorithm>
#include <string_view>

namespace tars::ascii {

constexpr char toLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// ASCII case-insensitive equality.
constexpr bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return toLower(x) == toLower(y);
         });
}

}  // namespace tars::ascii
