#include "tls/file_watcher.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tls_test_util.h"

namespace tars::tls {
namespace {

namespace fs = std::filesystem;

class FileWatcherTest : public ::testing::Test {
 protected:
  FileWatcherTest() {
    cert_ = dir_.write("tls.crt", "cert v1");
    key_ = dir_.write("tls.key", "key v1");
  }

  // Forces a visible change even within one timestamp tick: the size changes too.
  void rewrite(const std::string& path, const std::string& content) {
    dir_.write(fs::path(path).filename().string(), content);
  }

  test::TempDir dir_;
  std::string cert_;
  std::string key_;
  int calls_ = 0;
};

TEST_F(FileWatcherTest, NothingChangedNothingReported) {
  FileWatcher w({cert_, key_}, [this] { ++calls_; });
  EXPECT_FALSE(w.poll());
  EXPECT_FALSE(w.poll());
  EXPECT_EQ(calls_, 0);
}

TEST_F(FileWatcherTest, AChangeIsReportedOnceAfterItSettled) {
  FileWatcher w({cert_, key_}, [this] { ++calls_; });
  rewrite(cert_, "cert v2 (longer)");
  EXPECT_FALSE(w.poll());  // seen once: might still be written
  EXPECT_TRUE(w.poll());   // unchanged since: report
  EXPECT_EQ(calls_, 1);
  EXPECT_FALSE(w.poll());  // reported already
  EXPECT_EQ(calls_, 1);
}

TEST_F(FileWatcherTest, AWriterStillWritingIsWaitedFor) {
  FileWatcher w({cert_, key_}, [this] { ++calls_; });
  rewrite(cert_, "cert v2 (longer)");
  EXPECT_FALSE(w.poll());
  rewrite(key_, "key v2 (longer)");  // the second file of the pair arrives a poll later
  EXPECT_FALSE(w.poll());
  EXPECT_TRUE(w.poll());
  EXPECT_EQ(calls_, 1);  // one reload for the pair
}

TEST_F(FileWatcherTest, ReplacementByRenameIsSeen) {
  FileWatcher w({cert_}, [this] { ++calls_; });
  std::string tmp = dir_.write("tls.crt.new", "cert v1");  // same size and content
  fs::rename(tmp, cert_);
  w.poll();
  EXPECT_TRUE(w.poll());
  EXPECT_EQ(calls_, 1);
}

// The kubelet's layout: tls.crt -> ..data/tls.crt, ..data -> ..2024_01 (swapped atomically).
TEST_F(FileWatcherTest, KubernetesSymlinkSwapIsSeen) {
  fs::create_directory(dir_.file("..v1"));
  fs::create_directory(dir_.file("..v2"));
  dir_.write("..v1/tls.crt", "cert v1");
  dir_.write("..v2/tls.crt", "cert v2");
  fs::create_directory_symlink("..v1", dir_.file("..data"));
  fs::create_symlink("..data/tls.crt", dir_.file("mounted.crt"));
  FileWatcher w({dir_.file("mounted.crt")}, [this] { ++calls_; });
  EXPECT_FALSE(w.poll());

  fs::create_directory_symlink("..v2", dir_.file("..data_tmp"));
  fs::rename(dir_.file("..data_tmp"), dir_.file("..data"));  // atomic swap, as the kubelet does
  w.poll();
  EXPECT_TRUE(w.poll());
  EXPECT_EQ(calls_, 1);
}

TEST_F(FileWatcherTest, DisappearingAndReappearingFilesAreChanges) {
  FileWatcher w({cert_}, [this] { ++calls_; });
  fs::remove(cert_);
  w.poll();
  EXPECT_TRUE(w.poll());  // the reload will fail and keep the old context; that is its job
  rewrite(cert_, "cert v3");
  w.poll();
  EXPECT_TRUE(w.poll());
  EXPECT_EQ(calls_, 2);
}

TEST_F(FileWatcherTest, FingerprintFollowsSymlinks) {
  fs::create_symlink(cert_, dir_.file("link.crt"));
  EXPECT_EQ(fingerprintOf(dir_.file("link.crt")), fingerprintOf(cert_));
  EXPECT_FALSE(fingerprintOf(dir_.file("none")).exists);
}

}  // namespace
}  // namespace tars::tls
