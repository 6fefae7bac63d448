#pragma once
// Constant-time equality for secrets (MAC tags, API-key hashes).
//
// Thread safety: pure function.

#include <string_view>

namespace tars::crypto {

// True when `a` and `b` are the same bytes. The time taken depends only on the lengths, never on
// the contents (CRYPTO_memcmp). Lengths are not secret: different lengths return false, after
// the same amount of work as comparing `a` with itself.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace tars::crypto
