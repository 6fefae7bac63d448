#pragma once
// The verification cache (spec/cap.md §9): an in-memory LRU with a TTL counted from insertion (hits
// do not refresh it), holding signed /verify answers so that a hit returns the stored answer
// unchanged (same created_at, manifest_hash, signature). Capacity 0 turns the cache off.
//
// Thread safety: VerifyCache is thread-safe (one mutex; the work under it is a hash-map lookup and
// a list splice). The key function is pure.

#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/status.h"
#include "services/verifier/verify_request.h"
#include "services/verifier/verify_response.h"

namespace tars::verifier {

struct VerifyCacheOptions {
  std::size_t size = 1000;         // verifier.cache.size; 0 disables the cache
  std::chrono::seconds ttl{3600};  // verifier.cache.ttl_seconds, from insertion
};

// §9: S3 (lower-case hex) of the canonical sorted compact JSON of {"backend", "context",
// "ir_hash", "mode", "options", "policy_id"}, with the options after defaulting, the context as
// received and policy_id null in Mode B. Failure: kInternal when hashing fails, kInvalidArgument
// when the context cannot be written canonically.
StatusOr<std::string> verifyCacheKey(const VerifyRequest& request, std::string_view ir_hash);

class VerifyCache {
 public:
  // `clock` must outlive the cache.
  VerifyCache(const VerifyCacheOptions& options, const Clock& clock)
      : options_(options), clock_(clock) {}

  bool enabled() const { return options_.size > 0; }

  // The stored answer, or nullopt (a miss; an expired entry is removed). Counts a hit or a miss;
  // with the cache off it returns nullopt and counts neither.
  std::optional<VerifyResponse> lookup(const std::string& key);

  // Stores `response` unless the cache is off or the response is not cacheable (§9: an answer
  // with a rule skipped for an unregistered list). Evicts the least recently used entry when full.
  void insert(const std::string& key, VerifyResponse response);

  std::size_t size() const;
  std::uint64_t hits() const;
  std::uint64_t misses() const;
  // hits / (hits + misses) over the cache's lifetime; 0 before the first counted lookup.
  double hitRatio() const;

 private:
  struct Entry {
    std::string key;
    VerifyResponse response;
    std::chrono::steady_clock::time_point expires_at;
  };
  using EntryList = std::list<Entry>;

  const VerifyCacheOptions options_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  EntryList entries_;  // GUARDED_BY(mutex_): most recently used first
  std::unordered_map<std::string, EntryList::iterator> index_;  // GUARDED_BY(mutex_)
  std::uint64_t hits_ = 0;                                      // GUARDED_BY(mutex_)
  std::uint64_t misses_ = 0;                                    // GUARDED_BY(mutex_)
};

}  // namespace tars::verifier
