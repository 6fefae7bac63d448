#include "services/verifier/verify_cache.h"

#include "core/canonical_json.h"
#include "services/verifier/hash_notation.h"

namespace tars::verifier {

StatusOr<std::string> verifyCacheKey(const VerifyRequest& request, std::string_view ir_hash) {
  // Members written in sorted order (a free-form value, §3.1); the context via value() is sorted
  // at every level.
  json::CanonicalWriter w(512);
  w.beginObject();
  w.key("backend").string(request.backend);
  w.key("context").value(boost::json::value(request.context.raw));
  w.key("ir_hash").string(ir_hash);
  w.key("mode").string(verifyModeName(request.mode));
  w.key("options").beginObject();
  w.key("adaptive").boolean(request.options.adaptive);
  w.key("check_registry").boolean(request.options.check_registry);
  w.key("check_timestamp").boolean(request.options.check_timestamp);
  w.endObject();
  w.key("policy_id");
  if (request.mode == VerifyMode::kPolicyId)
    w.string(request.policy_id);
  else
    w.null();
  w.endObject();
  TARS_ASSIGN_OR_RETURN(std::string preimage, std::move(w).finish());
  return s3(preimage);
}

std::optional<VerifyResponse> VerifyCache::lookup(const std::string& key) {
  if (!enabled())
    return std::nullopt;
  const auto now = clock_.monotonicNow();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  if (now >= it->second->expires_at) {
    entries_.erase(it->second);
    index_.erase(it);
    ++misses_;
    return std::nullopt;
  }
  entries_.splice(entries_.begin(), entries_, it->second);
  ++hits_;
  return it->second->response;
}

void VerifyCache::insert(const std::string& key, VerifyResponse response) {
  if (!enabled() || !response.cacheable)
    return;
  const auto expires_at = clock_.monotonicNow() + options_.ttl;
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    it->second->response = std::move(response);
    it->second->expires_at = expires_at;
    entries_.splice(entries_.begin(), entries_, it->second);
    return;
  }
  entries_.push_front(Entry{key, std::move(response), expires_at});
  index_.emplace(key, entries_.begin());
  while (entries_.size() > options_.size) {
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

std::size_t VerifyCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

std::uint64_t VerifyCache::hits() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return hits_;
}

std::uint64_t VerifyCache::misses() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return misses_;
}

double VerifyCache::hitRatio() const {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::uint64_t total = hits_ + misses_;
  return total == 0 ? 0.0 : static_cast<double>(hits_) / static_cast<double>(total);
}

}  // namespace tars::verifier
