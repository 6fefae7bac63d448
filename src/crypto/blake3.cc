#include "crypto/blake3.h"

#include <blake3.h>

namespace tars::crypto {

struct Blake3Hasher::State {
  blake3_hasher hasher;
};

Blake3Hasher::Blake3Hasher() : state_(std::make_unique<State>()) {
  blake3_hasher_init(&state_->hasher);
}
Blake3Hasher::~Blake3Hasher() = default;

void Blake3Hasher::update(std::string_view data) {
  blake3_hasher_update(&state_->hasher, data.data(), data.size());
}

Blake3Digest Blake3Hasher::finalize() const {
  Blake3Digest out{};
  blake3_hasher_finalize(&state_->hasher, out.data(), out.size());
  return out;
}

Blake3Digest blake3(std::string_view data) {
  // On the stack: the one-shot form allocates nothing.
  blake3_hasher hasher;
  blake3_hasher_init(&hasher);
  blake3_hasher_update(&hasher, data.data(), data.size());
  Blake3Digest out{};
  blake3_hasher_finalize(&hasher, out.data(), out.size());
  return out;
}

std::string hashString(const Blake3Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 + 2 * digest.size());
  out.append("0x");
  for (std::uint8_t b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string blake3Hex(std::string_view data) {
  return hashString(blake3(data));
}

}  // namespace tars::crypto
