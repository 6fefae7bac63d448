#pragma once
// Appending to the revocation change feed inside a caller's write transaction (internal to
// tars_store). The head row update serialises appends, so seq order is commit order.

#include <optional>
#include <string>

#include "core/status.h"
#include "store/revocations.h"
#include "store/sql/db.h"

namespace tars::store::sql {

// Appends one change; returns its seq.
StatusOr<std::int64_t> appendRevocationChange(Tx& tx, RevocationKind kind, const std::string& id,
                                              std::optional<Timestamp> expires_at, Timestamp now);

}  // namespace tars::store::sql
