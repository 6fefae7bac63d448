#include "tls/certgen/atomic_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "test_util/file_mode.h"
#include "tls_test_util.h"

namespace tars::tls {
namespace {

using tars::test::modeOf;

using ::testing::HasSubstr;

std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++n;
  }
  return n;
}

TEST(AtomicFileTest, WritesWithTheExactModeWhateverTheUmask) {
  test::TempDir dir;
  mode_t old = ::umask(0);  // the widest umask must not widen the key
  Status st = writeFileAtomically(dir.file("a.key"), "secret", 0600, Overwrite::kRefuse);
  ::umask(077);  // the narrowest must not narrow the certificate
  Status st2 = writeFileAtomically(dir.file("a.crt"), "public", 0644, Overwrite::kRefuse);
  ::umask(old);
  ASSERT_TRUE(st.isOk()) << st.toString();
  ASSERT_TRUE(st2.isOk()) << st2.toString();
  EXPECT_EQ(modeOf(dir.file("a.key")), 0600u);
  EXPECT_EQ(modeOf(dir.file("a.crt")), 0644u);
  EXPECT_EQ(test::readFile(dir.file("a.key")), "secret");
  EXPECT_EQ(entries(dir.path()), 2u);  // no temporary files left
}

TEST(AtomicFileTest, RefuseKeepsTheExistingFile) {
  test::TempDir dir;
  dir.write("a.key", "old");
  Status st = writeFileAtomically(dir.file("a.key"), "new", 0600, Overwrite::kRefuse);
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(st.message(), HasSubstr(dir.file("a.key")));
  EXPECT_EQ(test::readFile(dir.file("a.key")), "old");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFileTest, ReplaceSwapsTheFile) {
  test::TempDir dir;
  dir.write("a.key", "old");
  ::chmod(dir.file("a.key").c_str(), 0644);
  ASSERT_TRUE(writeFileAtomically(dir.file("a.key"), "new", 0600, Overwrite::kReplace).isOk());
  EXPECT_EQ(test::readFile(dir.file("a.key")), "new");
  EXPECT_EQ(modeOf(dir.file("a.key")), 0600u);
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFileTest, MissingDirectoryIsAnError) {
  test::TempDir dir;
  Status st = writeFileAtomically(dir.file("nope/a.key"), "x", 0600, Overwrite::kRefuse);
  EXPECT_FALSE(st.isOk());
  EXPECT_THAT(st.message(), HasSubstr("cannot create a temporary file"));
}

}  // namespace
}  // namespace tars::tls
