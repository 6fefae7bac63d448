#pragma once
// `tars keys create|list|revoke|rotate-signing` (tars.md §3.5, §3.8): API keys and the
// signing-key ring managed directly in the configured store, for bootstrapping a deployment
// before any admin can log in. The same services and rules as the HTTP routes
// (identity::ApiKeyService with any known scope grantable; identity::KeyRingService under the
// master secret of auth.jwt.secret or <data_dir>/jwt_secret) and the same audit events, as actor
// `system` (`api_key.created`, `api_key.revoked`, `signing_key.rotated`).
//
// The API key is printed once, by create; list never prints a secret; no error message carries
// one (a full key pasted as KEY_ID is refused without being repeated). A revocation or rotation
// is broadcast on `tars:revocations` when redis.url is set; servers learn it by polling the store
// otherwise (auth.revocation_poll_seconds, auth.jwt.keyring_refresh_seconds).
//
// Each function returns the exit code (identity_context.h). When the change is made but its
// audit event cannot be written, the result is printed, the failure reported, and 1 returned; a
// failed broadcast is only a warning.
//
// Thread safety: one command on one thread.

#include <optional>
#include <string>

#include "app/cli/identity_context.h"
#include "app/cli/users_command.h"

namespace tars::cli {

struct KeysCreateArgs {
  std::string service_name;            // --service-name
  std::optional<std::string> scopes;   // --scopes S1,S2 ("" = none); unset = the default scopes
  std::optional<int> expires_in_days;  // --expires-in-days N; unset = never
  bool json = false;                   // --json: the route's response object
};

// Creates a key and prints key_id and the API key (once).
int keysCreate(IdentityContext& ctx, const KeysCreateArgs& args, CommandIo& io);

// The listing fields of GET /auth/service-tokens, oldest first; revoked keys only when asked.
int keysList(IdentityContext& ctx, bool include_revoked, ListFormat format, CommandIo& io);

// Revokes KEY_ID (already revoked: says so, exit 0).
int keysRevoke(IdentityContext& ctx, const std::string& key_id, CommandIo& io);

// Makes a new signing key current (creating the first one if the ring is empty) and prints the
// new and previous kid.
int keysRotateSigning(IdentityContext& ctx, bool json, CommandIo& io);

}  // namespace tars::cli
