#include "identity/keyring/key_ring_service.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "core/status.h"
#include "identity/keyring/key_record_codec.h"
#include "jwt/kid.h"

namespace tars::identity {
namespace {

// Background failures: the first of a run is logged at once, then at most this often.
constexpr std::chrono::minutes kFailureLogInterval{1};

bool supportedForNewKeys(jwt::Algorithm algorithm) {
  return algorithm == jwt::Algorithm::kHs256 || algorithm == jwt::Algorithm::kEs256 ||
         algorithm == jwt::Algorithm::kRs256;
}

StatusOr<jwt::SigningKeyConstSharedPtr> generateKey(jwt::Algorithm algorithm,
                                                    store::Timestamp now) {
  TARS_ASSIGN_OR_RETURN(std::string kid, jwt::generateKid(now));
  TARS_ASSIGN_OR_RETURN(jwt::SigningKey key, jwt::SigningKey::Generate(algorithm, std::move(kid)));
  return std::make_shared<const jwt::SigningKey>(std::move(key));
}

// True when both hold the same keys (by identity: reload reuses the ring's key objects) in the
// same states and times. Both are ordered by created_at, ties by kid.
bool sameEntries(const std::vector<jwt::KeyRingEntry>& a, const std::vector<jwt::KeyRingEntry>& b) {
  auto same = [](const jwt::KeyRingEntry& x, const jwt::KeyRingEntry& y) {
    return x.key == y.key && x.state == y.state && x.created_at == y.created_at &&
           x.retired_at == y.retired_at && x.verify_until == y.verify_until;
  };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same);
}

}  // namespace

KeyRingService::KeyRingService(store::SigningKeyRepository& repo, const Clock& clock,
                               KeyMaterialSealer sealer, KeyRingServiceOptions options,
                               Logger& logger)
    : repo_(repo),
      clock_(clock),
      sealer_(std::move(sealer)),
      options_(options),
      logger_(logger),
      ring_(clock) {}

KeyRingService::~KeyRingService() {
  stop();
}

Status KeyRingService::start() {
  if (!supportedForNewKeys(options_.algorithm)) {
    return invalidArgument("auth.jwt.algorithm must be HS256, ES256 or RS256");
  }
  std::lock_guard lock(write_mu_);
  TARS_RETURN_IF_ERROR(reloadLocked());
  if (ring_.currentSigningKey() == nullptr) {
    TARS_RETURN_IF_ERROR(createFirstKey());
    TARS_RETURN_IF_ERROR(reloadLocked());
  }
  const jwt::SigningKeyConstSharedPtr current = ring_.currentSigningKey();
  if (current == nullptr) {
    return internalError("the signing-key ring has no current key after start");
  }
  logger_.info("signing-key ring loaded", {{"current_kid", current->kid()},
                                           {"algorithm", jwt::algorithmName(current->algorithm())},
                                           {"keys", std::to_string(ring_.entries().size()), true}});
  return Status::ok();
}

Status KeyRingService::createFirstKey() {
  const store::Timestamp now = store::truncateToMillis(clock_.now());
  TARS_ASSIGN_OR_RETURN(jwt::SigningKeyConstSharedPtr key, generateKey(options_.algorithm, now));
  TARS_ASSIGN_OR_RETURN(store::SigningKeyRecord record,
                        internal::recordForNewKey(*key, sealer_, now));
  const Status created = repo_.createFirst(record);
  if (created.code() == StatusCode::kAlreadyExists) {
    // Another replica created the first key between our list() and now: use the winner's.
    return Status::ok();
  }
  TARS_RETURN_IF_ERROR(created);
  logger_.info("created the first signing key",
               {{"kid", key->kid()}, {"algorithm", record.algorithm}});
  created_at_start_ = SigningKeyCreation{key->kid(), record.algorithm};
  return Status::ok();
}

Status KeyRingService::reload() {
  std::lock_guard lock(write_mu_);
  return reloadLocked();
}

Status KeyRingService::reloadLocked() {
  const Status deleted = repo_.deleteExpired(clock_.now()).status();
  if (!deleted.isOk()) {
    // Not fatal: expired keys no longer verify anyway (KeyRing checks verify_until).
    logger_.warn("could not delete expired signing keys",
                 {{"code", statusCodeName(deleted.code())}, {"error", deleted.message()}});
  }
  TARS_ASSIGN_OR_RETURN(std::vector<store::SigningKeyRecord> records, repo_.list());

  const std::vector<jwt::KeyRingEntry> before = ring_.entries();
  std::map<std::string, jwt::SigningKeyConstSharedPtr, std::less<>> known;
  for (const jwt::KeyRingEntry& entry : before) {
    known.emplace(entry.key->kid(), entry.key);
  }
  std::vector<jwt::KeyRingEntry> entries;
  entries.reserve(records.size());
  for (const store::SigningKeyRecord& record : records) {
    auto it = known.find(record.kid);
    TARS_ASSIGN_OR_RETURN(
        jwt::KeyRingEntry entry,
        internal::entryFromRecord(record, sealer_, it == known.end() ? nullptr : it->second));
    entries.push_back(std::move(entry));
  }
  // An unchanged ring is left alone: replaceAll() bumps the generation, which would empty every
  // verified-token cache on each periodic reload.
  if (!sameEntries(before, entries)) {
    const Status replaced = ring_.replaceAll(std::move(entries));
    if (!replaced.isOk()) {
      return internalError("the signing keys in the store are inconsistent: " + replaced.message());
    }
  }
  ring_.pruneExpired();
  return Status::ok();
}

StatusOr<SigningKeyRotation> KeyRingService::rotate() {
  std::lock_guard lock(write_mu_);
  for (int attempt = 0;; ++attempt) {
    const jwt::SigningKeyConstSharedPtr previous = ring_.currentSigningKey();
    if (previous == nullptr) {
      return failedPrecondition("the signing-key ring is not started");
    }
    const store::Timestamp now = store::truncateToMillis(clock_.now());
    TARS_ASSIGN_OR_RETURN(jwt::SigningKeyConstSharedPtr key, generateKey(options_.algorithm, now));
    TARS_ASSIGN_OR_RETURN(store::SigningKeyRecord record,
                          internal::recordForNewKey(*key, sealer_, now));
    const Status rotated = repo_.rotate(record, previous->kid(), now, now + options_.verify_for);
    if (rotated.isOk()) {
      if (!ring_.rotate(key, options_.verify_for).isOk()) {
        // Cannot happen for a fresh kid; if it does, the store's view is the truth.
        TARS_RETURN_IF_ERROR(reloadLocked());
      }
      logger_.info("rotated the signing key",
                   {{"kid", key->kid()}, {"previous_kid", previous->kid()}});
      return SigningKeyRotation{key->kid(), record.algorithm, now, previous->kid()};
    }
    // kFailedPrecondition: another replica rotated first, so our current key is stale;
    // kAlreadyExists: a kid collision. Either way a fresh view and a new key may succeed.
    const bool retryable = rotated.code() == StatusCode::kFailedPrecondition ||
                           rotated.code() == StatusCode::kAlreadyExists;
    if (!retryable || attempt >= 1) {
      return rotated;
    }
    TARS_RETURN_IF_ERROR(reloadLocked());
  }
}

Status KeyRingService::revoke(std::string_view kid) {
  std::lock_guard lock(write_mu_);
  const Status revoked = repo_.revoke(std::string(kid), store::truncateToMillis(clock_.now()));
  if (revoked.code() == StatusCode::kNotFound) {
    return notFound("unknown signing key");
  }
  if (revoked.code() == StatusCode::kFailedPrecondition) {
    return failedPrecondition("Cannot revoke the current signing key; rotate first");
  }
  TARS_RETURN_IF_ERROR(revoked);
  // The store is authoritative: when this ring does not know the kid yet, or still believes it
  // current (another replica rotated), take the store's view instead.
  if (!ring_.revoke(kid).isOk()) {
    TARS_RETURN_IF_ERROR(reloadLocked());
  }
  logger_.info("revoked a signing key", {{"kid", kid}});
  return Status::ok();
}

std::vector<SigningKeyInfo> KeyRingService::list() const {
  std::vector<SigningKeyInfo> out;
  for (const jwt::KeyRingEntry& entry : ring_.entries()) {
    SigningKeyInfo info;
    info.kid = entry.key->kid();
    info.algorithm = std::string(jwt::algorithmName(entry.key->algorithm()));
    info.status = std::string(jwt::keyStateName(entry.state));
    info.created_at = entry.created_at;
    info.retired_at = entry.retired_at;
    info.verify_until = entry.verify_until;
    out.push_back(std::move(info));
  }
  return out;
}

std::string KeyRingService::currentKid() const {
  const jwt::SigningKeyConstSharedPtr current = ring_.currentSigningKey();
  return current ? current->kid() : std::string();
}

jwt::SigningKeyConstSharedPtr KeyRingService::currentSigningKey() const {
  return ring_.currentSigningKey();
}

std::string KeyRingService::jwksJson() const {
  return ring_.jwksJson();
}

bool KeyRingService::ringHasKid(std::string_view kid) const {
  for (const jwt::KeyRingEntry& entry : ring_.entries()) {
    if (entry.key->kid() == kid) {
      return true;
    }
  }
  return false;
}

jwt::Result<jwt::VerificationKeyConstSharedPtr> KeyRingService::findKey(std::string_view kid,
                                                                        jwt::Algorithm algorithm) {
  jwt::Result<jwt::VerificationKeyConstSharedPtr> found = ring_.findKey(kid, algorithm);
  if (found.outcome() != jwt::Outcome::kKeyIdNotFound || ringHasKid(kid)) {
    return found;
  }
  std::lock_guard lock(miss_mu_);
  // A reload another thread did while we waited may already have brought the key.
  found = ring_.findKey(kid, algorithm);
  if (found.outcome() != jwt::Outcome::kKeyIdNotFound || ringHasKid(kid)) {
    return found;
  }
  const auto now = clock_.monotonicNow();
  if (last_miss_reload_ && now - *last_miss_reload_ < options_.miss_reload_min_interval) {
    return found;
  }
  last_miss_reload_ = now;
  const Status reloaded = reload();
  if (!reloaded.isOk()) {
    noteBackgroundResult(reloaded);
    return found;
  }
  return ring_.findKey(kid, algorithm);
}

void KeyRingService::startBackgroundReload() {
  std::lock_guard lock(bg_mu_);
  if (bg_thread_.joinable()) {
    return;
  }
  bg_stopping_ = false;
  bg_thread_ = std::thread([this] { backgroundLoop(); });
}

void KeyRingService::stop() {
  std::thread thread;
  {
    std::lock_guard lock(bg_mu_);
    bg_stopping_ = true;
    thread = std::move(bg_thread_);
  }
  bg_cv_.notify_all();
  if (thread.joinable()) {
    thread.join();
  }
}

void KeyRingService::backgroundLoop() {
  std::unique_lock lock(bg_mu_);
  while (!bg_stopping_) {
    // A real timer, not a reading of time for logic: the wait ends early on stop().
    if (bg_cv_.wait_for(lock, options_.reload_interval, [this] { return bg_stopping_; })) {
      break;
    }
    lock.unlock();
    noteBackgroundResult(reload());
    lock.lock();
  }
}

void KeyRingService::noteBackgroundResult(const Status& status) {
  std::lock_guard lock(log_mu_);
  if (status.isOk()) {
    if (failing_) {
      logger_.info("signing-key ring reload recovered",
                   {{"suppressed_failures", std::to_string(suppressed_failures_), true}});
    }
    failing_ = false;
    suppressed_failures_ = 0;
    return;
  }
  const auto now = clock_.monotonicNow();
  if (failing_ && last_failure_log_ && now - *last_failure_log_ < kFailureLogInterval) {
    ++suppressed_failures_;
    return;
  }
  // Status messages of the store and of this service carry no secrets.
  logger_.error("signing-key ring reload failed; keeping the loaded keys",
                {{"code", statusCodeName(status.code())},
                 {"error", status.message()},
                 {"suppressed_failures", std::to_string(suppressed_failures_), true}});
  failing_ = true;
  last_failure_log_ = now;
  suppressed_failures_ = 0;
}

}  // namespace tars::identity
