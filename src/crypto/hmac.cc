#include "crypto/hmac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <atomic>
#include <cstdint>

#include "crypto/constant_time.h"
#include "crypto/openssl_util.h"

namespace tars::crypto {

struct HmacKey::State {
  internal::EvpMacCtxPtr ctx;  // keyed; never used directly, only duplicated
  std::uint64_t id = 0;        // unique per process, never reused (see ThreadContexts)
};

namespace {

bool isHmacHash(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::kSha256 || algorithm == HashAlgorithm::kSha384 ||
         algorithm == HashAlgorithm::kSha512;
}

StatusOr<internal::EvpMacCtxPtr> keyedContext(HashAlgorithm algorithm, std::string_view key) {
  if (!isHmacHash(algorithm)) {
    return invalidArgument("HMAC needs SHA-256, SHA-384 or SHA-512");
  }
  EVP_MAC* mac = internal::fetchedHmac();
  if (mac == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "HMAC unavailable");
  }
  internal::EvpMacCtxPtr ctx(EVP_MAC_CTX_new(mac));
  if (!ctx) {
    return internal::opensslError(StatusCode::kInternal, "HMAC context allocation failed");
  }
  // OSSL_PARAM wants a non-const char* for the digest name; it is only read.
  std::string digest_name(hashName(algorithm));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name.data(), 0),
      OSSL_PARAM_construct_end()};
  // An empty key is legal HMAC; OpenSSL wants a non-null pointer for it.
  static const unsigned char kEmpty = 0;
  const auto* key_bytes =
      key.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
  if (EVP_MAC_init(ctx.get(), key_bytes, key.size(), params) != 1) {
    return internal::opensslError(StatusCode::kInternal, "HMAC init failed");
  }
  return ctx;
}

StatusOr<std::string> finish(EVP_MAC_CTX* ctx, HashAlgorithm algorithm, std::string_view data) {
  std::string out(digestSize(algorithm), '\0');
  std::size_t len = 0;
  if (EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
      EVP_MAC_final(ctx, reinterpret_cast<unsigned char*>(out.data()), &len, out.size()) != 1 ||
      len != out.size()) {
    return internal::opensslError(StatusCode::kInternal, "HMAC computation failed");
  }
  return out;
}

std::atomic<std::uint64_t> next_key_id{1};

// Per-thread ready contexts for the last few keys this thread used. Re-initialising a keyed
// EVP_MAC_CTX (EVP_MAC_init with no key) is much cheaper than duplicating the template on every
// call. Slots are matched by key id, which is never reused, so a context can never be applied to
// another key; a slot whose key was destroyed is simply overwritten later (freeing the context
// cleanses its key copy).
class ThreadContexts {
 public:
  static constexpr std::size_t kSlots = 4;

  ~ThreadContexts() {
    for (auto& slot : slots_) {
      EVP_MAC_CTX_free(slot.ctx);
    }
  }

  // A context keyed like `state`, ready for update/final; null on allocation failure.
  EVP_MAC_CTX* acquire(std::uint64_t id, const EVP_MAC_CTX* prototype) {
    for (auto& slot : slots_) {
      if (slot.id == id && slot.ctx != nullptr) {
        if (EVP_MAC_init(slot.ctx, nullptr, 0, nullptr) == 1) {
          return slot.ctx;
        }
        EVP_MAC_CTX_free(slot.ctx);
        slot = {};
      }
    }
    Slot& victim = slots_[next_victim_];
    next_victim_ = (next_victim_ + 1) % kSlots;
    EVP_MAC_CTX_free(victim.ctx);
    victim = {id, EVP_MAC_CTX_dup(prototype)};
    return victim.ctx;
  }

 private:
  struct Slot {
    std::uint64_t id = 0;
    EVP_MAC_CTX* ctx = nullptr;
  };
  std::array<Slot, kSlots> slots_{};
  std::size_t next_victim_ = 0;
};

}  // namespace

StatusOr<std::string> hmac(HashAlgorithm algorithm, std::string_view key, std::string_view data) {
  TARS_ASSIGN_OR_RETURN(internal::EvpMacCtxPtr ctx, keyedContext(algorithm, key));
  return finish(ctx.get(), algorithm, data);
}

StatusOr<HmacKey> HmacKey::Create(HashAlgorithm algorithm, std::string_view key) {
  TARS_ASSIGN_OR_RETURN(internal::EvpMacCtxPtr ctx, keyedContext(algorithm, key));
  auto state = std::make_shared<State>();
  state->ctx = std::move(ctx);
  state->id = next_key_id.fetch_add(1, std::memory_order_relaxed);
  return HmacKey(algorithm, std::move(state));
}

StatusOr<std::string> HmacKey::compute(std::string_view data) const {
  // Each thread works on its own context; the shared template is only read (duplicated).
  thread_local ThreadContexts contexts;
  EVP_MAC_CTX* ctx = contexts.acquire(state_->id, state_->ctx.get());
  if (ctx == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "HMAC context allocation failed");
  }
  return finish(ctx, algorithm_, data);
}

bool HmacKey::verify(std::string_view data, std::string_view tag) const {
  auto expected = compute(data);
  if (!expected.isOk()) {
    return false;
  }
  return constantTimeEquals(*expected, tag);
}

}  // namespace tars::crypto
