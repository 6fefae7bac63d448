#include "crypto/hmac.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "crypto/crypto_test_util.h"

namespace tars::crypto {
namespace {

using test::fromHex;

struct Rfc4231Case {
  std::string key;
  std::string data;
  const char* sha256;
  const char* sha384;
  const char* sha512;
  std::size_t truncate = 0;  // test case 5 compares the first 128 bits only
};

std::vector<Rfc4231Case> rfc4231Cases() {
  return {
      {std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
       "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2"
       "fa9cb6",
       "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eae"
       "a3f4e4be9d914eeb61f1702e696c203a126854"},
      {"Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
       "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfa"
       "b21649",
       "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8"
       "f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
      {std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
       "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101"
       "a34f27",
       "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e"
       "67c807b946a337bee8942674278859e13292fb"},
      {fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), std::string(50, '\xcd'),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
       "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c6"
       "74cffb",
       "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5"
       "788063a5f19741120c4f2de2adebeb10a298dd"},
      {std::string(20, '\x0c'), "Test With Truncation", "a3b6167473100ee06e0c796c2955552b",
       "3abf34c3503b2a23a46efc619baef897", "415fad6271580a531d4179bc891d87a6", 16},
      {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
       "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163"
       "f44952",
       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d"
       "6a1e5295e64f73f63f0aec8b915a985d786598"},
      {std::string(131, '\xaa'),
       "This is a test using a larger than block-size key and a larger than block-size data. The "
       "key needs to be hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
       "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c"
       "46523e",
       "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3"
       "e4de15134676fb6de0446065c97440fa8c6a58"},
  };
}

TEST(HmacTest, Rfc4231AllCases) {
  int index = 1;
  for (const auto& c : rfc4231Cases()) {
    const std::pair<HashAlgorithm, const char*> expectations[] = {
        {HashAlgorithm::kSha256, c.sha256},
        {HashAlgorithm::kSha384, c.sha384},
        {HashAlgorithm::kSha512, c.sha512}};
    for (const auto& [alg, hex] : expectations) {
      auto tag = hmac(alg, c.key, c.data);
      ASSERT_TRUE(tag.isOk()) << index;
      std::string got = toHex(*tag);
      if (c.truncate != 0) {
        got.resize(c.truncate * 2);
      }
      EXPECT_EQ(got, hex) << "RFC 4231 case " << index << " " << hashName(alg);

      auto key = HmacKey::Create(alg, c.key);
      ASSERT_TRUE(key.isOk());
      EXPECT_EQ(*key->compute(c.data), *tag);
      EXPECT_TRUE(key->verify(c.data, *tag));
    }
    ++index;
  }
}

TEST(HmacTest, VerifyRejectsTamperedTagOrData) {
  auto key = HmacKey::Create(HashAlgorithm::kSha256, std::string(32, 'k'));
  ASSERT_TRUE(key.isOk());
  std::string tag = *key->compute("message");
  EXPECT_TRUE(key->verify("message", tag));
  EXPECT_FALSE(key->verify("messagE", tag));
  std::string bad = tag;
  bad[5] ^= 1;
  EXPECT_FALSE(key->verify("message", bad));
  EXPECT_FALSE(key->verify("message", tag.substr(0, 31)));
  EXPECT_FALSE(key->verify("message", tag + "x"));
  EXPECT_FALSE(key->verify("message", ""));
}

TEST(HmacTest, RefusesNonHmacHash) {
  EXPECT_EQ(hmac(HashAlgorithm::kSha3_256, "k", "d").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(HmacKey::Create(HashAlgorithm::kSha3_256, "k").isOk());
}

TEST(HmacTest, EmptyKeyAndData) {
  // HMAC-SHA256("", "") (computed independently).
  EXPECT_EQ(toHex(*hmac(HashAlgorithm::kSha256, "", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HmacTest, KeyIsSafeToShareAcrossThreads) {
  auto key = HmacKey::Create(HashAlgorithm::kSha512, std::string(64, 's'));
  ASSERT_TRUE(key.isOk());
  const std::string expected = *key->compute("payload");
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (*key->compute("payload") != expected)
          ++mismatches;
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace tars::crypto
