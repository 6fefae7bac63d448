// Manifest signatures (spec/cap.md §7.9): the RFC 8032 test-1 key, its public key and kid from the
// spec, the RFC's signature of the empty message, and verification failing closed.

#include "services/verifier/manifest_signer.h"

#include <gtest/gtest.h>

#include "crypto/hash.h"
#include "spec_text.h"

namespace tars::verifier {
namespace {

std::string unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

constexpr std::string_view kSeed =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

ManifestSigner rfcSigner() {
  StatusOr<crypto::Key> key = ed25519KeyFromSeed(unhex(kSeed));
  EXPECT_TRUE(key.isOk()) << key.status().toString();
  StatusOr<ManifestSigner> signer = ManifestSigner::Create(*key);
  EXPECT_TRUE(signer.isOk()) << signer.status().toString();
  return *signer;
}

TEST(ManifestSignerTest, SpecVectorKeyAndKid) {
  const std::string section = test::specSection(test::readCapSpec(), "### 7.9");
  ASSERT_FALSE(section.empty()) << "spec/cap.md not found (run through ctest)";
  EXPECT_EQ(test::backtickedAfter(section, "test-1 seed `"), kSeed);
  const std::string pubkey = test::backtickedAfter(section, "has public key `");
  const std::string kid = test::backtickedAfter(section, "and kid\n  `");
  ASSERT_EQ(pubkey, "0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  ASSERT_EQ(kid, "cb483424b33786daf2a6f645cdd65049");
  ManifestSigner signer = rfcSigner();
  EXPECT_EQ(signer.pubkeyHex(), pubkey);
  EXPECT_EQ(signer.kid(), kid);
  EXPECT_EQ(manifestKid(unhex(pubkey.substr(2))), kid);
}

TEST(ManifestSignerTest, Rfc8032Test1Signature) {
  StatusOr<ManifestSignature> sig = rfcSigner().sign("");
  ASSERT_TRUE(sig.isOk());
  EXPECT_EQ(sig->alg, "Ed25519");
  EXPECT_EQ(sig->sig_hex,
            "0xe5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
            "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(verifyManifestSignature(*sig, ""));
}

TEST(ManifestSignerTest, VerificationFailsClosed) {
  ManifestSigner signer = rfcSigner();
  StatusOr<ManifestSignature> sig = signer.sign("{\"verdict\":\"OK\"}");
  ASSERT_TRUE(sig.isOk());
  EXPECT_TRUE(verifyManifestSignature(*sig, "{\"verdict\":\"OK\"}"));
  EXPECT_FALSE(verifyManifestSignature(*sig, "{\"verdict\":\"FAIL\"}"));
  ManifestSignature bad = *sig;
  bad.kid = "00000000000000000000000000000000";
  EXPECT_FALSE(verifyManifestSignature(bad, "{\"verdict\":\"OK\"}"));
  bad = *sig;
  bad.alg = "EdDSA";
  EXPECT_FALSE(verifyManifestSignature(bad, "{\"verdict\":\"OK\"}"));
  bad = *sig;
  bad.sig_hex = bad.sig_hex.substr(0, 100);
  EXPECT_FALSE(verifyManifestSignature(bad, "{\"verdict\":\"OK\"}"));
  bad = *sig;
  bad.sig_hex[10] = bad.sig_hex[10] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(verifyManifestSignature(bad, "{\"verdict\":\"OK\"}"));
  bad = *sig;
  bad.pubkey_hex = "0xZZ";
  EXPECT_FALSE(verifyManifestSignature(bad, "{\"verdict\":\"OK\"}"));
  // Another key's signature with this key's identity.
  StatusOr<crypto::Key> other = crypto::Key::Generate(crypto::KeyType::kEd25519);
  ASSERT_TRUE(other.isOk());
  StatusOr<ManifestSigner> other_signer = ManifestSigner::Create(*other);
  ASSERT_TRUE(other_signer.isOk());
  EXPECT_NE(other_signer->kid(), signer.kid());
  bad = *other_signer->sign("{\"verdict\":\"OK\"}");
  bad.pubkey_hex = sig->pubkey_hex;
  bad.kid = sig->kid;
  EXPECT_FALSE(verifyManifestSignature(bad, "{\"verdict\":\"OK\"}"));
}

TEST(ManifestSignerTest, RefusesOtherKeys) {
  StatusOr<crypto::Key> ec = crypto::Key::Generate(crypto::KeyType::kEcP256);
  ASSERT_TRUE(ec.isOk());
  EXPECT_FALSE(ManifestSigner::Create(*ec).isOk());
  StatusOr<crypto::Key> pub = ed25519PublicKeyFromHex(rfcSigner().pubkeyHex());
  ASSERT_TRUE(pub.isOk());
  EXPECT_FALSE(ManifestSigner::Create(*pub).isOk());
  EXPECT_FALSE(ed25519KeyFromSeed("short").isOk());
  EXPECT_FALSE(ed25519PublicKeyFromHex("0x1234").isOk());
}

}  // namespace
}  // namespace tars::verifier
