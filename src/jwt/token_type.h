#pragma once
// The two kinds of tars-issued tokens (the `type` claim, tars.md §3.2).

#include <string_view>

namespace tars::jwt {

enum class TokenType { kAccess, kRefresh };

// "access" or "refresh".
std::string_view tokenTypeName(TokenType type);

}  // namespace tars::jwt
