#pragma once
// BLAKE3-256 (default hash mode: no key, no context, 32-byte output), the commitment and list-entry
// hash of spec/cap.md §2.1. Built from the upstream C implementation that Debian ships in
// librust-blake3-dev (cmake/blake3.cmake); `b3sum` is its test oracle.
//
// Thread safety: the free functions are thread-safe; a Blake3Hasher is a value owned by one thread
// at a time. Failure: none (hashing in-memory bytes cannot fail and never allocates).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tars::crypto {

inline constexpr std::size_t kBlake3Size = 32;

using Blake3Digest = std::array<std::uint8_t, kBlake3Size>;

// BLAKE3-256 of `data`: 32 raw bytes.
Blake3Digest blake3(std::string_view data);

// The spec's B3(x): "0x" followed by the 64 lower-case hex digits of BLAKE3-256 over `data`.
std::string blake3Hex(std::string_view data);

// "0x" + lower-case hex of a digest (the cap spec's "hash string").
std::string hashString(const Blake3Digest& digest);

// Incremental BLAKE3 over input given in pieces, e.g. a root over many entry hashes (cap §2.3)
// without first concatenating them. The result equals blake3() of the concatenated pieces.
class Blake3Hasher {
 public:
  Blake3Hasher();
  ~Blake3Hasher();
  Blake3Hasher(const Blake3Hasher&) = delete;
  Blake3Hasher& operator=(const Blake3Hasher&) = delete;

  void update(std::string_view data);
  // The digest of everything given so far; the hasher may keep taking input afterwards.
  Blake3Digest finalize() const;

 private:
  struct State;  // the C library's blake3_hasher (about 1.9 KiB), kept out of this header
  std::unique_ptr<State> state_;
};

}  // namespace tars::crypto
