#pragma once
// `tars users add|passwd|list|disable` (tars.md §3.1): user accounts managed directly in the
// configured store, through identity::UserService — the same rules as everywhere (username
// [a-z0-9._-]{3,64}, password 12–1024 characters, roles a non-empty subset of
// viewer/developer/admin) — each change written to the audit log as actor `system`
// (`user.created`, `user.password_changed`, `user.disabled`; details never hold a password).
//
// Passwords come from standard input only (app/cli/password_input.h), never from argv, and are
// never printed. Each function returns the exit code (identity_context.h): a validation failure
// prints the message naming the field and returns 1. When the change is made but its audit event
// cannot be written, the result is printed, the failure reported, and 1 returned.
//
// Thread safety: one command on one thread.

#include <optional>
#include <string>
#include <vector>

#include "app/cli/identity_context.h"

namespace tars::cli {

// How list commands print: an aligned table, or one JSON object per line.
enum class ListFormat { kTable, kJsonLines };

struct UsersAddArgs {
  std::string username;
  std::vector<std::string> roles;    // --role, repeatable (or comma-separated)
  std::optional<std::string> email;  // --email
};

// Reads the password, creates the user, prints its user_id.
int usersAdd(IdentityContext& ctx, const UsersAddArgs& args, CommandIo& io);

// Reads the new password and replaces the user's.
int usersPasswd(IdentityContext& ctx, const std::string& username, CommandIo& io);

// Every user (user_id, username, roles, email, disabled, created_at), ordered by username.
int usersList(IdentityContext& ctx, ListFormat format, CommandIo& io);

// Disables the user, revoking its sessions (refresh families); prints how many were revoked and
// broadcasts each revocation when redis.url is set.
int usersDisable(IdentityContext& ctx, const std::string& username, CommandIo& io);

}  // namespace tars::cli
