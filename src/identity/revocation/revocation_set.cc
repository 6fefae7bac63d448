#include "identity/revocation/revocation_set.h"

#include <algorithm>
#include <mutex>
#include <utility>

namespace tars::identity {

RevocationSet::RevocationSet(const Clock& clock) : clock_(clock) {}

void RevocationSet::load(const store::RevocationSnapshot& snapshot) {
  // Built aside first, so each shard is swapped under its lock in one step and lookups never see
  // a half-filled shard.
  std::array<ExpiryMap, kShards> jtis;
  std::array<ExpiryMap, kShards> families;
  std::array<IdSet, kShards> api_keys;
  const store::Timestamp now = clock_.now();
  auto keepLater = [](ExpiryMap& map, const std::string& id, store::Timestamp expires_at) {
    auto [it, inserted] = map.emplace(id, expires_at);
    if (!inserted)
      it->second = std::max(it->second, expires_at);
  };
  for (const store::DeniedJti& j : snapshot.jtis) {
    if (now < j.expires_at)
      keepLater(jtis[Hash{}(j.jti) % kShards], j.jti, j.expires_at);
  }
  for (const store::RevokedFamily& f : snapshot.families) {
    if (now < f.expires_at)
      keepLater(families[Hash{}(f.family_id) % kShards], f.family_id, f.expires_at);
  }
  for (const std::string& k : snapshot.api_key_ids)
    api_keys[Hash{}(k) % kShards].insert(k);

  for (std::size_t i = 0; i < kShards; ++i) {
    std::unique_lock lock(shards_[i].mutex);
    shards_[i].jtis.swap(jtis[i]);
    shards_[i].families.swap(families[i]);
    shards_[i].api_keys.swap(api_keys[i]);
  }
  // The old contents are freed here, outside the locks.
}

void RevocationSet::apply(const store::RevocationChange& change) {
  // No expiry on a jti or family change should not happen (the store always sets one); keeping
  // the entry forever is the fail-closed reading.
  const store::Timestamp expires_at = change.expires_at.value_or(store::Timestamp::max());
  switch (change.kind) {
    case store::RevocationKind::kJti:
      denyJti(change.id, expires_at);
      break;
    case store::RevocationKind::kFamily:
      revokeFamily(change.id, expires_at);
      break;
    case store::RevocationKind::kApiKey:
      revokeApiKey(change.id);
      break;
    case store::RevocationKind::kSigningKey:
      break;  // the key ring's business (an onChange observer reloads it)
  }
}

void RevocationSet::add(ExpiryMap Shard::*map, std::string id, store::Timestamp expires_at) {
  Shard& shard = shardFor(id);
  std::unique_lock lock(shard.mutex);
  auto [it, inserted] = (shard.*map).try_emplace(std::move(id), expires_at);
  if (!inserted)
    it->second = std::max(it->second, expires_at);
}

void RevocationSet::denyJti(std::string jti, store::Timestamp expires_at) {
  add(&Shard::jtis, std::move(jti), expires_at);
}

void RevocationSet::revokeFamily(std::string family_id, store::Timestamp expires_at) {
  add(&Shard::families, std::move(family_id), expires_at);
}

void RevocationSet::revokeApiKey(std::string key_id) {
  Shard& shard = shardFor(key_id);
  std::unique_lock lock(shard.mutex);
  shard.api_keys.insert(std::move(key_id));
}

bool RevocationSet::isLive(const ExpiryMap Shard::*map, std::string_view id) const {
  const store::Timestamp now = clock_.now();
  const Shard& shard = shardFor(id);
  std::shared_lock lock(shard.mutex);
  const ExpiryMap& entries = shard.*map;
  auto it = entries.find(id);
  return it != entries.end() && now < it->second;
}

bool RevocationSet::isJtiDenied(std::string_view jti) const {
  return isLive(&Shard::jtis, jti);
}

bool RevocationSet::isFamilyRevoked(std::string_view family_id) const {
  return isLive(&Shard::families, family_id);
}

bool RevocationSet::isApiKeyRevoked(std::string_view key_id) const {
  const Shard& shard = shardFor(key_id);
  std::shared_lock lock(shard.mutex);
  return shard.api_keys.find(key_id) != shard.api_keys.end();
}

std::size_t RevocationSet::purgeExpired() {
  const store::Timestamp now = clock_.now();
  std::size_t purged = 0;
  for (Shard& shard : shards_) {
    std::unique_lock lock(shard.mutex);
    purged += std::erase_if(shard.jtis, [now](const auto& e) { return e.second <= now; });
    purged += std::erase_if(shard.families, [now](const auto& e) { return e.second <= now; });
  }
  return purged;
}

std::size_t RevocationSet::size() const {
  std::size_t n = 0;
  for (const Shard& shard : shards_) {
    std::shared_lock lock(shard.mutex);
    n += shard.jtis.size() + shard.families.size() + shard.api_keys.size();
  }
  return n;
}

}  // namespace tars::identity
