// `tars cap prepare` and `tars cap verify-manifest` through the real binary (spec/cap.md §2.7,
// §7.12), on the spec's own vectors: the C2 supplier and UBO files of §2.8 and the signed §7.10
// response, read from spec/cap.md beside the repository.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "harness/scripted_peer.h"
#include "harness/tars_process.h"
#include "services/verifier/spec_text.h"

namespace tars::test {
namespace {

constexpr char kRfcPubkey[] = "0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

class CapCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spec_ = verifier::test::readCapSpec();
    ASSERT_FALSE(spec_.empty()) << "spec/cap.md not found (run through ctest)";
  }
  std::vector<std::string> blocks(const char* heading) const {
    return verifier::test::fencedBlocks(verifier::test::specSection(spec_, heading));
  }
  std::string spec_;
  TempDir dir_;
};

TEST_F(CapCliTest, PrepareComputesTheSpecRootsAndAContext) {
  std::vector<std::string> c2 = blocks("### 2.8");
  ASSERT_GE(c2.size(), 2u);
  const std::string suppliers = dir_.write("suppliers.csv", c2[0]);
  const std::string ubos = dir_.write("ubos.csv", c2[1]);

  RunResult r = runTars({"cap", "prepare", "--suppliers", suppliers, "--ubos", ubos});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  boost::json::object o = boost::json::parse(r.out).as_object();
  EXPECT_EQ(o["supplier_root"],
            "0x9187165b2574051c9d3458f4c9ea88164b2f1af270d44732a02b2481dd63b13a");
  EXPECT_EQ(o["ubo_root"], "0x8ab3db9cbe9a7c0e2c3c2b524f78f373789d633f23c059f9a21c4911b363b713");
  EXPECT_EQ(o["company_commitment_root"],
            "0xea9134bb63361a4a0f8eb61c2d0a7e4830c27f02039df2e5693344f7658d1588");
  EXPECT_EQ(o["supplier_count"], 2);
  // The original's commitments.json members come first, in its order.
  EXPECT_EQ(r.out.rfind(R"({"supplier_root":)", 0), 0u) << r.out;

  const std::string root = "0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c";
  const std::string out_file = dir_.file("context.json");
  RunResult ctx = runTars({"cap", "prepare", "--suppliers", suppliers, "--ubos", ubos, "--context",
                           "--sanctions-root", root, "-o", out_file});
  ASSERT_EQ(ctx.exit_code, 0) << ctx.err;
  EXPECT_EQ(ctx.out, "");
  std::ifstream in(out_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boost::json::object c = boost::json::parse(text).as_object();
  EXPECT_EQ(c["sanctions_root"], root.c_str());
  EXPECT_TRUE(c["jurisdiction_root"].is_null());
  EXPECT_EQ(c["company_commitment_root"], o["company_commitment_root"]);
  EXPECT_EQ(c["ubo_hashes"].as_array().at(0),
            "0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608");
  EXPECT_TRUE(c["variables"].as_object().empty());
}

TEST_F(CapCliTest, PrepareStopsOnABadFileNamingFileAndLine) {
  const std::string good = dir_.write("ubos.csv", "name,birthdate,citizenship\nA,1970-01-01,DE\n");
  const std::string bad = dir_.write("bad.csv", "name,jurisdiction,tier\nA,DE,1\nB,DE,x\n");
  RunResult r = runTars({"cap", "prepare", "--suppliers", bad, "--ubos", good});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;
  const std::string empty = dir_.write("empty.csv", "name,jurisdiction,tier\n");
  EXPECT_EQ(runTars({"cap", "prepare", "--suppliers", empty, "--ubos", good}).exit_code, 2);
  EXPECT_EQ(runTars({"cap", "prepare", "--suppliers", dir_.file("missing.csv"), "--ubos", good})
                .exit_code,
            2);
  EXPECT_EQ(
      runTars({"cap", "prepare", "--suppliers", good, "--ubos", good, "--sanctions-root", "0xABC"})
          .exit_code,
      2);
}

TEST_F(CapCliTest, VerifyManifestChecksTheSpecResponse) {
  std::vector<std::string> example = blocks("### 7.10");
  ASSERT_GE(example.size(), 2u);
  const std::string saved = dir_.write("response.json", example[1]);

  RunResult pinned = runTars({"cap", "verify-manifest", saved, "--key", kRfcPubkey});
  EXPECT_EQ(pinned.exit_code, 0) << pinned.out << pinned.err;
  EXPECT_NE(pinned.out.find("valid"), std::string::npos);

  RunResult unpinned = runTars({"cap", "verify-manifest", saved});
  EXPECT_EQ(unpinned.exit_code, 3) << unpinned.out << unpinned.err;

  const std::string other_key = "0x" + std::string(64, '1');
  EXPECT_EQ(runTars({"cap", "verify-manifest", saved, "--key", other_key}).exit_code, 1);

  // A tampered verdict: the manifest no longer matches its hash and signature.
  boost::json::object tampered = boost::json::parse(example[1]).as_object();
  const bool was_ok = tampered["result"] == "OK";
  tampered["manifest"].as_object()["verdict"] = was_ok ? "FAIL" : "OK";
  tampered["result"] = was_ok ? "FAIL" : "OK";
  const std::string edited = dir_.write("tampered.json", boost::json::serialize(tampered));
  RunResult bad = runTars({"cap", "verify-manifest", edited, "--key", kRfcPubkey});
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_NE(bad.out.find("INVALID"), std::string::npos) << bad.out;

  // --keys-url: the key listing of a live server (cap §7.9 shape) pins the signer.
  const std::string listing =
      R"({"keys":[{"kid":"cb483424b33786daf2a6f645cdd65049","alg":"Ed25519","pubkey_hex":")" +
      std::string(kRfcPubkey) + R"(","created_at":"2025-11-20T10:00:00Z"}]})";
  ScriptedPeer keys("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(listing.size()) + "\r\n\r\n" + listing);
  const std::string url =
      "http://127.0.0.1:" + std::to_string(keys.port()) + "/.well-known/cap-keys";
  RunResult listed = runTars({"cap", "verify-manifest", saved, "--keys-url", url});
  EXPECT_EQ(listed.exit_code, 0) << listed.out << listed.err;
  EXPECT_NE(keys.lastRequest().find("GET /.well-known/cap-keys HTTP/1.1"), std::string::npos);
  ScriptedPeer other_keys(R"(HTTP/1.1 200 OK)"
                          "\r\nContent-Length: 11\r\n\r\n"
                          R"({"keys":[]})");
  EXPECT_EQ(runTars({"cap", "verify-manifest", saved, "--keys-url",
                     "http://127.0.0.1:" + std::to_string(other_keys.port()) + "/k"})
                .exit_code,
            1)
      << "a listing without the signer's key";

  EXPECT_EQ(runTars({"cap", "verify-manifest", dir_.write("x.json", "not json")}).exit_code, 2);
  EXPECT_EQ(runTars({"cap", "verify-manifest", dir_.file("missing.json")}).exit_code, 2);
  EXPECT_EQ(runTars({"cap", "verify-manifest", saved, "--keys-url", "https://127.0.0.1:1/keys"})
                .exit_code,
            2);
}

}  // namespace
}  // namespace tars::test
