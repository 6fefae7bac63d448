#pragma once
// FileWatcher: notices that certificate files changed on disk, by polling.
//
// Polling (not inotify) because the ways certificates are replaced defeat watches on the file:
// cert-manager / the kubelet swap a `..data` symlink to a new directory (the watched path never
// sees a write), editors and `mv` replace the inode. Each poll stat()s every path (following
// symlinks) and compares device, inode, size, mtime and ctime with what the last notification
// saw; a missing file is a state too.
//
// A change is reported only once it has settled: the fingerprints must be the same on two
// consecutive polls, so a writer that rewrites the certificate and then the key in place is
// normally seen once, after both writes. Fingerprints are taken before the callback reads the
// files, so a write racing the read is noticed at a later poll and reported again.
//
// Use poll() directly (tests; no thread, no sleeping) or start() for a background thread that
// polls every `interval` until stop() or destruction.
//
// Thread safety: poll() must not be called concurrently with itself or with a running thread;
// start()/stop() from one owner thread. The callback runs on the polling thread.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tars::tls {

struct FileFingerprint {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  bool operator==(const FileFingerprint&) const = default;
};

// stat() of `path` (following symlinks); exists=false when it cannot be stat()ed.
FileFingerprint fingerprintOf(const std::string& path);

class FileWatcher {
 public:
  using Callback = std::function<void()>;

  // Records the current fingerprints as the baseline (no callback for the files as they are).
  FileWatcher(std::vector<std::string> paths, Callback on_change);
  ~FileWatcher();

  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // One poll; runs the callback and returns true when a settled change was found.
  bool poll();

  // Polls every `interval` on a background thread. REQUIRES: not started.
  void start(std::chrono::milliseconds interval);
  // Stops and joins the thread (no-op when not started). The callback is not running afterwards.
  void stop();

 private:
  std::vector<FileFingerprint> snapshot() const;

  const std::vector<std::string> paths_;
  const Callback on_change_;
  std::vector<FileFingerprint> notified_;                // what the last callback saw
  std::optional<std::vector<FileFingerprint>> pending_;  // a change seen once, not yet settled

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace tars::tls
