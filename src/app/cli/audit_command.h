#pragma once
// `tars audit verify` (tars.md §3.9): recomputes the audit chain of the configured store and
// prints `{"valid","events_checked","head_hash","first_invalid_seq"}` — the object of
// GET /api/v1/audit/verify — on one line.
//
// Exit code: 0 when the chain is valid; 1 when it is broken (the object names
// first_invalid_seq, and a line on stderr says so) or the check could not run (store error).
//
// Thread safety: one command on one thread.

#include "app/cli/identity_context.h"

namespace tars::cli {

int auditVerify(IdentityContext& ctx, CommandIo& io);

}  // namespace tars::cli
