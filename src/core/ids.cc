#include "core/ids.h"

#include <array>
#include <cstdint>
#include <random>

namespace tars {
namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::mt19937_64& threadRng() {
  // Seeded once per thread from the OS; request ids need uniqueness, not secrecy.
  thread_local std::mt19937_64 rng{[] {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  }()};
  return rng;
}

}  // namespace

std::string encodeUlid(std::uint64_t millis, std::uint64_t random_hi16, std::uint64_t random_lo64) {
  // 128 bits = 48 time + 80 random, as hi:lo 64-bit halves, written as 26 base32 digits from the
  // least significant end (the first digit carries the top 3 bits).
  const std::uint64_t hi = ((millis & 0xFFFFFFFFFFFFULL) << 16) | (random_hi16 & 0xFFFF);
  const std::uint64_t lo = random_lo64;
  std::string out(26, '0');
  for (int i = 0; i < 26; ++i) {
    const int bit = 5 * i;
    std::uint64_t digit;
    if (bit + 5 <= 64) {
      digit = lo >> bit;
    } else if (bit >= 64) {
      digit = hi >> (bit - 64);
    } else {
      digit = (lo >> bit) | (hi << (64 - bit));
    }
    out[static_cast<std::size_t>(25 - i)] = kCrockford[digit & 31];
  }
  return out;
}

std::string IdGenerator::ulid() const {
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
          .count();
  auto& rng = threadRng();
  return encodeUlid(static_cast<std::uint64_t>(millis), rng(), rng());
}

std::string IdGenerator::newId(std::string_view prefix) const {
  std::string out;
  out.reserve(prefix.size() + 26);
  out.append(prefix);
  out.append(ulid());  // the ULID is short-lived; ids are made once per request
  return out;
}

bool isAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128)
    return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok)
      return false;
  }
  return true;
}

}  // namespace tars
