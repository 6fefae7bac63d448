#include "tls/file_watcher.h"

#include <sys/stat.h>

namespace tars::tls {
namespace {

std::int64_t nanos(const struct timespec& ts) {
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

FileFingerprint fingerprintOf(const std::string& path) {
  struct stat st {};
  FileFingerprint fp;
  if (::stat(path.c_str(), &st) != 0)
    return fp;
  fp.exists = true;
  fp.device = st.st_dev;
  fp.inode = st.st_ino;
  fp.size = st.st_size;
  fp.mtime_ns = nanos(st.st_mtim);
  fp.ctime_ns = nanos(st.st_ctim);
  return fp;
}

FileWatcher::FileWatcher(std::vector<std::string> paths, Callback on_change)
    : paths_(std::move(paths)), on_change_(std::move(on_change)), notified_(snapshot()) {}

FileWatcher::~FileWatcher() {
  stop();
}

std::vector<FileFingerprint> FileWatcher::snapshot() const {
  std::vector<FileFingerprint> out;
  out.reserve(paths_.size());
  for (const std::string& p : paths_)
    out.push_back(fingerprintOf(p));
  return out;
}

bool FileWatcher::poll() {
  std::vector<FileFingerprint> now = snapshot();
  if (now == notified_) {
    pending_.reset();
    return false;
  }
  if (!pending_ || *pending_ != now) {
    pending_ = std::move(now);  // changed, or still changing: wait for it to settle
    return false;
  }
  notified_ = std::move(now);
  pending_.reset();
  on_change_();
  return true;
}

void FileWatcher::start(std::chrono::milliseconds interval) {
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, interval, [this] { return stopping_; })) {
      lock.unlock();
      poll();
      lock.lock();
    }
  });
}

void FileWatcher::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable())
    thread_.join();
}

}  // namespace tars::tls
