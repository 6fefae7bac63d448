#pragma once
// Reload on file change: a started FileWatcher over the provider's files whose callback is
// provider.reload() (which logs and keeps the old context when the new files are bad).
//
// Create it right after the provider so that the baseline is the files the provider loaded.
// Destroy it (it stops its thread) before the provider.

#include <chrono>
#include <memory>

#include "tls/context_provider.h"
#include "tls/file_watcher.h"

namespace tars::tls {

// Default poll interval: cert-manager renews days ahead, so seconds of delay do not matter, and
// a few stat() calls per interval cost nothing.
inline constexpr std::chrono::milliseconds kDefaultWatchInterval{5000};

std::unique_ptr<FileWatcher> watchCertificateFiles(
    TlsContextProvider& provider, std::chrono::milliseconds interval = kDefaultWatchInterval);

}  // namespace tars::tls
