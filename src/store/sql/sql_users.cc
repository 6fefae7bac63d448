#include "store/sql/sql_users.h"

#include <string>

#include "store/sql/codec.h"
#include "store/sql/sql_refresh_families.h"
#include "store/sql/tx_util.h"

namespace tars::store::sql {
namespace {

constexpr const char* kUserColumns =
    "user_id, username, email, password_hash, roles, disabled, created_at, updated_at";
constexpr const char* kUserCursorTag = "users";

StatusOr<UserRecord> userFromRow(const Row& row) {
  UserRecord u;
  u.user_id = row.text(0);
  u.username = row.text(1);
  u.email = row.optText(2);
  u.password_hash = row.text(3);
  TARS_ASSIGN_OR_RETURN(u.roles, decodeStringList(row.text(4)));
  u.disabled = row.integer(5) != 0;
  u.created_at = row.time(6);
  u.updated_at = row.time(7);
  return u;
}

}  // namespace

Status SqlUserRepository::create(const UserRecord& u) {
  Status status = db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    return tx
        .exec(std::string("INSERT INTO users (") + kUserColumns +
                  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
              {text(u.user_id), text(u.username), optText(u.email), text(u.password_hash),
               text(encodeStringList(u.roles)), integer(u.disabled ? 1 : 0), time(u.created_at),
               time(u.updated_at)})
        .status();
  });
  return withMessage(std::move(status), StatusCode::kAlreadyExists,
                     "a user with that user_id or username already exists");
}

StatusOr<UserRecord> SqlUserRepository::getWhere(const char* where, const std::string& key) {
  return transactFor<UserRecord>(db_, TxMode::kRead, [&](Tx& tx, UserRecord& out) -> Status {
    TARS_ASSIGN_OR_RETURN(
        Rows rows, tx.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where,
                            {text(key)}));
    if (rows.empty())
      return notFound("user not found");
    TARS_ASSIGN_OR_RETURN(out, userFromRow(rows[0]));
    return Status::ok();
  });
}

StatusOr<UserRecord> SqlUserRepository::get(const std::string& user_id) {
  return getWhere("user_id = $1", user_id);
}

StatusOr<UserRecord> SqlUserRepository::findByUsername(const std::string& username) {
  return getWhere("lower(username) = lower($1)", username);
}

Status SqlUserRepository::update(const UserRecord& u) {
  Status status = db_.transact(TxMode::kWrite, [&](Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.exec(
            "UPDATE users SET username = $2, email = $3, password_hash = $4, roles = $5, "
            "disabled = $6, updated_at = $7 WHERE user_id = $1",
            {text(u.user_id), text(u.username), optText(u.email), text(u.password_hash),
             text(encodeStringList(u.roles)), integer(u.disabled ? 1 : 0), time(u.updated_at)}));
    if (changed == 0)
      return notFound("user not found");
    return Status::ok();
  });
  return withMessage(std::move(status), StatusCode::kAlreadyExists,
                     "a user with that username already exists");
}

StatusOr<std::vector<std::string>> SqlUserRepository::disable(const std::string& user_id,
                                                              Timestamp now,
                                                              const std::string& reason) {
  using Ids = std::vector<std::string>;
  return transactFor<Ids>(db_, TxMode::kWrite, [&](Tx& tx, Ids& out) -> Status {
    TARS_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.exec("UPDATE users SET disabled = 1, updated_at = $2 WHERE user_id = $1",
                {text(user_id), time(now)}));
    if (changed == 0)
      return notFound("user not found");
    TARS_ASSIGN_OR_RETURN(out, revokeFamiliesOfUser(tx, user_id, now, reason));
    return Status::ok();
  });
}

StatusOr<Page<UserRecord>> SqlUserRepository::list(const PageRequest& page) {
  const int limit = effectivePageLimit(page.limit);
  std::string after;
  if (!page.cursor.empty()) {
    TARS_ASSIGN_OR_RETURN(auto parts, decodeCursor(page.cursor, kUserCursorTag, 1));
    after = parts[0];
  }
  const char* collate = binaryCollation(db_.dialect());
  // The sort key comes back as column 8, so the cursor holds exactly what the database compares.
  std::string sql = std::string("SELECT ") + kUserColumns + ", lower(username) FROM users";
  Params params;
  if (!page.cursor.empty()) {
    sql += std::string(" WHERE lower(username)") + collate + " > $2";
    params = {integer(limit + 1), text(after)};
  } else {
    params = {integer(limit + 1)};
  }
  sql += std::string(" ORDER BY lower(username)") + collate + " LIMIT $1";
  return transactFor<Page<UserRecord>>(
      db_, TxMode::kRead, [&](Tx& tx, Page<UserRecord>& out) -> Status {
        TARS_ASSIGN_OR_RETURN(Rows rows, tx.query(sql, params));
        const auto n = static_cast<std::size_t>(limit);
        for (std::size_t i = 0; i < rows.size() && i < n; ++i) {
          TARS_ASSIGN_OR_RETURN(UserRecord u, userFromRow(rows[i]));
          out.items.push_back(std::move(u));
        }
        if (rows.size() > n)
          out.next_cursor = encodeCursor(kUserCursorTag, {rows[n - 1].text(8)});
        return Status::ok();
      });
}

}  // namespace tars::store::sql
