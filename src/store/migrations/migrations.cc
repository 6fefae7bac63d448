#include "store/migrations/migrations.h"

#include <array>

#include "store/migrations/embedded/identity_0001.h"
#include "store/sha256.h"

namespace tars::store::migrations {
namespace {

constexpr std::array kMigrations = {
    Migration{1, "identity", embedded::kIdentity0001},
};

void replaceAll(std::string& s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

std::span<const Migration> all() {
  return kMigrations;
}

std::string sqlFor(const Migration& migration, sql::Dialect dialect) {
  std::string out(migration.sql);
  replaceAll(out, "{{BYTES}}", dialect == sql::Dialect::kSqlite ? "BLOB" : "BYTEA");
  return out;
}

std::string checksum(const Migration& migration) {
  return sha256Hex(migration.sql);
}

}  // namespace tars::store::migrations
