#pragma once
// PgPool: a bounded pool of PgConnections (internal to tars_store). Connections are opened
// lazily up to `size`; a caller finding none free waits until its deadline. A connection that is
// broken, or returned inside a transaction block, is closed instead of reused, so the next
// acquire() reconnects.
//
// Thread safety: thread-safe. A Lease is used by one thread.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "store/postgres/pg_connection.h"

namespace tars::store::postgres {

class PgPool {
 public:
  // Returns a connection to the pool when destroyed.
  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    PgConnection& conn() { return *conn_; }
    // Close the connection on release rather than reuse it.
    void discard() { discard_ = true; }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
    bool discard_ = false;
  };

  // Opens one connection to prove the database is reachable. kUnavailable when it is not.
  // REQUIRES: size >= 1.
  static StatusOr<std::unique_ptr<PgPool>> Create(PgConnectParams params, int size);

  // A connection, waiting until `deadline` for one to become free. kUnavailable when none did or
  // a new connection failed.
  StatusOr<Lease> acquire(std::chrono::steady_clock::time_point deadline);

  int size() const { return size_; }
  // Connections currently open (idle or leased); for tests and metrics.
  int openConnections();

 private:
  PgPool(PgConnectParams params, int size) : params_(std::move(params)), size_(size) {}
  void release(std::unique_ptr<PgConnection> conn, bool discard);

  const PgConnectParams params_;
  const int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // GUARDED_BY(mu_)
  int open_ = 0;                                     // GUARDED_BY(mu_)
};

}  // namespace tars::store::postgres
