// BLAKE3 (spec/cap.md §2.1): the spec's known answers, the incremental hasher, and agreement with
// the real `b3sum` (Debian package b3sum, an independent Rust build) on inputs that cross the
// 64-byte block and 1024-byte chunk boundaries, where a wrong build would first go astray.

#include "crypto/blake3.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tars::crypto {
namespace {

TEST(Blake3Test, SpecKnownAnswers) {
  EXPECT_EQ(blake3Hex(""), "0xaf1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
  EXPECT_EQ(blake3Hex("abc"), "0x6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
}

TEST(Blake3Test, RawDigestMatchesHexForm) {
  const Blake3Digest d = blake3("abc");
  EXPECT_EQ(d[0], 0x64);
  EXPECT_EQ(d[31], 0x85);
  EXPECT_EQ(hashString(d), blake3Hex("abc"));
}

// A deterministic, non-repeating byte pattern (repeating inputs could hide a chunk-order bug).
std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  std::uint32_t x = 2463534242u;
  for (char& c : s) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xFF);
  }
  return s;
}

TEST(Blake3Test, IncrementalEqualsOneShotAcrossChunkBoundaries) {
  const std::string data = pattern(5000);
  for (std::size_t piece : {1u, 63u, 64u, 65u, 1023u, 1024u, 1025u, 4999u}) {
    Blake3Hasher hasher;
    for (std::size_t i = 0; i < data.size(); i += piece)
      hasher.update(std::string_view(data).substr(i, piece));
    EXPECT_EQ(hasher.finalize(), blake3(data)) << "pieces of " << piece;
  }
}

TEST(Blake3Test, FinalizeDoesNotEndTheHasher) {
  Blake3Hasher hasher;
  hasher.update("ab");
  EXPECT_EQ(hasher.finalize(), blake3("ab"));
  hasher.update("c");
  EXPECT_EQ(hasher.finalize(), blake3("abc"));
}

TEST(Blake3Test, DifferentInputsDiffer) {
  EXPECT_NE(blake3Hex("abc"), blake3Hex("abd"));
  EXPECT_NE(blake3Hex(std::string(1024, 'a')), blake3Hex(std::string(1025, 'a')));
}

std::string findOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return {};
}

// `b3sum --no-names` over `data` (written to a file first): "0x" + its hex, or "" on failure.
std::string b3sumOf(const std::string& b3sum, const std::string& data) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("tars-b3-" + std::to_string(::getpid()));
  std::ofstream(file, std::ios::binary).write(data.data(), static_cast<long>(data.size()));
  const std::string command = "'" + b3sum + "' --no-names '" + file.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  if (pipe != nullptr) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr)
      out += buf;
    if (::pclose(pipe) != 0)
      out.clear();
  }
  std::filesystem::remove(file);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
    out.pop_back();
  return out.size() == 64 ? "0x" + out : "";
}

TEST(Blake3Test, AgreesWithB3sum) {
  const std::string b3sum = findOnPath("b3sum");
  ASSERT_FALSE(b3sum.empty()) << "b3sum not on PATH; run scripts/install-deps.sh";
  const struct {
    const char* name;
    std::string data;
  } cases[] = {
      {"empty", ""},
      {"abc", "abc"},
      {"one block", pattern(64)},
      {"block + 1", pattern(65)},
      {"one chunk", pattern(1024)},
      {"chunk + 1 (> 1 KiB)", pattern(1025)},
      {"3000 bytes", pattern(3000)},
      {"100 KiB (multi-chunk tree)", pattern(100 * 1024)},
      {"1 MiB + 7", pattern(1024 * 1024 + 7)},
  };
  for (const auto& c : cases) {
    const std::string expected = b3sumOf(b3sum, c.data);
    ASSERT_FALSE(expected.empty()) << "b3sum failed on " << c.name;
    EXPECT_EQ(blake3Hex(c.data), expected) << c.name;
  }
}

}  // namespace
}  // namespace tars::crypto
