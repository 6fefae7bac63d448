#include "identity/api_keys/api_key_record_cache.h"

#include <utility>

namespace tars::identity {

ApiKeyRecordCache::ApiKeyRecordCache(const Clock& clock, std::chrono::milliseconds ttl,
                                     std::size_t max_entries)
    : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

ApiKeyRecordConstSharedPtr ApiKeyRecordCache::find(std::string_view key_id) const {
  const MonoTime now = clock_.monotonicNow();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key_id));
  if (it == entries_.end() || now - it->second.fetched_at >= ttl_)
    return nullptr;
  return it->second.record;
}

std::uint64_t ApiKeyRecordCache::ticket() const {
  std::lock_guard lock(mutex_);
  return evictions_;
}

void ApiKeyRecordCache::insert(ApiKeyRecordConstSharedPtr record, std::uint64_t ticket) {
  if (record == nullptr || ttl_.count() <= 0 || max_entries_ == 0)
    return;
  const MonoTime now = clock_.monotonicNow();
  std::lock_guard lock(mutex_);
  if (ticket != evictions_)
    return;
  if (entries_.size() >= max_entries_ && !entries_.contains(record->key_id)) {
    std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.fetched_at >= ttl_; });
    if (entries_.size() >= max_entries_)
      entries_.clear();
  }
  std::string key_id = record->key_id;
  entries_.insert_or_assign(std::move(key_id), Entry{std::move(record), now});
}

void ApiKeyRecordCache::evict(std::string_view key_id) {
  std::lock_guard lock(mutex_);
  entries_.erase(std::string(key_id));
  ++evictions_;
}

std::size_t ApiKeyRecordCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace tars::identity
