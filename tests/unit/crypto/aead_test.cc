// AES-256-GCM: NIST GCM known answers (McGrew & Viega, "The Galois/Counter Mode of Operation",
// test cases 13–16, the AES-256 ones) through open(), the sealed layout, and tampering with each
// region of a sealed message.

#include "crypto/aead.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "crypto/crypto_test_util.h"

namespace tars::crypto {
namespace {

using test::fromHex;

struct GcmVector {
  const char* name;
  const char* key;
  const char* iv;
  const char* plaintext;
  const char* aad;
  const char* ciphertext;
  const char* tag;
};

constexpr const char* kZeroKey = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr const char* kKey = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";

const GcmVector kVectors[] = {
    {"TestCase13", kZeroKey, "000000000000000000000000", "", "", "",
     "530f8afbc74536b9a963b4f1c4cb738b"},
    {"TestCase14", kZeroKey, "000000000000000000000000", "00000000000000000000000000000000", "",
     "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
    {"TestCase15", kKey, "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b"
     "525b16aedf5aa0de657ba637b391aafd255",
     "",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828"
     "838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {"TestCase16", kKey, "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b"
     "525b16aedf5aa0de657ba637b39",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828"
     "838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

SecretBytes key32(char fill) {
  return SecretBytes(std::string(32, fill));
}

TEST(Aes256Gcm, NistKnownAnswersOpen) {
  for (const GcmVector& v : kVectors) {
    SCOPED_TRACE(v.name);
    const std::string sealed = fromHex(v.iv) + fromHex(v.ciphertext) + fromHex(v.tag);
    auto opened = aes256GcmOpen(SecretBytes(fromHex(v.key)), sealed, fromHex(v.aad));
    ASSERT_TRUE(opened.isOk()) << opened.status().toString();
    EXPECT_EQ(opened->view(), fromHex(v.plaintext));
    // The same vector with the last tag bit flipped is refused.
    std::string bad = sealed;
    bad.back() = static_cast<char>(bad.back() ^ 0x01);
    EXPECT_EQ(aes256GcmOpen(SecretBytes(fromHex(v.key)), bad, fromHex(v.aad)).status().code(),
              StatusCode::kInvalidArgument);
  }
}

TEST(Aes256Gcm, SealLayoutAndRoundTrip) {
  const SecretBytes key = key32('k');
  const std::string plaintext("secret\0material", 15);
  auto sealed = aes256GcmSeal(key, plaintext, "aad");
  ASSERT_TRUE(sealed.isOk()) << sealed.status().toString();
  EXPECT_EQ(sealed->size(), kAes256GcmNonceBytes + plaintext.size() + kAes256GcmTagBytes);
  EXPECT_EQ(sealed->find(plaintext), std::string::npos);
  auto opened = aes256GcmOpen(key, *sealed, "aad");
  ASSERT_TRUE(opened.isOk()) << opened.status().toString();
  EXPECT_EQ(opened->view(), plaintext);

  auto empty = aes256GcmSeal(key, "", "");
  ASSERT_TRUE(empty.isOk());
  EXPECT_EQ(empty->size(), kAes256GcmOverhead);
  auto empty_opened = aes256GcmOpen(key, *empty, "");
  ASSERT_TRUE(empty_opened.isOk()) << empty_opened.status().toString();
  EXPECT_TRUE(empty_opened->empty());
}

TEST(Aes256Gcm, EverySealUsesAFreshNonce) {
  const SecretBytes key = key32('k');
  std::set<std::string> nonces;
  std::set<std::string> sealed_texts;
  for (int i = 0; i < 64; ++i) {
    auto sealed = aes256GcmSeal(key, "same plaintext", "same aad");
    ASSERT_TRUE(sealed.isOk());
    nonces.insert(sealed->substr(0, kAes256GcmNonceBytes));
    sealed_texts.insert(*sealed);
  }
  EXPECT_EQ(nonces.size(), 64u);
  EXPECT_EQ(sealed_texts.size(), 64u);
}

TEST(Aes256Gcm, TamperingWithAnyByteIsRefusedWithOneMessage) {
  const SecretBytes key = key32('k');
  auto sealed = aes256GcmSeal(key, "0123456789abcdef0123", "aad");
  ASSERT_TRUE(sealed.isOk());
  std::set<std::string> messages;
  // Every byte of every region: nonce [0,12), ciphertext [12,32), tag [32,48).
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    SCOPED_TRACE(i);
    std::string bad = *sealed;
    bad[i] = static_cast<char>(bad[i] ^ 0x80);
    auto opened = aes256GcmOpen(key, bad, "aad");
    ASSERT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
    messages.insert(opened.status().message());
  }
  // Wrong key, wrong AAD, truncated, too short, appended bytes: the same refusal.
  for (const auto& [what, status] : std::initializer_list<std::pair<const char*, Status>>{
           {"wrong key", aes256GcmOpen(key32('x'), *sealed, "aad").status()},
           {"wrong aad", aes256GcmOpen(key, *sealed, "aaD").status()},
           {"no aad", aes256GcmOpen(key, *sealed, "").status()},
           {"truncated", aes256GcmOpen(key, sealed->substr(0, sealed->size() - 1), "aad").status()},
           {"appended", aes256GcmOpen(key, *sealed + "x", "aad").status()},
           {"shorter than nonce+tag", aes256GcmOpen(key, sealed->substr(0, 27), "aad").status()},
           {"empty", aes256GcmOpen(key, "", "aad").status()},
       }) {
    SCOPED_TRACE(what);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    messages.insert(status.message());
  }
  EXPECT_EQ(messages.size(), 1u);
}

TEST(Aes256Gcm, RefusesKeysThatAreNot32Bytes) {
  EXPECT_EQ(aes256GcmSeal(SecretBytes(std::string(16, 'k')), "p", "").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      aes256GcmOpen(SecretBytes(std::string(33, 'k')), std::string(40, '\0'), "").status().code(),
      StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tars::crypto
