#include "app/cli/users_command.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>

#include "app/cli/password_input.h"
#include "app/cli/text_table.h"
#include "core/time_format.h"
#include "identity/access.h"
#include "identity/audit/audit_recorder.h"
#include "identity/users/user_rules.h"
#include "identity/users/user_service.h"

namespace tars::cli {
namespace {

// A value fit to repeat in a message: short printable ASCII (anything else is not echoed).
bool echoable(const std::string& s) {
  return !s.empty() && s.size() <= 32 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

// The service's roles message, plus the first unknown role when it is safe to repeat.
Status explainRoles(const Status& st, const std::vector<std::string>& roles) {
  if (st.fieldErrors().empty() || st.fieldErrors().front().field != "roles")
    return st;
  for (const std::string& role : roles) {
    if (!identity::parseRole(role) && echoable(role)) {
      return Status(st.code(), st.message() + " (unknown role \"" + role + "\")", st.fieldErrors());
    }
  }
  return st;
}

// The validation UserService will do, before the password is asked for.
Status checkAddArgs(const UsersAddArgs& args) {
  TARS_RETURN_IF_ERROR(identity::normalizeUsername(args.username).status());
  TARS_RETURN_IF_ERROR(explainRoles(identity::normalizeRoles(args.roles).status(), args.roles));
  if (args.email)
    TARS_RETURN_IF_ERROR(identity::validateEmail(*args.email));
  return Status::ok();
}

// The stored user named `username` (ignoring case); kNotFound "User <name> not found".
StatusOr<store::UserRecord> findUser(IdentityContext& ctx, const std::string& username) {
  TARS_ASSIGN_OR_RETURN(std::string name, identity::normalizeUsername(username));
  StatusOr<store::UserRecord> user = ctx.store().users().findByUsername(name);
  if (user.status().code() == StatusCode::kNotFound)
    return notFound("User " + name + " not found");
  return user;
}

identity::AuditEntry userEvent(std::string type, const store::UserRecord& user) {
  identity::AuditEntry e;
  e.type = std::move(type);
  e.outcome = "success";
  e.target_type = "user";
  e.target_id = user.user_id;
  e.details["username"] = user.username;
  return e;
}

boost::json::array rolesJson(const std::vector<std::string>& roles) {
  boost::json::array a;
  for (const std::string& r : roles)
    a.emplace_back(r);
  return a;
}

}  // namespace

int usersAdd(IdentityContext& ctx, const UsersAddArgs& args, CommandIo& io) {
  if (Status st = checkAddArgs(args); !st.isOk())
    return reportFailure(io, st);
  StatusOr<std::string> password = readNewPassword(io.in, io.err, io.interactive, args.username);
  if (!password.isOk())
    return reportFailure(io, password.status());
  identity::UserService users(ctx.store().users(), ctx.clock(), ctx.ids());
  StatusOr<store::UserRecord> user =
      users.addUser(args.username, *password, args.roles, args.email);
  if (!user.isOk())
    return reportFailure(io, explainRoles(user.status(), args.roles));
  io.out << user->user_id << "\n" << std::flush;

  identity::AuditEntry e = userEvent("user.created", *user);
  e.details["roles"] = rolesJson(user->roles);
  return afterAudit(io, ctx.audit(std::move(e)));
}

int usersPasswd(IdentityContext& ctx, const std::string& username, CommandIo& io) {
  StatusOr<store::UserRecord> user = findUser(ctx, username);
  if (!user.isOk())
    return reportFailure(io, user.status());
  StatusOr<std::string> password = readNewPassword(io.in, io.err, io.interactive, user->username);
  if (!password.isOk())
    return reportFailure(io, password.status());
  identity::UserService users(ctx.store().users(), ctx.clock(), ctx.ids());
  if (Status st = users.setPassword(user->username, *password); !st.isOk())
    return reportFailure(io, st);
  io.out << "Password changed for " << user->username << "\n" << std::flush;
  return afterAudit(io, ctx.audit(userEvent("user.password_changed", *user)));
}

int usersList(IdentityContext& ctx, ListFormat format, CommandIo& io) {
  identity::UserService users(ctx.store().users(), ctx.clock(), ctx.ids());
  std::vector<std::vector<std::string>> rows;
  store::PageRequest page{"", store::kMaxPageLimit};
  while (true) {
    StatusOr<store::Page<store::UserRecord>> listed = users.list(page);
    if (!listed.isOk())
      return reportFailure(io, listed.status());
    for (const store::UserRecord& u : listed->items) {
      // Never the password hash.
      if (format == ListFormat::kJsonLines) {
        boost::json::object o;
        o["user_id"] = u.user_id;
        o["username"] = u.username;
        o["roles"] = rolesJson(u.roles);
        o["email"] = u.email ? boost::json::value(*u.email) : boost::json::value(nullptr);
        o["disabled"] = u.disabled;
        o["created_at"] = formatRfc3339Millis(u.created_at);
        io.out << boost::json::serialize(o) << "\n";
      } else {
        rows.push_back({u.user_id, u.username, joinComma(u.roles), u.email.value_or("-"),
                        u.disabled ? "yes" : "no", formatRfc3339Millis(u.created_at)});
      }
    }
    if (!listed->next_cursor)
      break;
    page.cursor = *listed->next_cursor;
  }
  if (format == ListFormat::kTable) {
    io.out << formatTable({"USER_ID", "USERNAME", "ROLES", "EMAIL", "DISABLED", "CREATED_AT"},
                          rows);
  }
  io.out << std::flush;
  return kExitOk;
}

int usersDisable(IdentityContext& ctx, const std::string& username, CommandIo& io) {
  StatusOr<store::UserRecord> user = findUser(ctx, username);
  if (!user.isOk())
    return reportFailure(io, user.status());
  identity::UserService users(ctx.store().users(), ctx.clock(), ctx.ids());
  StatusOr<std::vector<std::string>> families = users.disable(user->username);
  if (!families.isOk())
    return reportFailure(io, families.status());
  io.out << "User " << user->username << " disabled; sessions revoked: " << families->size() << "\n"
         << std::flush;

  identity::AuditEntry e = userEvent("user.disabled", *user);
  e.details["sessions_revoked"] = families->size();
  const int code = afterAudit(io, ctx.audit(std::move(e)));

  if (ctx.broadcastEnabled()) {
    for (const std::string& family_id : *families) {
      StatusOr<store::RefreshFamilyRecord> family = ctx.store().refreshFamilies().get(family_id);
      store::RevocationChange change;
      change.kind = store::RevocationKind::kFamily;
      change.id = family_id;
      change.created_at = ctx.clock().now();
      // A family message needs its expiry; without it the servers' poll still brings the news.
      if (!family.isOk())
        continue;
      change.expires_at = family->expires_at;
      if (Status st = ctx.broadcast(change); !st.isOk()) {
        io.err << "tars: warning: " << st.message()
               << " (servers learn of the revocation at their next store poll)\n";
        break;
      }
    }
  }
  return code;
}

}  // namespace tars::cli
