#include "store/postgres/pg_pool.h"

namespace tars::store::postgres {

PgPool::Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr)
    pool_->release(std::move(conn_), discard_);
}

StatusOr<std::unique_ptr<PgPool>> PgPool::Create(PgConnectParams params, int size) {
  std::unique_ptr<PgPool> pool(new PgPool(std::move(params), size < 1 ? 1 : size));
  TARS_ASSIGN_OR_RETURN(auto conn, PgConnection::Create(pool->params_));
  pool->idle_.push_back(std::move(conn));
  pool->open_ = 1;
  return pool;
}

StatusOr<PgPool::Lease> PgPool::acquire(std::chrono::steady_clock::time_point deadline) {
  {
    std::unique_lock lock(mu_);
    bool ready = cv_.wait_until(lock, deadline, [this] { return !idle_.empty() || open_ < size_; });
    if (!ready)
      return unavailable("store connection pool exhausted (all " + std::to_string(size_) +
                         " connections busy)");
    if (!idle_.empty()) {
      std::unique_ptr<PgConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;  // reserve the slot; connect outside the lock
  }
  StatusOr<std::unique_ptr<PgConnection>> conn = PgConnection::Create(params_);
  if (!conn.isOk()) {
    {
      std::lock_guard lock(mu_);
      --open_;
    }
    cv_.notify_one();
    return conn.status();
  }
  return Lease(this, std::move(conn).value());
}

void PgPool::release(std::unique_ptr<PgConnection> conn, bool discard) {
  const bool reuse = !discard && !conn->broken() && conn->idle();
  if (!reuse)
    conn.reset();  // closes it outside the lock
  {
    std::lock_guard lock(mu_);
    if (reuse)
      idle_.push_back(std::move(conn));
    else
      --open_;
  }
  cv_.notify_one();
}

int PgPool::openConnections() {
  std::lock_guard lock(mu_);
  return open_;
}

}  // namespace tars::store::postgres
