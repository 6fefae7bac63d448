// resolveMasterSecret: configured, generated in development (created once, atomically, 0600),
// refused in production, refused with loose permissions.

#include "identity/keyring/master_secret.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/base64url.h"

namespace tars::identity {
namespace {

namespace fs = std::filesystem;

class MasterSecretTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tars-master-secret-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/jwt_secret";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string readFile() const {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void writeFile(const std::string& content, mode_t mode) const {
    {
      std::ofstream out(path_, std::ios::binary | std::ios::trunc);
      out << content;
    }
    ASSERT_EQ(::chmod(path_.c_str(), mode), 0);
  }
  StatusOr<crypto::SecretBytes> resolveDev() const {
    return resolveMasterSecret(std::nullopt, dir_, /*development=*/true);
  }

  std::string dir_;
  std::string path_;
};

TEST_F(MasterSecretTest, ConfiguredSecretWinsInBothModes) {
  const std::string configured = "configured secret, 32 bytes or more";
  for (bool development : {true, false}) {
    auto secret = resolveMasterSecret(configured, dir_, development);
    ASSERT_TRUE(secret.isOk()) << secret.status().toString();
    EXPECT_EQ(secret->view(), configured);
  }
  EXPECT_FALSE(fs::exists(path_)) << "a configured secret must not create the file";
}

TEST_F(MasterSecretTest, EmptyConfiguredSecretIsRefused) {
  EXPECT_EQ(resolveMasterSecret(std::string(), dir_, true).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(MasterSecretTest, ProductionWithoutSecretIsRefusedNamingTheKey) {
  auto secret = resolveMasterSecret(std::nullopt, dir_, /*development=*/false);
  ASSERT_EQ(secret.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(secret.status().message().find("auth.jwt.secret"), std::string::npos);
  EXPECT_FALSE(fs::exists(path_)) << "production never generates a secret";
}

TEST_F(MasterSecretTest, DevelopmentCreatesA0600Base64UrlSecretOnce) {
  auto first = resolveDev();
  ASSERT_TRUE(first.isOk()) << first.status().toString();
  // 32 random bytes as unpadded base64url (43 characters), the file ends with a newline.
  EXPECT_EQ(first->size(), 43u);
  auto decoded = base64UrlDecode(first->view());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 32u);
  EXPECT_EQ(readFile(), std::string(first->view()) + "\n");
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // No temp files are left behind.
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir_)) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1);

  auto again = resolveDev();
  ASSERT_TRUE(again.isOk()) << again.status().toString();
  EXPECT_EQ(again->view(), first->view());
}

TEST_F(MasterSecretTest, CreatedWith0600EvenUnderAPermissiveUmask) {
  const mode_t old = ::umask(0);
  auto secret = resolveDev();
  ::umask(old);
  ASSERT_TRUE(secret.isOk()) << secret.status().toString();
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(MasterSecretTest, ExistingFileIsReadWithOneTrailingNewlineIgnored) {
  writeFile("my-dev-secret\n", 0600);
  auto secret = resolveDev();
  ASSERT_TRUE(secret.isOk()) << secret.status().toString();
  EXPECT_EQ(secret->view(), "my-dev-secret");

  writeFile("crlf-secret\r\n", 0400);
  secret = resolveDev();
  ASSERT_TRUE(secret.isOk()) << secret.status().toString();
  EXPECT_EQ(secret->view(), "crlf-secret");

  writeFile("no-newline", 0600);
  secret = resolveDev();
  ASSERT_TRUE(secret.isOk()) << secret.status().toString();
  EXPECT_EQ(secret->view(), "no-newline");
}

TEST_F(MasterSecretTest, GroupOrOtherPermissionsAreRefusedWithoutLeakingTheSecret) {
  for (mode_t mode : {0640, 0604, 0660, 0602, 0620}) {
    SCOPED_TRACE(mode);
    writeFile("leaky-secret-content\n", mode);
    auto secret = resolveDev();
    ASSERT_EQ(secret.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(secret.status().message().find("chmod 600"), std::string::npos);
    EXPECT_EQ(secret.status().message().find("leaky-secret-content"), std::string::npos);
  }
}

TEST_F(MasterSecretTest, EmptyOversizedOrNonRegularFilesAreRefused) {
  writeFile("\n", 0600);
  EXPECT_EQ(resolveDev().status().code(), StatusCode::kFailedPrecondition);
  writeFile(std::string(5000, 'x'), 0600);
  EXPECT_EQ(resolveDev().status().code(), StatusCode::kFailedPrecondition);
  fs::remove(path_);
  fs::create_directory(path_);
  ::chmod(path_.c_str(), 0700);
  EXPECT_EQ(resolveDev().status().code(), StatusCode::kFailedPrecondition);
  fs::remove(path_);
  // A symlink is not followed (it could point the secret at a file someone else controls).
  const std::string target = dir_ + "/elsewhere";
  {
    std::ofstream out(target);
    out << "linked-secret";
  }
  ::chmod(target.c_str(), 0600);
  fs::create_symlink(target, path_);
  EXPECT_EQ(resolveDev().status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(MasterSecretTest, MissingDataDirIsUnavailable) {
  auto secret = resolveMasterSecret(std::nullopt, dir_ + "/missing", true);
  EXPECT_EQ(secret.status().code(), StatusCode::kUnavailable);
}

TEST_F(MasterSecretTest, ConcurrentThreadsAgreeOnOneSecret) {
  constexpr int kThreads = 16;
  std::vector<std::string> seen(kThreads);
  std::vector<Status> statuses(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto secret = resolveDev();
      statuses[i] = secret.status();
      if (secret.isOk()) {
        seen[i] = std::string(secret->view());
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_TRUE(statuses[i].isOk()) << statuses[i].toString();
  }
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 1u);
  EXPECT_EQ(readFile(), seen[0] + "\n");
}

// The real scenario: several processes starting at once on one data dir.
TEST_F(MasterSecretTest, ConcurrentProcessesAgreeOnOneSecret) {
  constexpr int kProcesses = 8;
  std::vector<pid_t> children;
  std::vector<int> read_ends;
  for (int i = 0; i < kProcesses; ++i) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      auto secret = resolveDev();
      const std::string out = secret.isOk() ? std::string(secret->view()) : "ERROR";
      const bool written =
          ::write(fds[1], out.data(), out.size()) == static_cast<ssize_t>(out.size());
      ::_exit(written ? 0 : 1);
    }
    ::close(fds[1]);
    children.push_back(pid);
    read_ends.push_back(fds[0]);
  }
  std::set<std::string> seen;
  for (int i = 0; i < kProcesses; ++i) {
    std::string got;
    char buf[128];
    ssize_t n = 0;
    while ((n = ::read(read_ends[i], buf, sizeof buf)) > 0) {
      got.append(buf, static_cast<std::size_t>(n));
    }
    ::close(read_ends[i]);
    int wstatus = 0;
    ASSERT_EQ(::waitpid(children[i], &wstatus, 0), children[i]);
    EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
    EXPECT_NE(got, "ERROR");
    seen.insert(got);
  }
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_EQ(readFile(), *seen.begin() + "\n");
}

}  // namespace
}  // namespace tars::identity
