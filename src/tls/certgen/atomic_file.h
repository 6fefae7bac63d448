#pragma once
// writeFileAtomically: a file appears complete with its final mode, or not at all.
//
// The content goes to a temporary file in the same directory (created 0600 with O_EXCL, then
// fchmod to `mode` — the umask cannot widen or narrow it), is fsync'ed, and is then published:
//   kRefuse  — with link(2), which fails atomically if the name exists (kAlreadyExists naming the
//              path), so two writers cannot both think they created a key;
//   kReplace — with rename(2) over the old file (readers see the old or the new file).
// The directory is fsync'ed afterwards. On failure the temporary file is removed.
//
// Thread safety: safe for distinct paths; concurrent writers of one path get one winner.

#include <sys/types.h>

#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::tls {

enum class Overwrite { kRefuse, kReplace };

Status writeFileAtomically(const std::string& path, std::string_view content, mode_t mode,
                           Overwrite overwrite);

}  // namespace tars::tls
