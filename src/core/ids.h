#pragma once
// Identifier formats of tars.md §1.5: ULIDs (`req_<ULID>`, `usr_<ULID>`, ...) and the check that
// a client-supplied X-Request-Id is acceptable.
//
// Thread safety: IdGenerator is thread-safe; each thread draws from its own PRNG (ids are unique,
// not secret: secrets come from crypto/random).

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace tars {

class IdGenerator {
 public:
  explicit IdGenerator(const Clock& clock) : clock_(clock) {}

  // A 26-character Crockford base32 ULID: 48-bit milliseconds since the epoch + 80 random bits.
  std::string ulid() const;
  // `prefix` + ULID, e.g. newId("req_").
  std::string newId(std::string_view prefix) const;

 private:
  const Clock& clock_;
};

// Encodes a ULID from its parts (exposed for tests and known-answer vectors).
std::string encodeUlid(std::uint64_t millis, std::uint64_t random_hi16, std::uint64_t random_lo64);

// True when `id` is 1–128 chars of [A-Za-z0-9._-] (tars.md §1.5), i.e. safe to echo and log.
bool isAcceptableRequestId(std::string_view id);

}  // namespace tars
