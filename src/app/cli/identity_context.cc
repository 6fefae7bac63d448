#include "app/cli/identity_context.h"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

#include "app/cli/revocation_broadcaster.h"
#include "identity/audit/audit_recorder.h"
#include "store/store_factory.h"

namespace tars::cli {
namespace {

Status withContext(const Status& st, std::string_view what) {
  if (st.isOk())
    return st;
  return Status(st.code(), std::string(what) + ": " + st.message(), st.fieldErrors());
}

// data_dir holds the SQLite file and the development secret; like `tars serve`, a writing command
// creates it, readable by its owner only.
Status ensureDataDir(const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec))
    return Status::ok();
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return unavailable("data_dir: cannot create '" + dir + "': " + ec.message());
  if (::chmod(dir.c_str(), 0700) != 0)
    return unavailable("data_dir: cannot set mode 0700 on '" + dir + "'");
  return Status::ok();
}

}  // namespace

int reportFailure(CommandIo& io, const Status& status) {
  io.err << "tars: " << status.message() << "\n";
  return kExitRuntime;
}

int afterAudit(CommandIo& io, const Status& audited) {
  if (audited.isOk())
    return kExitOk;
  io.err << "tars: the change was made, but its audit event was not written: " << audited.message()
         << "\n";
  return kExitRuntime;
}

IdentityContext::IdentityContext(std::shared_ptr<const config::Config> config)
    : config_(std::move(config)), ids_(clock_), logger_(LogLevel::kWarn, LogFormat::kText) {}

IdentityContext::~IdentityContext() {
  audit_.reset();  // flushes while the store is still open
}

StatusOr<std::unique_ptr<IdentityContext>> IdentityContext::Open(
    std::shared_ptr<const config::Config> config, StoreAccess access) {
  std::unique_ptr<IdentityContext> ctx(new IdentityContext(std::move(config)));
  const config::Config& cfg = *ctx->config_;
  store::StoreOptions options;
  if (access == StoreAccess::kReadWrite)
    TARS_RETURN_IF_ERROR(ensureDataDir(cfg.data_dir));
  else
    options.create_if_missing = false;
  auto store = store::openStore(cfg.store.url, ctx->clock_, options);
  if (!store.isOk())
    return withContext(store.status(), "store");
  ctx->store_ = std::move(*store);
  auto broadcaster = RevocationBroadcaster::Create(cfg.redis);
  if (!broadcaster.isOk())
    return withContext(broadcaster.status(), "redis");
  ctx->broadcaster_ = std::move(*broadcaster);
  return ctx;
}

Status IdentityContext::audit(identity::AuditEntry entry) {
  if (audit_ == nullptr) {
    audit_ = std::make_unique<identity::AuditRecorder>(store_->auditLog(), clock_, ids_, logger_);
  }
  entry.actor_type = "system";
  entry.actor_id.reset();
  return withContext(audit_->write(std::move(entry)), "audit log");
}

Status IdentityContext::broadcast(const store::RevocationChange& change) {
  return withContext(broadcaster_->publish(change), "revocation broadcast");
}

bool IdentityContext::broadcastEnabled() const {
  return broadcaster_->enabled();
}

}  // namespace tars::cli
