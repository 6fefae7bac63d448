#include "http/server/server_core.h"

#include <vector>

namespace tars::http {

void ServerCore::add(const std::shared_ptr<Session>& s) {
  connections_.fetch_add(1, std::memory_order_acq_rel);
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.emplace(s.get(), s);
}

void ServerCore::remove(Session* s) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.erase(s);
  }
  connections_.fetch_sub(1, std::memory_order_acq_rel);
  if (on_closed_)
    on_closed_();
}

void ServerCore::forEach(const std::function<void(const std::shared_ptr<Session>&)>& fn) {
  // Collect under the lock, call and release outside it: a reference taken here can be the last
  // one, and ~Session calls remove(), which takes mu_ (a self-deadlock that hung shutdowns).
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(mu_);
    live.reserve(sessions_.size());
    for (auto& [raw, weak] : sessions_) {
      if (auto s = weak.lock())
        live.push_back(std::move(s));
    }
  }
  for (const auto& s : live)
    fn(s);
}

}  // namespace tars::http
