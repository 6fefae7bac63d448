#pragma once
// The exit codes of every `tars` command: scripts and
// orchestrators branch on them, so they are one list.

namespace tars::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;    // failed at run time: doctor FAIL, bind error, store down
inline constexpr int kExitUsage = 2;      // bad arguments
inline constexpr int kExitConfig = 2;     // bad configuration (a usage error of the config)
inline constexpr int kExitKeyExists = 3;  // `tars certs generate`: a key exists, --force absent
// `tars cap verify-manifest`: everything holds, but no key source pinned the signer (cap §7.12).
inline constexpr int kExitManifestUnpinned = 3;

}  // namespace tars::cli
