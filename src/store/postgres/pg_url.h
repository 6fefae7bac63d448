#pragma once
// What tars learns from a PostgreSQL URL without ever showing its password (internal to
// tars_store).

#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::store::postgres {

struct PgUrlInfo {
  std::string description;  // postgresql://user@host:port/dbname — no password, no parameters
  std::string password;     // from the userinfo or `password=`; only for scrubbing messages
};

// kInvalidArgument (without echoing the URL) when libpq cannot parse it.
StatusOr<PgUrlInfo> inspectPgUrl(std::string_view url);

// `message` with every occurrence of `password` (when non-empty) replaced by "***". libpq does
// not put passwords into its messages; this is the second line of defence.
std::string scrubSecret(std::string message, const std::string& password);

}  // namespace tars::store::postgres
