#include "crypto/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace tars::crypto {
namespace {

TEST(HashTest, Fips180AbcVectors) {
  EXPECT_EQ(toHex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(toHex(sha384("abc")),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7");
  EXPECT_EQ(toHex(sha512("abc")),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(HashTest, Fips180TwoBlockVector) {
  EXPECT_EQ(toHex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(HashTest, Fips202Sha3Vectors) {
  EXPECT_EQ(toHex(sha3_256("abc")),
            "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
  EXPECT_EQ(toHex(sha3_256("")),
            "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
}

TEST(HashTest, EmptyInput) {
  EXPECT_EQ(toHex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(HashTest, DigestSizesAndGenericEntry) {
  for (auto alg : {HashAlgorithm::kSha256, HashAlgorithm::kSha384, HashAlgorithm::kSha512,
                   HashAlgorithm::kSha3_256}) {
    auto d = digest(alg, "abc");
    ASSERT_TRUE(d.isOk());
    EXPECT_EQ(d->size(), digestSize(alg));
  }
  EXPECT_EQ(*digest(HashAlgorithm::kSha256, "abc"), sha256("abc"));
}

}  // namespace
}  // namespace tars::crypto
