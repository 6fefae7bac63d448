#include "identity/api_keys/api_key_service.h"

#include <memory>
#include <utility>

#include "crypto/constant_time.h"
#include "identity/api_keys/api_key_format.h"
#include "identity/api_keys/api_key_rules.h"

namespace tars::identity {
namespace {

// Attempts to draw an unused key id: 60 random bits make a second attempt all but impossible,
// a third means the random source is broken.
constexpr int kKeyIdAttempts = 3;

std::string keyNotFoundMessage(const std::string& key_id) {
  // Echo the id only when it has the key-id shape: never repeat arbitrary input.
  return isValidKeyId(key_id) ? "API key " + key_id + " not found" : "API key not found";
}

}  // namespace

std::string_view apiKeyVerdictName(ApiKeyVerdict verdict) {
  switch (verdict) {
    case ApiKeyVerdict::kValid:
      return "valid";
    case ApiKeyVerdict::kMalformed:
      return "malformed";
    case ApiKeyVerdict::kUnknown:
      return "unknown";
    case ApiKeyVerdict::kWrongSecret:
      return "wrong_secret";
    case ApiKeyVerdict::kRevoked:
      return "revoked";
    case ApiKeyVerdict::kExpired:
      return "expired";
  }
  return "malformed";
}

bool isApiKeyActive(const store::ApiKeyRecord& record, store::Timestamp now) {
  return !record.revoked_at.has_value() && (!record.expires_at || *record.expires_at > now);
}

ApiKeyService::ApiKeyService(store::ApiKeyRepository& repo, const Clock& clock,
                             ApiKeyServiceOptions options)
    : repo_(repo),
      clock_(clock),
      options_(std::move(options)),
      cache_(clock, options_.record_cache_ttl, options_.record_cache_max_entries),
      last_used_(repo, options_.last_used_flush_interval, options_.on_flush_error) {}

ApiKeyService::~ApiKeyService() {
  stop();
}

StatusOr<ApiKeyRecordConstSharedPtr> ApiKeyService::loadRecord(const std::string& key_id) {
  const std::uint64_t ticket = cache_.ticket();
  StatusOr<store::ApiKeyRecord> read = repo_.get(key_id);
  if (!read.isOk()) {
    if (read.status().code() == StatusCode::kNotFound)
      return ApiKeyRecordConstSharedPtr();
    return read.status();
  }
  auto record = std::make_shared<const store::ApiKeyRecord>(std::move(read).value());
  cache_.insert(record, ticket);
  return ApiKeyRecordConstSharedPtr(std::move(record));
}

bool ApiKeyService::secretMatches(const store::ApiKeyRecord& record, std::string_view digest,
                                  store::Timestamp now) {
  if (crypto::constantTimeEquals(record.secret_sha256, digest))
    return true;
  return record.previous_secret_sha256 && record.previous_valid_until &&
         *record.previous_valid_until > now &&
         crypto::constantTimeEquals(*record.previous_secret_sha256, digest);
}

StatusOr<ApiKeyCheck> ApiKeyService::verify(std::string_view api_key) {
  ApiKeyCheck check;
  std::optional<ApiKeyParts> parts = parseApiKey(api_key);
  if (!parts) {
    check.verdict = ApiKeyVerdict::kMalformed;
    return check;
  }
  check.key_id = parts->key_id;
  TARS_ASSIGN_OR_RETURN(const std::string digest, apiKeySecretDigest(parts->secret));

  const store::Timestamp now = clock_.now();
  ApiKeyRecordConstSharedPtr record = cache_.find(check.key_id);
  if (record == nullptr) {
    TARS_ASSIGN_OR_RETURN(record, loadRecord(check.key_id));
  } else if (!secretMatches(*record, digest, now)) {
    // The key may have been rotated by another process since the record was cached.
    TARS_ASSIGN_OR_RETURN(record, loadRecord(check.key_id));
  }
  if (record == nullptr) {
    check.verdict = ApiKeyVerdict::kUnknown;
    return check;
  }
  if (!secretMatches(*record, digest, now)) {
    check.verdict = ApiKeyVerdict::kWrongSecret;
    return check;
  }
  if (record->revoked_at) {
    check.verdict = ApiKeyVerdict::kRevoked;
    return check;
  }
  if (record->expires_at && *record->expires_at <= now) {
    check.verdict = ApiKeyVerdict::kExpired;
    return check;
  }
  last_used_.note(check.key_id, now);
  check.verdict = ApiKeyVerdict::kValid;
  check.identity =
      ApiKeyIdentity{record->key_id, record->service_name, record->scopes, record->expires_at};
  return check;
}

StatusOr<CreatedApiKey> ApiKeyService::create(const CreateApiKeyRequest& request) {
  if (request.created_by.empty())
    return invalidArgument("created_by is required");
  TARS_RETURN_IF_ERROR(validateServiceName(request.service_name));
  TARS_ASSIGN_OR_RETURN(std::vector<std::string> scopes,
                        normalizeScopes(request.scopes.value_or(options_.default_scopes)));
  if (request.expires_in_days)
    TARS_RETURN_IF_ERROR(validateExpiresInDays(*request.expires_in_days));
  TARS_RETURN_IF_ERROR(checkCallerMayGrant(request.caller_scopes, scopes));

  store::ApiKeyRecord record;
  record.service_name = request.service_name;
  record.scopes = std::move(scopes);
  record.created_at = store::truncateToMillis(clock_.now());
  record.created_by = request.created_by;
  if (request.expires_in_days)
    record.expires_at = record.created_at + std::chrono::days(*request.expires_in_days);

  for (int attempt = 0; attempt < kKeyIdAttempts; ++attempt) {
    TARS_ASSIGN_OR_RETURN(auto generated, generateApiKey());
    TARS_ASSIGN_OR_RETURN(record.secret_sha256, apiKeySecretDigest(generated.first.secret));
    record.key_id = generated.first.key_id;
    Status created = repo_.create(record);
    if (created.isOk())
      return CreatedApiKey{std::move(record), std::move(generated.second)};
    if (created.code() != StatusCode::kAlreadyExists)
      return created;
    // kAlreadyExists means a taken name or (astronomically rarely) a taken key id.
    StatusOr<store::ApiKeyRecord> holder = repo_.get(record.key_id);
    if (holder.isOk())
      continue;
    if (holder.status().code() != StatusCode::kNotFound)
      return holder.status();
    return alreadyExists("An active API key named " + request.service_name + " already exists");
  }
  return internalError("could not draw an unused API key id");
}

Status ApiKeyService::notFoundOr(const Status& status, const std::string& key_id) const {
  if (status.code() == StatusCode::kNotFound)
    return notFound(keyNotFoundMessage(key_id));
  if (status.code() == StatusCode::kFailedPrecondition)
    return failedPrecondition("API key " + key_id + " is revoked");
  return status;
}

StatusOr<RotatedApiKey> ApiKeyService::rotate(const std::string& key_id,
                                              std::optional<std::chrono::seconds> grace) {
  const std::chrono::seconds effective_grace = grace.value_or(options_.default_rotation_grace);
  TARS_RETURN_IF_ERROR(validateRotationGrace(effective_grace));
  if (!isValidKeyId(key_id))
    return notFound(keyNotFoundMessage(key_id));
  TARS_ASSIGN_OR_RETURN(std::string secret, generateApiKeySecret());
  TARS_ASSIGN_OR_RETURN(std::string digest, apiKeySecretDigest(secret));
  const store::Timestamp now = store::truncateToMillis(clock_.now());
  std::optional<store::Timestamp> valid_until;
  if (effective_grace.count() > 0)
    valid_until = now + effective_grace;
  StatusOr<store::ApiKeyRecord> rotated = repo_.rotate(key_id, digest, now, valid_until);
  cache_.evict(key_id);
  if (!rotated.isOk())
    return notFoundOr(rotated.status(), key_id);
  std::string api_key = formatApiKey(ApiKeyParts{key_id, std::move(secret)});
  std::optional<store::Timestamp> old_valid_until = rotated->previous_valid_until;
  return RotatedApiKey{std::move(rotated).value(), std::move(api_key), old_valid_until};
}

StatusOr<bool> ApiKeyService::revoke(const std::string& key_id) {
  if (!isValidKeyId(key_id))
    return notFound(keyNotFoundMessage(key_id));
  StatusOr<bool> revoked = repo_.revoke(key_id, clock_.now());
  cache_.evict(key_id);
  if (!revoked.isOk())
    return notFoundOr(revoked.status(), key_id);
  return revoked;
}

StatusOr<store::Page<store::ApiKeyRecord>> ApiKeyService::list(bool include_revoked,
                                                               const store::PageRequest& page) {
  return repo_.list(include_revoked, page);
}

StatusOr<std::int64_t> ApiKeyService::count(bool include_revoked) {
  return repo_.count(include_revoked);
}

void ApiKeyService::evict(std::string_view key_id) {
  cache_.evict(key_id);
}

Status ApiKeyService::flushLastUsed() {
  return last_used_.flush();
}

void ApiKeyService::startBackgroundFlush() {
  last_used_.start();
}

void ApiKeyService::stop() {
  last_used_.stop();
}

}  // namespace tars::identity
