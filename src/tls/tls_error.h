#pragma once
// Internal to tls/: how an OpenSSL failure becomes a Status.
//
// The message is ours ("tls.server_key: ...") plus, when OpenSSL queued one, the *reason* of the
// last error ("key values mismatch", "no start line"): a fixed string from OpenSSL's tables, never
// data from the file, so no key material can reach a log or an error. The error queue of the
// calling thread is cleared either way.
//
// Thread safety: uses only the calling thread's error queue.

#include <string>

#include "core/status.h"

namespace tars::tls::internal {

// `what` + " (<openssl reason>)" when a reason is queued.
Status opensslFailure(StatusCode code, const std::string& what);

// strerror(err) without strerror's shared buffer (reloads run on a watcher thread).
std::string errnoText(int err);

// The reason text of the last queued error ("" when none); clears the queue.
std::string takeOpensslReason();

}  // namespace tars::tls::internal
