#include "store/sql/revocation_feed.h"

namespace tars::store::sql {

StatusOr<std::int64_t> appendRevocationChange(Tx& tx, RevocationKind kind, const std::string& id,
                                              std::optional<Timestamp> expires_at, Timestamp now) {
  // UPDATE … RETURNING takes the head row's lock until commit (PostgreSQL); SQLite's writer is
  // already exclusive.
  TARS_ASSIGN_OR_RETURN(
      Rows rows, tx.query("UPDATE revocation_head SET seq = seq + 1 WHERE id = 1 RETURNING seq"));
  if (rows.size() != 1)
    return internalError("store: revocation feed head row is missing");
  const std::int64_t seq = rows[0].integer(0);
  TARS_RETURN_IF_ERROR(tx.exec("INSERT INTO revocation_changes (seq, kind, subject_id, "
                               "expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
                               {integer(seq), text(std::string(revocationKindName(kind))), text(id),
                                optTime(expires_at), time(now)})
                           .status());
  return seq;
}

}  // namespace tars::store::sql
