#include "jwt/kid.h"

#include <cstdio>
#include <ctime>

#include "crypto/hash.h"
#include "crypto/random.h"

namespace tars::jwt {

StatusOr<std::string> generateKid(std::chrono::system_clock::time_point now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  if (gmtime_r(&t, &utc) == nullptr) {
    return internalError("time out of range");
  }
  TARS_ASSIGN_OR_RETURN(std::string random, crypto::randomBytes(4));
  char stamp[32];
  const int n =
      std::snprintf(stamp, sizeof(stamp), "key-%04d%02d%02d%02d%02d%02d-", utc.tm_year + 1900,
                    utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  if (n != 19) {
    return internalError("time out of range");
  }
  return std::string(stamp, 19) + crypto::toHex(random);
}

bool isValidKid(std::string_view kid) {
  // key-YYYYmmddHHMMSS-<8 hex>: 4 + 14 + 1 + 8 = 27 characters.
  if (kid.size() != 27 || !kid.starts_with("key-") || kid[18] != '-') {
    return false;
  }
  for (std::size_t i = 4; i < 18; ++i) {
    if (kid[i] < '0' || kid[i] > '9')
      return false;
  }
  for (std::size_t i = 19; i < 27; ++i) {
    const char c = kid[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  }
  return true;
}

}  // namespace tars::jwt
