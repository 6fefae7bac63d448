#include "store/sql/sql_revocations.h"

#include <algorithm>

#include "store/sql/revocation_feed.h"
#include "store/sql/tx_util.h"

namespace tars::store::sql {

Status SqlRevocationRepository::denyJti(const std::string& jti, Timestamp expires_at,
                                        Timestamp now) {
  return db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(
        Rows inserted,
        tx.query("INSERT INTO denied_jtis (jti, expires_at, revoked_at) VALUES ($1, $2, $3) "
                 "ON CONFLICT (jti) DO NOTHING RETURNING jti",
                 {text(jti), time(expires_at), time(now)}));
    if (inserted.empty())
      return Status::ok();  // already denylisted
    return appendRevocationChange(tx, RevocationKind::kJti, jti, expires_at, now).status();
  });
}

StatusOr<bool> SqlRevocationRepository::isJtiDenied(const std::string& jti, Timestamp now) {
  return transactFor<bool>(db_, TxMode::kRead, [&](Tx& tx, bool& out) -> Status {
    TARS_ASSIGN_OR_RETURN(Rows rows,
                          tx.query("SELECT 1 FROM denied_jtis WHERE jti = $1 AND expires_at > $2",
                                   {text(jti), time(now)}));
    out = !rows.empty();
    return Status::ok();
  });
}

StatusOr<RevocationSnapshot> SqlRevocationRepository::snapshot(Timestamp now) {
  return transactFor<RevocationSnapshot>(
      db_, TxMode::kRead, [&](Tx& tx, RevocationSnapshot& out) -> Status {
        // One read transaction: the cursor and the sets come from the same snapshot.
        TARS_ASSIGN_OR_RETURN(Rows head, tx.query("SELECT seq FROM revocation_head WHERE id = 1"));
        out.cursor = head.empty() ? 0 : head[0].integer(0);
        TARS_ASSIGN_OR_RETURN(
            Rows jtis, tx.query("SELECT jti, expires_at FROM denied_jtis WHERE expires_at > $1 "
                                "ORDER BY jti",
                                {time(now)}));
        for (const Row& r : jtis)
          out.jtis.push_back({r.text(0), r.time(1)});
        TARS_ASSIGN_OR_RETURN(
            Rows families,
            tx.query("SELECT family_id, expires_at FROM refresh_families "
                     "WHERE revoked_at IS NOT NULL AND expires_at > $1 ORDER BY family_id",
                     {time(now)}));
        for (const Row& r : families)
          out.families.push_back({r.text(0), r.time(1)});
        TARS_ASSIGN_OR_RETURN(
            Rows keys,
            tx.query("SELECT key_id FROM api_keys WHERE revoked_at IS NOT NULL ORDER BY key_id"));
        for (const Row& r : keys)
          out.api_key_ids.push_back(r.text(0));
        return Status::ok();
      });
}

StatusOr<RevocationBatch> SqlRevocationRepository::changesSince(std::int64_t cursor, int limit) {
  limit = std::clamp(limit, 1, 1000);
  return transactFor<RevocationBatch>(
      db_, TxMode::kRead, [&](Tx& tx, RevocationBatch& out) -> Status {
        TARS_ASSIGN_OR_RETURN(Rows rows,
                              tx.query("SELECT seq, kind, subject_id, expires_at, created_at FROM "
                                       "revocation_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
                                       {integer(cursor), integer(limit)}));
        out.next_cursor = cursor;
        for (const Row& r : rows) {
          std::optional<RevocationKind> kind = parseRevocationKind(r.text(1));
          if (!kind)
            return internalError("store: unknown revocation kind in the feed");
          out.changes.push_back({r.integer(0), *kind, r.text(2), r.optTime(3), r.time(4)});
          out.next_cursor = r.integer(0);
        }
        return Status::ok();
      });
}

StatusOr<std::int64_t> SqlRevocationRepository::purgeExpired(Timestamp now) {
  return transactFor<std::int64_t>(db_, TxMode::kWrite, [&](Tx& tx, std::int64_t& out) -> Status {
    TARS_ASSIGN_OR_RETURN(std::int64_t jtis,
                          tx.exec("DELETE FROM denied_jtis WHERE expires_at <= $1", {time(now)}));
    TARS_ASSIGN_OR_RETURN(
        std::int64_t changes,
        tx.exec("DELETE FROM revocation_changes WHERE expires_at IS NOT NULL AND expires_at <= $1",
                {time(now)}));
    out = jtis + changes;
    return Status::ok();
  });
}

}  // namespace tars::store::sql
