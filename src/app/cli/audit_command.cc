#include "app/cli/audit_command.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace tars::cli {

int auditVerify(IdentityContext& ctx, CommandIo& io) {
  StatusOr<store::AuditVerification> result = ctx.store().auditLog().verifyChain();
  if (!result.isOk())
    return reportFailure(io, result.status());
  boost::json::object o;
  o["valid"] = result->valid;
  o["events_checked"] = result->events_checked;
  o["head_hash"] = result->head_hash;
  o["first_invalid_seq"] = result->first_invalid_seq
                               ? boost::json::value(*result->first_invalid_seq)
                               : boost::json::value(nullptr);
  io.out << boost::json::serialize(o) << "\n" << std::flush;
  if (result->valid)
    return kExitOk;
  io.err << "tars: the audit chain is broken at seq " << result->first_invalid_seq.value_or(0)
         << "\n";
  return kExitRuntime;
}

}  // namespace tars::cli
