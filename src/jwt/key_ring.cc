#include "jwt/key_ring.h"

#include <algorithm>
#include <mutex>

#include "jwt/jwks.h"
#include "jwt/kid.h"

namespace tars::jwt {

std::string_view keyStateName(KeyState state) {
  switch (state) {
    case KeyState::kCurrent:
      return "current";
    case KeyState::kVerifyOnly:
      return "verify_only";
    case KeyState::kRevoked:
      return "revoked";
  }
  return "revoked";
}

Status KeyRing::checkEntry(const KeyRingEntry& entry) {
  if (!entry.key) {
    return invalidArgument("key ring entry without a key");
  }
  if (!isValidKid(entry.key->kid())) {
    return invalidArgument("kid is not key-YYYYmmddHHMMSS-<8 hex>");
  }
  return Status::ok();
}

bool KeyRing::verifies(const KeyRingEntry& entry, std::chrono::system_clock::time_point now) const {
  switch (entry.state) {
    case KeyState::kCurrent:
      return true;
    case KeyState::kVerifyOnly:
      return !entry.verify_until || now < *entry.verify_until;
    case KeyState::kRevoked:
      return false;
  }
  return false;
}

Status KeyRing::replaceAll(std::vector<KeyRingEntry> entries) {
  Map fresh;
  int current = 0;
  for (auto& entry : entries) {
    TARS_RETURN_IF_ERROR(checkEntry(entry));
    current += entry.state == KeyState::kCurrent ? 1 : 0;
    const std::string kid = entry.key->kid();
    if (!fresh.emplace(kid, std::move(entry)).second) {
      return invalidArgument("kid appears twice in the key ring");
    }
  }
  if (current > 1) {
    return invalidArgument("more than one current signing key");
  }
  std::unique_lock lock(mu_);
  entries_ = std::move(fresh);
  bump();
  return Status::ok();
}

Status KeyRing::add(KeyRingEntry entry) {
  TARS_RETURN_IF_ERROR(checkEntry(entry));
  std::unique_lock lock(mu_);
  if (entries_.contains(entry.key->kid())) {
    return alreadyExists("kid already in the key ring");
  }
  if (entry.state == KeyState::kCurrent) {
    for (const auto& [kid, existing] : entries_) {
      if (existing.state == KeyState::kCurrent) {
        return failedPrecondition("the ring already has a current key; rotate instead");
      }
    }
  }
  const std::string kid = entry.key->kid();
  entries_.emplace(kid, std::move(entry));
  bump();
  return Status::ok();
}

StatusOr<std::string> KeyRing::rotate(SigningKeyConstSharedPtr next,
                                      std::chrono::seconds verify_for) {
  KeyRingEntry entry;
  entry.key = std::move(next);
  entry.state = KeyState::kCurrent;
  entry.created_at = clock_.now();
  TARS_RETURN_IF_ERROR(checkEntry(entry));
  const auto now = entry.created_at;
  std::unique_lock lock(mu_);
  if (entries_.contains(entry.key->kid())) {
    return alreadyExists("kid already in the key ring");
  }
  std::string previous;
  for (auto& [kid, existing] : entries_) {
    if (existing.state == KeyState::kCurrent) {
      existing.state = KeyState::kVerifyOnly;
      existing.retired_at = now;
      existing.verify_until = now + verify_for;
      previous = kid;
    }
  }
  const std::string kid = entry.key->kid();
  entries_.emplace(kid, std::move(entry));
  bump();
  return previous;
}

Status KeyRing::revoke(std::string_view kid) {
  std::unique_lock lock(mu_);
  auto it = entries_.find(kid);
  if (it == entries_.end()) {
    return notFound("unknown kid");
  }
  if (it->second.state == KeyState::kCurrent) {
    return failedPrecondition("Cannot revoke the current signing key; rotate first");
  }
  it->second.state = KeyState::kRevoked;
  bump();
  return Status::ok();
}

std::size_t KeyRing::pruneExpired() {
  const auto now = clock_.now();
  std::unique_lock lock(mu_);
  const std::size_t removed = std::erase_if(entries_, [&](const auto& item) {
    const KeyRingEntry& e = item.second;
    return e.state == KeyState::kVerifyOnly && e.verify_until && now >= *e.verify_until;
  });
  if (removed > 0) {
    bump();
  }
  return removed;
}

SigningKeyConstSharedPtr KeyRing::currentSigningKey() const {
  std::shared_lock lock(mu_);
  for (const auto& [kid, entry] : entries_) {
    if (entry.state == KeyState::kCurrent) {
      return entry.key;
    }
  }
  return nullptr;
}

std::vector<KeyRingEntry> KeyRing::entries() const {
  std::vector<KeyRingEntry> out;
  {
    std::shared_lock lock(mu_);
    out.reserve(entries_.size());
    for (const auto& [kid, entry] : entries_) {
      out.push_back(entry);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const KeyRingEntry& a, const KeyRingEntry& b) {
    return a.created_at < b.created_at;
  });
  return out;
}

std::string KeyRing::jwksJson() const {
  const auto now = clock_.now();
  std::vector<VerificationKeyConstSharedPtr> keys;
  for (const auto& entry : entries()) {
    if (verifies(entry, now)) {
      keys.push_back(entry.key->verificationKey());
    }
  }
  return serializeJwks(keys);
}

Result<VerificationKeyConstSharedPtr> KeyRing::findKey(std::string_view kid, Algorithm) {
  const auto now = clock_.now();
  std::shared_lock lock(mu_);
  auto it = entries_.find(kid);
  if (it == entries_.end()) {
    return Failure(Outcome::kKeyIdNotFound, "kid not in the key ring");
  }
  if (!verifies(it->second, now)) {
    return Failure(Outcome::kKeyIdNotFound, it->second.state == KeyState::kRevoked
                                                ? "signing key revoked"
                                                : "signing key retired");
  }
  return it->second.key->verificationKey();
}

}  // namespace tars::jwt
