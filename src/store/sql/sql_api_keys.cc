#include "store/sql/sql_api_keys.h"

#include <charconv>
#include <string>

#include "store/sql/codec.h"
#include "store/sql/revocation_feed.h"
#include "store/sql/tx_util.h"

namespace tars::store::sql {
namespace {

constexpr const char* kApiKeyColumns =
    "key_id, service_name, secret_sha256, scopes, created_at, created_by, expires_at, "
    "last_used_at, revoked_at, rotated_at, previous_secret_sha256, previous_valid_until";
constexpr const char* kApiKeyCursorTag = "api_keys";

StatusOr<ApiKeyRecord> apiKeyFromRow(const Row& row) {
  ApiKeyRecord k;
  k.key_id = row.text(0);
  k.service_name = row.text(1);
  k.secret_sha256 = row.blob(2);
  TARS_ASSIGN_OR_RETURN(k.scopes, decodeStringList(row.text(3)));
  k.created_at = row.time(4);
  k.created_by = row.text(5);
  k.expires_at = row.optTime(6);
  k.last_used_at = row.optTime(7);
  k.revoked_at = row.optTime(8);
  k.rotated_at = row.optTime(9);
  k.previous_secret_sha256 = row.optBlob(10);
  k.previous_valid_until = row.optTime(11);
  return k;
}

StatusOr<ApiKeyRecord> selectKey(Tx& tx, const std::string& key_id) {
  TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(std::string("SELECT ") + kApiKeyColumns +
                                                " FROM api_keys WHERE key_id = $1",
                                            {text(key_id)}));
  if (rows.empty())
    return notFound("API key " + key_id + " not found");
  return apiKeyFromRow(rows[0]);
}

}  // namespace

Status SqlApiKeyRepository::create(const ApiKeyRecord& k) {
  Status status = db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    // An expired key gives up its name: revoke it at its expiry (the feed learns of it too).
    TARS_ASSIGN_OR_RETURN(
        Rows expired,
        tx.query("UPDATE api_keys SET revoked_at = expires_at "
                 "WHERE lower(service_name) = lower($1) AND revoked_at IS NULL "
                 "AND expires_at IS NOT NULL AND expires_at <= $2 RETURNING key_id, expires_at",
                 {text(k.service_name), time(k.created_at)}));
    for (const Row& r : expired) {
      TARS_RETURN_IF_ERROR(
          appendRevocationChange(tx, RevocationKind::kApiKey, r.text(0), std::nullopt, r.time(1))
              .status());
    }
    return tx
        .exec(std::string("INSERT INTO api_keys (") + kApiKeyColumns +
                  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
              {text(k.key_id), text(k.service_name), blob(k.secret_sha256),
               text(encodeStringList(k.scopes)), time(k.created_at), text(k.created_by),
               optTime(k.expires_at), optTime(k.last_used_at), optTime(k.revoked_at),
               optTime(k.rotated_at), optBlob(k.previous_secret_sha256),
               optTime(k.previous_valid_until)})
        .status();
  });
  return withMessage(std::move(status), StatusCode::kAlreadyExists,
                     "an active API key with that service name (or that key_id) already exists");
}

StatusOr<ApiKeyRecord> SqlApiKeyRepository::get(const std::string& key_id) {
  return transactFor<ApiKeyRecord>(db_, TxMode::kRead, [&](Tx& tx, ApiKeyRecord& out) -> Status {
    TARS_ASSIGN_OR_RETURN(out, selectKey(tx, key_id));
    return Status::ok();
  });
}

StatusOr<ApiKeyRecord> SqlApiKeyRepository::rotate(const std::string& key_id,
                                                   const std::string& new_secret_sha256,
                                                   Timestamp now,
                                                   std::optional<Timestamp> previous_valid_until) {
  return transactFor<ApiKeyRecord>(db_, TxMode::kWrite, [&](Tx& tx, ApiKeyRecord& out) -> Status {
    // SET expressions read the row as it was, so the old digest moves into previous_… here.
    StatusOr<std::int64_t> changed =
        previous_valid_until
            ? tx.exec(
                  "UPDATE api_keys SET previous_secret_sha256 = secret_sha256, "
                  "previous_valid_until = $4, secret_sha256 = $2, rotated_at = $3 "
                  "WHERE key_id = $1 AND revoked_at IS NULL",
                  {text(key_id), blob(new_secret_sha256), time(now), time(*previous_valid_until)})
            : tx.exec(
                  "UPDATE api_keys SET previous_secret_sha256 = NULL, "
                  "previous_valid_until = NULL, secret_sha256 = $2, rotated_at = $3 "
                  "WHERE key_id = $1 AND revoked_at IS NULL",
                  {text(key_id), blob(new_secret_sha256), time(now)});
    if (!changed.isOk())
      return changed.status();
    if (*changed == 0) {
      TARS_RETURN_IF_ERROR(selectKey(tx, key_id).status());  // kNotFound
      return failedPrecondition("API key " + key_id + " is revoked");
    }
    TARS_ASSIGN_OR_RETURN(out, selectKey(tx, key_id));
    return Status::ok();
  });
}

StatusOr<bool> SqlApiKeyRepository::revoke(const std::string& key_id, Timestamp now) {
  return transactFor<bool>(db_, TxMode::kWrite, [&](Tx& tx, bool& out) -> Status {
    TARS_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.exec("UPDATE api_keys SET revoked_at = $2 WHERE key_id = $1 AND revoked_at IS NULL",
                {text(key_id), time(now)}));
    if (changed == 0) {
      TARS_RETURN_IF_ERROR(selectKey(tx, key_id).status());  // kNotFound, or already revoked
      out = false;
      return Status::ok();
    }
    out = true;
    return appendRevocationChange(tx, RevocationKind::kApiKey, key_id, std::nullopt, now).status();
  });
}

StatusOr<Page<ApiKeyRecord>> SqlApiKeyRepository::list(bool include_revoked,
                                                       const PageRequest& page) {
  const int limit = effectivePageLimit(page.limit);
  const char* collate = binaryCollation(db_.dialect());
  std::string sql = std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE 1 = 1";
  Params params = {integer(limit + 1)};
  if (!include_revoked)
    sql += " AND revoked_at IS NULL";
  if (!page.cursor.empty()) {
    TARS_ASSIGN_OR_RETURN(auto parts, decodeCursor(page.cursor, kApiKeyCursorTag, 2));
    std::int64_t created = 0;
    const std::string& c = parts[0];
    if (std::from_chars(c.data(), c.data() + c.size(), created).ec != std::errc())
      return invalidArgument("invalid cursor");
    // (created_at, key_id) > (cursor) spelled out: row values compare the same on both backends
    // but this form lets either planner use the listing index.
    sql +=
        std::string(" AND (created_at > $2 OR (created_at = $2 AND key_id") + collate + " > $3))";
    params.push_back(integer(created));
    params.push_back(text(parts[1]));
  }
  sql += std::string(" ORDER BY created_at, key_id") + collate + " LIMIT $1";
  return transactFor<Page<ApiKeyRecord>>(
      db_, TxMode::kRead, [&](Tx& tx, Page<ApiKeyRecord>& out) -> Status {
        TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(sql, params));
        const auto n = static_cast<std::size_t>(limit);
        for (std::size_t i = 0; i < rows.size() && i < n; ++i) {
          TARS_ASSIGN_OR_RETURN(ApiKeyRecord k, apiKeyFromRow(rows[i]));
          out.items.push_back(std::move(k));
        }
        if (rows.size() > n) {
          const ApiKeyRecord& last = out.items.back();
          out.next_cursor = encodeCursor(kApiKeyCursorTag,
                                         {std::to_string(toMillis(last.created_at)), last.key_id});
        }
        return Status::ok();
      });
}

StatusOr<std::int64_t> SqlApiKeyRepository::count(bool include_revoked) {
  return transactFor<std::int64_t>(db_, TxMode::kRead, [&](Tx& tx, std::int64_t& out) -> Status {
    TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(include_revoked ? "SELECT count(*) FROM api_keys"
                                                              : "SELECT count(*) FROM api_keys "
                                                                "WHERE revoked_at IS NULL"));
    out = rows.empty() ? 0 : rows[0].integer(0);
    return Status::ok();
  });
}

Status SqlApiKeyRepository::touchLastUsed(const std::map<std::string, Timestamp>& last_used) {
  if (last_used.empty())
    return Status::ok();
  return db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    for (const auto& [key_id, when] : last_used) {
      TARS_RETURN_IF_ERROR(tx.exec("UPDATE api_keys SET last_used_at = $2 WHERE key_id = $1 AND "
                                   "(last_used_at IS NULL OR last_used_at < $2)",
                                   {text(key_id), time(when)})
                               .status());
    }
    return Status::ok();
  });
}

}  // namespace tars::store::sql
