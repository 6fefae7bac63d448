#include "jwt/token_type.h"

namespace tars::jwt {

std::string_view tokenTypeName(TokenType type) {
  return type == TokenType::kAccess ? "access" : "refresh";
}

}  // namespace tars::jwt
