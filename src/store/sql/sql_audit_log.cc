#include "store/sql/sql_audit_log.h"

#include <charconv>
#include <string>

#include "store/audit_hash.h"
#include "store/sql/codec.h"
#include "store/sql/tx_util.h"

namespace tars::store::sql {
namespace {

constexpr const char* kAuditColumns =
    "seq, event_id, ts, event_type, outcome, actor_type, actor_id, source_ip, request_id, "
    "target_type, target_id, details, prev_hash, hash";
constexpr const char* kAuditCursorTag = "audit";
// verifyChain() reads the chain in batches of this many events.
constexpr int kVerifyBatch = 1000;

AuditRecord auditFromRow(const Row& row) {
  AuditRecord r;
  r.seq = row.integer(0);
  r.event.event_id = row.text(1);
  r.event.timestamp = row.time(2);
  r.event.type = row.text(3);
  r.event.outcome = row.text(4);
  r.event.actor_type = row.text(5);
  r.event.actor_id = row.optText(6);
  r.event.source_ip = row.optText(7);
  r.event.request_id = row.optText(8);
  r.event.target_type = row.optText(9);
  r.event.target_id = row.optText(10);
  r.event.details_json = row.text(11);
  r.prev_hash = row.text(12);
  r.hash = row.text(13);
  return r;
}

}  // namespace

StatusOr<AuditRecord> SqlAuditLogRepository::append(const AuditEvent& event) {
  TARS_RETURN_IF_ERROR(validateAuditEvent(event));
  TARS_ASSIGN_OR_RETURN(std::string details, canonicalAuditDetails(event.details_json));
  AuditRecord base;
  base.event = event;
  base.event.details_json = std::move(details);
  base.event.timestamp = truncateToMillis(event.timestamp);
  const std::string lock_head =
      std::string("SELECT seq, hash FROM audit_head WHERE id = 1") + forUpdate(db_.dialect());
  StatusOr<AuditRecord> result =
      transactFor<AuditRecord>(db_, TxMode::kWrite, [&](Tx& tx, AuditRecord& out) -> Status {
        // The head row lock (PostgreSQL) or the writer lock (SQLite) serialises appends.
        TARS_ASSIGN_OR_RETURN(Rows head, tx.query(lock_head));
        if (head.size() != 1)
          return internalError("store: audit chain head row is missing");
        out = base;
        out.seq = head[0].integer(0) + 1;
        out.prev_hash = head[0].text(1);
        out.hash = computeAuditHash(out);
        const AuditEvent& e = out.event;
        TARS_RETURN_IF_ERROR(
            tx.exec(std::string("INSERT INTO audit_events (") + kAuditColumns +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                    {integer(out.seq), text(e.event_id), time(e.timestamp), text(e.type),
                     text(e.outcome), text(e.actor_type), optText(e.actor_id), optText(e.source_ip),
                     optText(e.request_id), optText(e.target_type), optText(e.target_id),
                     text(e.details_json), text(out.prev_hash), text(out.hash)})
                .status());
        return tx
            .exec("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
                  {integer(out.seq), text(out.hash)})
            .status();
      });
  if (!result.isOk()) {
    return withMessage(result.status(), StatusCode::kAlreadyExists,
                       "an audit event with that event_id already exists");
  }
  return result;
}

StatusOr<Page<AuditRecord>> SqlAuditLogRepository::list(const AuditFilter& filter,
                                                        const PageRequest& page) {
  const int limit = effectivePageLimit(page.limit);
  std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit_events WHERE 1 = 1";
  Params params = {integer(limit + 1)};
  auto bind = [&](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (!page.cursor.empty()) {
    TARS_ASSIGN_OR_RETURN(auto parts, decodeCursor(page.cursor, kAuditCursorTag, 1));
    std::int64_t after = 0;
    const std::string& c = parts[0];
    if (std::from_chars(c.data(), c.data() + c.size(), after).ec != std::errc())
      return invalidArgument("invalid cursor");
    sql += " AND seq > " + bind(integer(after));
  }
  if (filter.type)
    sql += " AND event_type = " + bind(text(*filter.type));
  if (filter.actor_id)
    sql += " AND actor_id = " + bind(text(*filter.actor_id));
  if (filter.since)
    sql += " AND ts >= " + bind(time(*filter.since));
  if (filter.until)
    sql += " AND ts < " + bind(time(*filter.until));
  sql += " ORDER BY seq LIMIT $1";
  return transactFor<Page<AuditRecord>>(
      db_, TxMode::kRead, [&](Tx& tx, Page<AuditRecord>& out) -> Status {
        TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(sql, params));
        const auto n = static_cast<std::size_t>(limit);
        for (std::size_t i = 0; i < rows.size() && i < n; ++i)
          out.items.push_back(auditFromRow(rows[i]));
        if (rows.size() > n)
          out.next_cursor = encodeCursor(kAuditCursorTag, {std::to_string(out.items.back().seq)});
        return Status::ok();
      });
}

StatusOr<AuditHead> SqlAuditLogRepository::head() {
  return transactFor<AuditHead>(db_, TxMode::kRead, [&](Tx& tx, AuditHead& out) -> Status {
    TARS_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT seq, hash FROM audit_head WHERE id = 1"));
    if (rows.size() != 1)
      return internalError("store: audit chain head row is missing");
    out.seq = rows[0].integer(0);
    out.hash = rows[0].text(1);
    return Status::ok();
  });
}

StatusOr<AuditVerification> SqlAuditLogRepository::verifyChain() {
  const std::string batch_sql = std::string("SELECT ") + kAuditColumns +
                                " FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2";
  return transactFor<AuditVerification>(
      db_, TxMode::kRead, [&](Tx& tx, AuditVerification& out) -> Status {
        // One read transaction: the events and the head row are one consistent snapshot.
        TARS_ASSIGN_OR_RETURN(Rows head_rows,
                              tx.query("SELECT seq, hash FROM audit_head WHERE id = 1"));
        if (head_rows.size() != 1)
          return internalError("store: audit chain head row is missing");
        const std::int64_t head_seq = head_rows[0].integer(0);
        const std::string head_hash = head_rows[0].text(1);

        std::int64_t expected_seq = 1;
        std::string prev_hash(kAuditGenesisHash);
        auto fail = [&](std::int64_t seq) {
          out.valid = false;
          out.first_invalid_seq = seq;
        };
        std::int64_t after = 0;
        while (out.valid) {
          TARS_ASSIGN_OR_RETURN(Rows rows,
                                tx.query(batch_sql, {integer(after), integer(kVerifyBatch)}));
          for (const Row& row : rows) {
            AuditRecord r = auditFromRow(row);
            after = r.seq;
            if (r.seq != expected_seq) {
              fail(expected_seq);  // an event is missing (deleted) or renumbered
              break;
            }
            ++out.events_checked;
            if (r.prev_hash != prev_hash || computeAuditHash(r) != r.hash) {
              fail(r.seq);
              break;
            }
            prev_hash = r.hash;
            ++expected_seq;
          }
          if (rows.size() < static_cast<std::size_t>(kVerifyBatch))
            break;
        }
        out.head_hash = prev_hash;
        // The head row remembers the newest event, so deleting it (and any after) shows.
        const std::int64_t last_seq = expected_seq - 1;
        if (out.valid && head_seq > last_seq)
          fail(expected_seq);  // the newest events were deleted
        else if (out.valid && head_seq < last_seq)
          fail(head_seq + 1);  // events beyond the head were inserted
        else if (out.valid && head_hash != prev_hash)
          fail(last_seq);  // the newest event was replaced
        return Status::ok();
      });
}

}  // namespace tars::store::sql
