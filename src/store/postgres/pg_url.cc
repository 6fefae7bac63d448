#include "store/postgres/pg_url.h"

#include <libpq-fe.h>

#include <cstring>

namespace tars::store::postgres {

StatusOr<PgUrlInfo> inspectPgUrl(std::string_view url) {
  std::string text(url);
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &err);
  if (options == nullptr) {
    // libpq's message may quote parts of the URL; do not pass it on.
    PQfreemem(err);
    return invalidArgument("store.url is not a valid PostgreSQL URL (value not shown)");
  }
  std::string user, host, port, dbname, password;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr)
      continue;
    if (std::strcmp(o->keyword, "user") == 0)
      user = o->val;
    else if (std::strcmp(o->keyword, "host") == 0)
      host = o->val;
    else if (std::strcmp(o->keyword, "hostaddr") == 0 && host.empty())
      host = o->val;
    else if (std::strcmp(o->keyword, "port") == 0)
      port = o->val;
    else if (std::strcmp(o->keyword, "dbname") == 0)
      dbname = o->val;
    else if (std::strcmp(o->keyword, "password") == 0)
      password = o->val;
  }
  PQconninfoFree(options);
  PgUrlInfo info;
  info.password = std::move(password);
  info.description = "postgresql://";
  if (!user.empty())
    info.description += user + "@";
  info.description += host.empty() ? "localhost" : host;
  if (!port.empty())
    info.description += ":" + port;
  info.description += "/" + dbname;
  return info;
}

std::string scrubSecret(std::string message, const std::string& password) {
  if (password.empty())
    return message;
  std::size_t pos = 0;
  while ((pos = message.find(password, pos)) != std::string::npos) {
    message.replace(pos, password.size(), "***");
    pos += 3;
  }
  return message;
}

}  // namespace tars::store::postgres
