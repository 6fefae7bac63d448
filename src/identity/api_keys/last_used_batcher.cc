#include "identity/api_keys/last_used_batcher.h"

#include <utility>

namespace tars::identity {

LastUsedBatcher::LastUsedBatcher(store::ApiKeyRepository& repo, std::chrono::milliseconds interval,
                                 std::function<void(const Status&)> on_flush_error)
    : repo_(repo), interval_(interval), on_flush_error_(std::move(on_flush_error)) {}

LastUsedBatcher::~LastUsedBatcher() {
  stop();
}

void LastUsedBatcher::note(std::string_view key_id, store::Timestamp at) {
  std::lock_guard lock(batch_mutex_);
  auto [it, inserted] = batch_.try_emplace(std::string(key_id), at);
  if (!inserted && it->second < at)
    it->second = at;
}

void LastUsedBatcher::merge(const std::map<std::string, store::Timestamp>& batch) {
  std::lock_guard lock(batch_mutex_);
  for (const auto& [key_id, at] : batch) {
    auto [it, inserted] = batch_.try_emplace(key_id, at);
    if (!inserted && it->second < at)
      it->second = at;
  }
}

Status LastUsedBatcher::flush() {
  std::map<std::string, store::Timestamp> batch;
  {
    std::lock_guard lock(batch_mutex_);
    batch.swap(batch_);
  }
  if (batch.empty())
    return Status::ok();
  Status status = repo_.touchLastUsed(batch);
  if (!status.isOk())
    merge(batch);  // retried by the next flush; uses noted meanwhile keep the later time
  return status;
}

std::size_t LastUsedBatcher::pending() const {
  std::lock_guard lock(batch_mutex_);
  return batch_.size();
}

void LastUsedBatcher::start() {
  if (interval_.count() <= 0)
    return;
  std::lock_guard lock(thread_mutex_);
  if (thread_.joinable())
    return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void LastUsedBatcher::run() {
  std::unique_lock lock(thread_mutex_);
  while (true) {
    // A periodic timer, not logic time: real time is what "every 60 s" means here.
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; }))
      return;
    lock.unlock();
    Status status = flush();
    if (!status.isOk() && on_flush_error_)
      on_flush_error_(status);
    lock.lock();
  }
}

void LastUsedBatcher::stop() {
  std::thread thread;
  {
    std::lock_guard lock(thread_mutex_);
    stopping_ = true;
    thread.swap(thread_);
  }
  wake_.notify_all();
  if (thread.joinable())
    thread.join();
  Status status = flush();
  if (!status.isOk() && on_flush_error_)
    on_flush_error_(status);
}

}  // namespace tars::identity
