#pragma once
// The audit log (tars.md §3.9): append-only and hash-chained. There is no update or delete path.
//
// Each event's `hash` is the lowercase hex SHA-256 of its canonical serialisation without `hash`
// (store/audit_hash.h and docs/STORE.md define it); `prev_hash` is the previous event's hash, 64
// zeros for seq 1. The chain head (last seq and hash) is kept in its own row, so deleting the
// newest events is detected too.
//
// Thread safety: implementations are thread-safe. append() is serialised per database (one chain
// per store): SQLite by its single writer (BEGIN IMMEDIATE), PostgreSQL by a row lock on the chain
// head, so concurrent writers in any number of processes keep the chain valid.
// Failure modes (every method): kUnavailable when the database cannot be reached or is busy past
// its timeout; kInternal for anything unexpected. Method comments list the others.

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/page.h"
#include "store/time_point.h"

namespace tars::store {

// What a caller appends. Every string must be valid UTF-8.
struct AuditEvent {
  std::string event_id;                 // unique, e.g. `evt_<ULID>`
  Timestamp timestamp;                  // stored with millisecond precision
  std::string type;                     // e.g. "auth.login.success"
  std::string outcome;                  // success | failure | denied
  std::string actor_type;               // user | client | service | anonymous | system
  std::optional<std::string> actor_id;  // absent for anonymous actors
  std::optional<std::string> source_ip;
  std::optional<std::string> request_id;
  std::optional<std::string> target_type;  // target present when both are set
  std::optional<std::string> target_id;
  std::string details_json = "{}";  // a JSON object; stored in canonical form

  bool operator==(const AuditEvent&) const = default;
};

// A stored event.
struct AuditRecord {
  std::int64_t seq = 0;  // 1, 2, 3, … without gaps
  AuditEvent event;      // details_json canonical, timestamp truncated to milliseconds
  std::string prev_hash;
  std::string hash;

  bool operator==(const AuditRecord&) const = default;
};

struct AuditFilter {
  std::optional<std::string> type;      // exact event type
  std::optional<std::string> actor_id;  // exact actor id
  std::optional<Timestamp> since;       // timestamp >= since
  std::optional<Timestamp> until;       // timestamp < until
};

struct AuditVerification {
  bool valid = true;
  std::int64_t events_checked = 0;
  std::string head_hash;                          // hash of the last event (64 zeros when empty)
  std::optional<std::int64_t> first_invalid_seq;  // set when !valid
};

struct AuditHead {
  std::int64_t seq = 0;  // last appended seq; 0 when empty
  std::string hash;      // its hash; 64 zeros when empty
};

class AuditLogRepository {
 public:
  virtual ~AuditLogRepository() = default;

  // Appends `event` at the end of the chain and returns it as stored. kInvalidArgument when
  // details_json is not a JSON object or a string is not valid UTF-8; kAlreadyExists when
  // event_id is taken.
  virtual StatusOr<AuditRecord> append(const AuditEvent& event) = 0;

  // Events matching `filter` in ascending seq. kInvalidArgument for a cursor this list did not
  // issue.
  virtual StatusOr<Page<AuditRecord>> list(const AuditFilter& filter, const PageRequest& page) = 0;

  // The chain head.
  virtual StatusOr<AuditHead> head() = 0;

  // Recomputes every hash from seq 1 and checks the links, the seq sequence and the head row.
  // An edited, inserted or deleted event makes the result invalid with first_invalid_seq the
  // first seq at which the chain breaks (for a deleted event: its seq). The OK status means the
  // check ran, not that the chain is valid.
  virtual StatusOr<AuditVerification> verifyChain() = 0;
};

}  // namespace tars::store
