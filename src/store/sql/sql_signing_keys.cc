#include "store/sql/sql_signing_keys.h"

#include <string>

#include "store/sql/revocation_feed.h"
#include "store/sql/tx_util.h"

namespace tars::store::sql {
namespace {

constexpr const char* kSigningKeyColumns =
    "kid, algorithm, key_material, status, created_at, retired_at, verify_until, revoked_at";

StatusOr<SigningKeyRecord> signingKeyFromRow(const Row& row) {
  SigningKeyRecord k;
  k.kid = row.text(0);
  k.algorithm = row.text(1);
  k.key_material = row.blob(2);
  std::optional<SigningKeyStatus> status = parseSigningKeyStatus(row.text(3));
  if (!status)
    return internalError("store: unknown signing key status");
  k.status = *status;
  k.created_at = row.time(4);
  k.retired_at = row.optTime(5);
  k.verify_until = row.optTime(6);
  k.revoked_at = row.optTime(7);
  return k;
}

Status insertKey(Tx& tx, const SigningKeyRecord& k) {
  return tx
      .exec(std::string("INSERT INTO signing_keys (") + kSigningKeyColumns +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            {text(k.kid), text(k.algorithm), blob(k.key_material),
             text(std::string(signingKeyStatusName(k.status))), time(k.created_at),
             optTime(k.retired_at), optTime(k.verify_until), optTime(k.revoked_at)})
      .status();
}

}  // namespace

Status SqlSigningKeyRepository::createFirst(const SigningKeyRecord& key) {
  if (key.status != SigningKeyStatus::kCurrent)
    return invalidArgument("the first signing key must be current");
  // The unique index on the current key decides races between replicas.
  Status status = db_.transact(TxMode::kWrite, [&](Tx& tx) { return insertKey(tx, key); });
  return withMessage(std::move(status), StatusCode::kAlreadyExists,
                     "a current signing key (or that kid) already exists");
}

StatusOr<std::vector<SigningKeyRecord>> SqlSigningKeyRepository::list() {
  using Keys = std::vector<SigningKeyRecord>;
  const std::string sql = std::string("SELECT ") + kSigningKeyColumns +
                          " FROM signing_keys ORDER BY created_at, kid" +
                          binaryCollation(db_.dialect());
  return transactFor<Keys>(db_, TxMode::kRead, [&](Tx& tx, Keys& out) -> Status {
    TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(sql));
    for (const Row& r : rows) {
      TARS_ASSIGN_OR_RETURN(SigningKeyRecord k, signingKeyFromRow(r));
      out.push_back(std::move(k));
    }
    return Status::ok();
  });
}

StatusOr<SigningKeyRecord> SqlSigningKeyRepository::get(const std::string& kid) {
  return transactFor<SigningKeyRecord>(
      db_, TxMode::kRead, [&](Tx& tx, SigningKeyRecord& out) -> Status {
        TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(std::string("SELECT ") + kSigningKeyColumns +
                                                      " FROM signing_keys WHERE kid = $1",
                                                  {text(kid)}));
        if (rows.empty())
          return notFound("signing key " + kid + " not found");
        TARS_ASSIGN_OR_RETURN(out, signingKeyFromRow(rows[0]));
        return Status::ok();
      });
}

Status SqlSigningKeyRepository::rotate(const SigningKeyRecord& new_key,
                                       const std::string& expected_current_kid, Timestamp now,
                                       Timestamp verify_until) {
  if (new_key.status != SigningKeyStatus::kCurrent)
    return invalidArgument("a rotated-in signing key must be current");
  Status status = db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.exec("UPDATE signing_keys SET status = 'verify_only', retired_at = $2, "
                "verify_until = $3 WHERE kid = $1 AND status = 'current'",
                {text(expected_current_kid), time(now), time(verify_until)}));
    if (changed == 0)
      return failedPrecondition("signing key " + expected_current_kid +
                                " is no longer the current key");
    TARS_RETURN_IF_ERROR(insertKey(tx, new_key));
    return appendRevocationChange(tx, RevocationKind::kSigningKey, new_key.kid, std::nullopt, now)
        .status();
  });
  return withMessage(std::move(status), StatusCode::kAlreadyExists,
                     "a signing key with that kid already exists");
}

Status SqlSigningKeyRepository::revoke(const std::string& kid, Timestamp now) {
  const std::string select =
      std::string("SELECT status FROM signing_keys WHERE kid = $1") + forUpdate(db_.dialect());
  return db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(select, {text(kid)}));
    if (rows.empty())
      return notFound("signing key " + kid + " not found");
    const std::string status = rows[0].text(0);
    if (status == "revoked")
      return Status::ok();
    if (status == "current")
      return failedPrecondition("Cannot revoke the current signing key; rotate first");
    TARS_RETURN_IF_ERROR(
        tx.exec("UPDATE signing_keys SET status = 'revoked', revoked_at = $2 WHERE kid = $1",
                {text(kid), time(now)})
            .status());
    return appendRevocationChange(tx, RevocationKind::kSigningKey, kid, std::nullopt, now).status();
  });
}

StatusOr<std::int64_t> SqlSigningKeyRepository::deleteExpired(Timestamp now) {
  return transactFor<std::int64_t>(db_, TxMode::kWrite, [&](Tx& tx, std::int64_t& out) -> Status {
    TARS_ASSIGN_OR_RETURN(out, tx.exec("DELETE FROM signing_keys WHERE status <> 'current' AND "
                                       "verify_until IS NOT NULL AND verify_until <= $1",
                                       {time(now)}));
    return Status::ok();
  });
}

}  // namespace tars::store::sql
