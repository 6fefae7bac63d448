#pragma once
// The revocation broadcast message (tars.md §3.4), published on `tars:revocations`:
//   {"kind":"jti|family|api_key|signing_key","id":"<id>","expires_at":"<RFC 3339>"|null}
// expires_at is written in UTC with milliseconds (`2025-11-14T09:30:00.123Z`; any RFC 3339 form
// is read, core/time_format.h) and is required for
// kinds jti and family (an entry must stop mattering some day), null for the others.
//
// Anyone who can reach Redis can publish, so a received message is input: decode() checks it
// (size, JSON object, known kind, id of 1–256 bytes, valid timestamp) and its errors never quote
// the message. Unknown extra members are ignored (a newer writer may add some).
//
// Thread safety: pure functions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/revocations.h"
#include "store/time_point.h"

namespace tars::identity {

inline constexpr std::size_t kMaxRevocationIdBytes = 256;
// Longer messages are refused before parsing.
inline constexpr std::size_t kMaxRevocationMessageBytes = 4096;

// The message for `change` (its seq and created_at are not sent).
std::string encodeRevocationMessage(const store::RevocationChange& change);

// The change a message announces (seq 0, created_at left at the epoch for the caller to set).
// kInvalidArgument with a fixed reason when it is not a valid message.
StatusOr<store::RevocationChange> decodeRevocationMessage(std::string_view message);

}  // namespace tars::identity
