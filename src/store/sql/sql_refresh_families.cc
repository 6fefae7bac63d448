#include "store/sql/sql_refresh_families.h"

#include <string>

#include "store/sql/revocation_feed.h"
#include "store/sql/tx_util.h"

namespace tars::store::sql {
namespace {

constexpr const char* kSelectFamily =
    "SELECT family_id, user_id, current_jti, created_at, updated_at, expires_at, revoked_at, "
    "revoke_reason FROM refresh_families WHERE family_id = $1";

RefreshFamilyRecord familyFromRow(const Row& row) {
  RefreshFamilyRecord f;
  f.family_id = row.text(0);
  f.user_id = row.text(1);
  f.current_jti = row.text(2);
  f.created_at = row.time(3);
  f.updated_at = row.time(4);
  f.expires_at = row.time(5);
  f.revoked_at = row.optTime(6);
  f.revoke_reason = row.optText(7);
  return f;
}

}  // namespace

Status SqlRefreshFamilyRepository::create(const RefreshFamilyRecord& f) {
  Status status = db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(Rows user,
                          tx.query("SELECT 1 FROM users WHERE user_id = $1", {text(f.user_id)}));
    if (user.empty())
      return notFound("user not found");
    TARS_RETURN_IF_ERROR(
        tx.exec("INSERT INTO refresh_families (family_id, user_id, current_jti, created_at, "
                "updated_at, expires_at, revoked_at, revoke_reason) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                {text(f.family_id), text(f.user_id), text(f.current_jti), time(f.created_at),
                 time(f.updated_at), time(f.expires_at), optTime(f.revoked_at),
                 optText(f.revoke_reason)})
            .status());
    return tx
        .exec(
            "INSERT INTO refresh_tokens (jti, family_id, issued_at, used_at) "
            "VALUES ($1, $2, $3, NULL)",
            {text(f.current_jti), text(f.family_id), time(f.created_at)})
        .status();
  });
  return withMessage(std::move(status), StatusCode::kAlreadyExists,
                     "a refresh family or token with that id already exists");
}

StatusOr<RefreshFamilyRecord> SqlRefreshFamilyRepository::get(const std::string& family_id) {
  return transactFor<RefreshFamilyRecord>(
      db_, TxMode::kRead, [&](Tx& tx, RefreshFamilyRecord& out) -> Status {
        TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(kSelectFamily, {text(family_id)}));
        if (rows.empty())
          return notFound("refresh family not found");
        out = familyFromRow(rows[0]);
        return Status::ok();
      });
}

StatusOr<RefreshTokenRecord> SqlRefreshFamilyRepository::getToken(const std::string& jti) {
  return transactFor<RefreshTokenRecord>(
      db_, TxMode::kRead, [&](Tx& tx, RefreshTokenRecord& out) -> Status {
        TARS_ASSIGN_OR_RETURN(
            Rows rows,
            tx.query("SELECT jti, family_id, issued_at, used_at FROM refresh_tokens WHERE jti = $1",
                     {text(jti)}));
        if (rows.empty())
          return notFound("refresh token not found");
        out.jti = rows[0].text(0);
        out.family_id = rows[0].text(1);
        out.issued_at = rows[0].time(2);
        out.used_at = rows[0].optTime(3);
        return Status::ok();
      });
}

Status SqlRefreshFamilyRepository::rotate(const std::string& family_id,
                                          const std::string& expected_jti,
                                          const std::string& new_jti, Timestamp now) {
  Status status = db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    // The compare-and-set: one UPDATE whose WHERE holds every condition. PostgreSQL re-checks
    // the WHERE on the latest row version after waiting for a concurrent rotation's lock, so
    // exactly one of two racing rotations of the same token changes the row.
    TARS_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.exec("UPDATE refresh_families SET current_jti = $3, updated_at = $4 "
                "WHERE family_id = $1 AND current_jti = $2 AND revoked_at IS NULL "
                "AND expires_at > $4",
                {text(family_id), text(expected_jti), text(new_jti), time(now)}));
    if (changed == 0) {
      TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(kSelectFamily, {text(family_id)}));
      if (rows.empty())
        return notFound("refresh family not found");
      const RefreshFamilyRecord f = familyFromRow(rows[0]);
      if (f.revoked_at)
        return failedPrecondition("refresh family is revoked");
      if (f.expires_at <= now)
        return failedPrecondition("refresh family has expired");
      return failedPrecondition("refresh token is not the current token of its family");
    }
    TARS_RETURN_IF_ERROR(
        tx.exec("UPDATE refresh_tokens SET used_at = $2 WHERE jti = $1 AND used_at IS NULL",
                {text(expected_jti), time(now)})
            .status());
    return tx
        .exec(
            "INSERT INTO refresh_tokens (jti, family_id, issued_at, used_at) "
            "VALUES ($1, $2, $3, NULL)",
            {text(new_jti), text(family_id), time(now)})
        .status();
  });
  return withMessage(std::move(status), StatusCode::kAlreadyExists,
                     "a refresh token with that jti already exists");
}

Status SqlRefreshFamilyRepository::revoke(const std::string& family_id, Timestamp now,
                                          const std::string& reason) {
  return db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(
        Rows rows, tx.query("UPDATE refresh_families SET revoked_at = $2, revoke_reason = $3 "
                            "WHERE family_id = $1 AND revoked_at IS NULL RETURNING expires_at",
                            {text(family_id), time(now), text(reason)}));
    if (rows.empty()) {
      TARS_ASSIGN_OR_RETURN(
          Rows exists,
          tx.query("SELECT 1 FROM refresh_families WHERE family_id = $1", {text(family_id)}));
      return exists.empty() ? notFound("refresh family not found") : Status::ok();
    }
    return appendRevocationChange(tx, RevocationKind::kFamily, family_id, rows[0].time(0), now)
        .status();
  });
}

StatusOr<std::vector<std::string>> revokeFamiliesOfUser(Tx& tx, const std::string& user_id,
                                                        Timestamp now, const std::string& reason) {
  TARS_ASSIGN_OR_RETURN(
      Rows rows,
      tx.query("UPDATE refresh_families SET revoked_at = $2, revoke_reason = $3 "
               "WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id, expires_at",
               {text(user_id), time(now), text(reason)}));
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const Row& row : rows) {
    ids.push_back(row.text(0));
    TARS_RETURN_IF_ERROR(
        appendRevocationChange(tx, RevocationKind::kFamily, ids.back(), row.time(1), now).status());
  }
  return ids;
}

StatusOr<std::vector<std::string>> SqlRefreshFamilyRepository::revokeAllForUser(
    const std::string& user_id, Timestamp now, const std::string& reason) {
  using Ids = std::vector<std::string>;
  return transactFor<Ids>(db_, TxMode::kWrite, [&](Tx& tx, Ids& out) -> Status {
    TARS_ASSIGN_OR_RETURN(out, revokeFamiliesOfUser(tx, user_id, now, reason));
    return Status::ok();
  });
}

StatusOr<std::int64_t> SqlRefreshFamilyRepository::countActive(Timestamp now) {
  return transactFor<std::int64_t>(db_, TxMode::kRead, [&](Tx& tx, std::int64_t& out) -> Status {
    TARS_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT count(*) FROM refresh_families WHERE "
                                              "revoked_at IS NULL AND expires_at > $1",
                                              {time(now)}));
    out = rows.empty() ? 0 : rows[0].integer(0);
    return Status::ok();
  });
}

StatusOr<std::int64_t> SqlRefreshFamilyRepository::purgeExpired(Timestamp now) {
  return transactFor<std::int64_t>(db_, TxMode::kWrite, [&](Tx& tx, std::int64_t& out) -> Status {
    // Tokens first: SQLite applies ON DELETE CASCADE too, but only with foreign_keys on, and an
    // explicit delete keeps the two backends doing the same work.
    TARS_RETURN_IF_ERROR(tx.exec("DELETE FROM refresh_tokens WHERE family_id IN "
                                 "(SELECT family_id FROM refresh_families WHERE expires_at <= $1)",
                                 {time(now)})
                             .status());
    TARS_ASSIGN_OR_RETURN(
        out, tx.exec("DELETE FROM refresh_families WHERE expires_at <= $1", {time(now)}));
    return Status::ok();
  });
}

}  // namespace tars::store::sql
