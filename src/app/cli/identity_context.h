#pragma once
// What the `tars users|keys|audit` commands share (tars.md §3.1, §3.5, §3.8, §3.9): the store of
// the configured `store.url`, a clock and id generator, the audit recorder with which every
// change is logged under actor `system`, and the revocation broadcast. Built from the Config the
// way `tars serve` builds them (app/identity_runtime.cc), minus the background work: a command
// runs once and exits.
//
// Exit codes of these commands: 0 done, 1 failed at run time (store unreachable, validation,
// not found, broken audit chain), 2 bad command line or config.
//
// Thread safety: one command on one thread.
// Lifetimes: destruction flushes the audit recorder, then closes the store.

#include <istream>
#include <memory>
#include <ostream>

#include "app/cli/exit_codes.h"
#include "core/clock.h"
#include "core/config/config.h"
#include "core/ids.h"
#include "core/logger.h"
#include "core/status.h"
#include "store/store.h"

namespace tars::identity {
class AuditRecorder;
struct AuditEntry;
}  // namespace tars::identity

namespace tars::cli {

class RevocationBroadcaster;

// Where a command reads secret input and writes its results and messages.
struct CommandIo {
  std::istream& in;          // passwords: the first line
  std::ostream& out;         // results: ids, tables, JSON
  std::ostream& err;         // prompts, warnings and errors
  bool interactive = false;  // `in` is a terminal: prompt on `err` with echo off
};

// Writes "tars: <message>" to io.err and returns kExitRuntime. Status messages never carry
// secrets, so they are printed as they are.
int reportFailure(CommandIo& io, const Status& status);

// The exit code of a command whose change is made, given how writing its audit event went:
// kExitOk, or (reported on io.err) kExitRuntime — an unaudited change must not pass unnoticed.
int afterAudit(CommandIo& io, const Status& audited);

// Whether a command may create the store. Read-only commands refuse a missing SQLite file
// instead of creating an empty database and reporting on it.
enum class StoreAccess { kReadOnly, kReadWrite };

class IdentityContext {
 public:
  // For kReadWrite: creates data_dir (mode 0700) when missing, as `tars serve` does. Then opens
  // the store (applying migrations) and prepares the broadcaster (no I/O). Errors: the store's
  // (kNotFound: a read-only command on a missing SQLite file; kUnavailable: unreachable;
  // kFailedPrecondition: newer schema), kUnavailable for a data_dir that cannot be created,
  // kInvalidArgument for a bad redis.url. Each message says which part failed.
  static StatusOr<std::unique_ptr<IdentityContext>> Open(
      std::shared_ptr<const config::Config> config, StoreAccess access);
  ~IdentityContext();

  IdentityContext(const IdentityContext&) = delete;
  IdentityContext& operator=(const IdentityContext&) = delete;

  const config::Config& config() const { return *config_; }
  const Clock& clock() const { return clock_; }
  const IdGenerator& ids() const { return ids_; }
  Logger& logger() { return logger_; }
  store::Store& store() { return *store_; }

  // Appends `entry` to the audit log now, as actor `system` (actor_type and actor_id are set
  // here). The store's error after the recorder's retries.
  Status audit(identity::AuditEntry entry);

  // Tells running servers of `change` over Redis when redis.url is set; OK (and nothing sent)
  // otherwise. The servers' poll of the store remains the fallback.
  Status broadcast(const store::RevocationChange& change);
  bool broadcastEnabled() const;

 private:
  explicit IdentityContext(std::shared_ptr<const config::Config> config);

  std::shared_ptr<const config::Config> config_;
  SystemClock clock_;
  IdGenerator ids_;
  Logger logger_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<RevocationBroadcaster> broadcaster_;
  std::unique_ptr<identity::AuditRecorder> audit_;  // made on first use; before store_ dies
};

}  // namespace tars::cli
