#include "jwt/verified_token_cache.h"

#include <cstring>

#include "crypto/hash.h"

namespace tars::jwt {

VerifiedTokenCache::Digest VerifiedTokenCache::digestOf(std::string_view token) {
  Digest out{};
  // On failure the all-zero digest is returned; insert() and lookup() refuse it, so a failure
  // never makes two tokens share an entry.
  crypto::sha256Into(token, out);
  return out;
}

std::size_t VerifiedTokenCache::DigestHash::operator()(const Digest& d) const {
  std::size_t h = 0;
  std::memcpy(&h, d.data(), sizeof(h));  // already uniformly distributed
  return h;
}

namespace {

bool isZero(const VerifiedTokenCache::Digest& d) {
  for (auto b : d) {
    if (b != 0)
      return false;
  }
  return true;
}

}  // namespace

VerifiedTokenConstSharedPtr VerifiedTokenCache::lookup(const Digest& digest,
                                                       std::chrono::system_clock::time_point now,
                                                       std::uint64_t generation) {
  if (isZero(digest)) {
    return nullptr;
  }
  std::lock_guard lock(mu_);
  auto it = index_.find(digest);
  if (it == index_.end()) {
    return nullptr;
  }
  const Entry& entry = *it->second;
  if (entry.generation != generation || now >= entry.token->expires_at) {
    lru_.erase(it->second);
    index_.erase(it);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);  // most recently used
  return entry.token;
}

void VerifiedTokenCache::insert(const Digest& digest, VerifiedTokenConstSharedPtr token,
                                std::chrono::system_clock::time_point now,
                                std::uint64_t generation) {
  if (!token || isZero(digest) || now >= token->expires_at || max_entries_ == 0) {
    return;
  }
  std::lock_guard lock(mu_);
  auto it = index_.find(digest);
  if (it != index_.end()) {
    it->second->token = std::move(token);
    it->second->generation = generation;
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.push_front(Entry{digest, std::move(token), generation});
  index_.emplace(digest, lru_.begin());
  while (lru_.size() > max_entries_) {
    index_.erase(lru_.back().digest);
    lru_.pop_back();
  }
}

std::size_t VerifiedTokenCache::size() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

void VerifiedTokenCache::clear() {
  std::lock_guard lock(mu_);
  lru_.clear();
  index_.clear();
}

}  // namespace tars::jwt
