#pragma once
// UTF-8 checks for untrusted text (RFC 3629): request bodies, YAML documents, CSV cells.
//
// Thread safety: pure functions.

#include <cstddef>
#include <string_view>

namespace tars::utf8 {

// True when `s` is well-formed UTF-8: no overlong forms, no surrogates (U+D800–U+DFFF), nothing
// above U+10FFFF, no truncated sequence.
bool isValid(std::string_view s);

// Number of code points in `s` (continuation bytes not counted). REQUIRES: isValid(s) for an
// exact count; on other input it counts the non-continuation bytes.
std::size_t length(std::string_view s);

// Decodes the code point starting at s[i] and advances `i` past it. REQUIRES: isValid(s) and
// i < s.size().
char32_t decodeNext(std::string_view s, std::size_t& i);

}  // namespace tars::utf8
