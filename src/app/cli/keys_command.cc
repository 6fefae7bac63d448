#include "app/cli/keys_command.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <vector>

#include "app/cli/text_table.h"
#include "app/identity_options.h"
#include "core/time_format.h"
#include "identity/api_keys/api_key_format.h"
#include "identity/api_keys/api_key_service.h"
#include "identity/audit/audit_recorder.h"
#include "identity/keyring/key_material_sealer.h"
#include "identity/keyring/key_ring_service.h"
#include "identity/keyring/master_secret.h"
#include "services/auth/api_key_json.h"

namespace tars::cli {
namespace {

// "a, b,c" → {"a","b","c"}; "" (or blanks) → {} (a key with no scopes). Items are trimmed of
// blanks; an empty item stays, for the service to refuse by its position.
std::vector<std::string> splitScopes(const std::string& text) {
  std::vector<std::string> out;
  if (text.find_first_not_of(' ') == std::string::npos)
    return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    const std::size_t first = item.find_first_not_of(' ');
    out.push_back(first == std::string::npos
                      ? ""
                      : item.substr(first, item.find_last_not_of(' ') + 1 - first));
    if (end == text.size())
      return out;
    start = end + 1;
  }
}

std::string timeOrDash(const std::optional<store::Timestamp>& t) {
  return t ? formatRfc3339Millis(*t) : "-";
}

void broadcast(IdentityContext& ctx, CommandIo& io, store::RevocationKind kind,
               const std::string& id) {
  store::RevocationChange change;
  change.kind = kind;
  change.id = id;
  change.created_at = ctx.clock().now();
  if (Status st = ctx.broadcast(change); !st.isOk()) {
    io.err << "tars: warning: " << st.message()
           << " (servers learn of the change at their next store poll)\n";
  }
}

}  // namespace

int keysCreate(IdentityContext& ctx, const KeysCreateArgs& args, CommandIo& io) {
  identity::ApiKeyService keys(ctx.store().apiKeys(), ctx.clock(),
                               app::apiKeyOptions(ctx.config()));
  identity::CreateApiKeyRequest request;
  request.service_name = args.service_name;
  if (args.scopes)
    request.scopes = splitScopes(*args.scopes);
  request.expires_in_days = args.expires_in_days;
  request.created_by = "system";
  request.caller_scopes = std::nullopt;  // the operator of the store may grant any known scope
  StatusOr<identity::CreatedApiKey> created = keys.create(request);
  if (!created.isOk())
    return reportFailure(io, created.status());
  const store::ApiKeyRecord& k = created->record;
  const std::string message = auth::apiKeyCreatedMessage(k.service_name);
  if (args.json) {
    io.out << boost::json::serialize(auth::createdApiKeyJson(k, created->api_key)) << "\n"
           << std::flush;
  } else {
    io.out << "key_id: " << k.key_id << "\n"
           << "api_key: " << created->api_key << "\n"
           << "service_name: " << k.service_name << "\n"
           << "scopes: " << joinComma(k.scopes) << "\n"
           << "expires_at: " << timeOrDash(k.expires_at) << "\n"
           << std::flush;
    io.err << message << "\n";
  }

  identity::AuditEntry e;
  e.type = "api_key.created";
  e.outcome = "success";
  e.target_type = "api_key";
  e.target_id = k.key_id;
  e.details["service_name"] = k.service_name;
  e.details["scopes"] = auth::stringArray(k.scopes);
  return afterAudit(io, ctx.audit(std::move(e)));
}

int keysList(IdentityContext& ctx, bool include_revoked, ListFormat format, CommandIo& io) {
  identity::ApiKeyService keys(ctx.store().apiKeys(), ctx.clock(),
                               app::apiKeyOptions(ctx.config()));
  const auto now = ctx.clock().now();
  std::vector<std::vector<std::string>> rows;
  store::PageRequest page{"", store::kMaxPageLimit};
  while (true) {
    StatusOr<store::Page<store::ApiKeyRecord>> listed = keys.list(include_revoked, page);
    if (!listed.isOk())
      return reportFailure(io, listed.status());
    for (const store::ApiKeyRecord& k : listed->items) {
      const bool active = identity::isApiKeyActive(k, now);
      if (format == ListFormat::kJsonLines) {
        io.out << boost::json::serialize(auth::apiKeyListingJson(k, now)) << "\n";
      } else {
        rows.push_back({k.key_id, k.service_name, k.scopes.empty() ? "-" : joinComma(k.scopes),
                        formatRfc3339Millis(k.created_at), timeOrDash(k.last_used_at),
                        timeOrDash(k.expires_at), active ? "yes" : "no", timeOrDash(k.revoked_at)});
      }
    }
    if (!listed->next_cursor)
      break;
    page.cursor = *listed->next_cursor;
  }
  if (format == ListFormat::kTable) {
    io.out << formatTable({"KEY_ID", "SERVICE_NAME", "SCOPES", "CREATED_AT", "LAST_USED",
                           "EXPIRES_AT", "ACTIVE", "REVOKED_AT"},
                          rows);
  }
  io.out << std::flush;
  return kExitOk;
}

int keysRevoke(IdentityContext& ctx, const std::string& key_id, CommandIo& io) {
  // Not echoed when malformed: it might be a whole API key pasted by mistake.
  if (!identity::isValidKeyId(key_id)) {
    return reportFailure(io, validationError("key_id: must be the 12-character key_id shown by "
                                             "`tars keys list` (not the API key itself)",
                                             {{"key_id", "malformed"}}));
  }
  identity::ApiKeyService keys(ctx.store().apiKeys(), ctx.clock(),
                               app::apiKeyOptions(ctx.config()));
  StatusOr<bool> revoked = keys.revoke(key_id);
  if (revoked.status().code() == StatusCode::kNotFound)
    return reportFailure(io, notFound("API key " + key_id + " not found"));
  if (!revoked.isOk())
    return reportFailure(io, revoked.status());
  if (!*revoked) {
    io.out << "API key " << key_id << " was already revoked\n" << std::flush;
    return kExitOk;
  }
  io.out << "API key " << key_id << " revoked\n" << std::flush;
  identity::AuditEntry e;
  e.type = "api_key.revoked";
  e.outcome = "success";
  e.target_type = "api_key";
  e.target_id = key_id;
  const int code = afterAudit(io, ctx.audit(std::move(e)));
  broadcast(ctx, io, store::RevocationKind::kApiKey, key_id);
  return code;
}

int keysRotateSigning(IdentityContext& ctx, bool json, CommandIo& io) {
  StatusOr<identity::KeyMaterialSealer> sealer = app::keyMaterialSealer(ctx.config());
  if (!sealer.isOk())
    return reportFailure(io, sealer.status());
  identity::KeyRingService ring(ctx.store().signingKeys(), ctx.clock(), std::move(*sealer),
                                app::keyRingOptions(ctx.config()), ctx.logger());
  if (Status st = ring.start(); !st.isOk())
    return reportFailure(io, Status(st.code(), "signing-key ring: " + st.message()));
  StatusOr<identity::SigningKeyRotation> rotation = ring.rotate();
  if (!rotation.isOk())
    return reportFailure(
        io, Status(rotation.status().code(), "signing-key ring: " + rotation.status().message()));
  if (json) {
    boost::json::object o;
    o["kid"] = rotation->kid;
    o["alg"] = rotation->algorithm;
    o["created_at"] = formatRfc3339Millis(rotation->created_at);
    o["previous_kid"] = rotation->previous_kid.empty() ? boost::json::value(nullptr)
                                                       : boost::json::value(rotation->previous_kid);
    io.out << boost::json::serialize(o) << "\n" << std::flush;
  } else {
    io.out << "kid: " << rotation->kid << "\n"
           << "previous_kid: " << (rotation->previous_kid.empty() ? "-" : rotation->previous_kid)
           << "\n"
           << "alg: " << rotation->algorithm << "\n"
           << std::flush;
  }

  identity::AuditEntry e;
  e.type = "signing_key.rotated";
  e.outcome = "success";
  e.target_type = "signing_key";
  e.target_id = rotation->kid;
  e.details["alg"] = rotation->algorithm;
  e.details["previous_kid"] = rotation->previous_kid;
  const int code = afterAudit(io, ctx.audit(std::move(e)));
  // Servers reload their ring on this message (else within auth.jwt.keyring_refresh_seconds).
  broadcast(ctx, io, store::RevocationKind::kSigningKey, rotation->kid);
  return code;
}

}  // namespace tars::cli
