#pragma once
// The audit chain's canonical serialisation and hash (tars.md §3.9; docs/STORE.md restates it).
//
// canonical(record) is the JSON object of the event WITHOUT `hash`, keys sorted by byte value, no
// whitespace, UTF-8:
//   {"actor":{"id":<string|null>,"type":<string>},
//    "details":<canonical details object>,
//    "event_id":<string>,"outcome":<string>,"prev_hash":<string>,
//    "request_id":<string|null>,"seq":<integer>,"source_ip":<string|null>,
//    "target":{"id":<string>,"type":<string>},        ← only when both target fields are set
//    "timestamp":"YYYY-MM-DDTHH:MM:SS.mmmZ","type":<string>}
// Strings are escaped minimally: `"` and `\` with a backslash, U+0008/09/0A/0C/0D as \b \t \n
// \f \r, other code points below U+0020 as \u00xx (lowercase hex); everything else, non-ASCII
// included, as raw UTF-8. Canonical details: objects with keys sorted by byte value (a
// repeated key keeps its last value), arrays in order, integers in decimal, other numbers as
// Boost.JSON writes a double (shortest round-trip form), true/false/null.
// hash = lowercase hex SHA-256(canonical(record)); the first event's prev_hash is 64 zeros.

#include <string>
#include <string_view>

#include "core/status.h"
#include "store/audit_log.h"

namespace tars::store {

inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// `details_json` in canonical form. kInvalidArgument when it is not a JSON object or not UTF-8.
StatusOr<std::string> canonicalAuditDetails(std::string_view details_json);

// kInvalidArgument when any string of `event` is not valid UTF-8 (the chain must hash exactly
// what is stored).
Status validateAuditEvent(const AuditEvent& event);

// The canonical serialisation of `record` without its hash. REQUIRES: record.event.details_json
// is canonical (as stored).
std::string canonicalAuditRecord(const AuditRecord& record);

// Lowercase hex SHA-256 of canonicalAuditRecord(record).
std::string computeAuditHash(const AuditRecord& record);

}  // namespace tars::store
