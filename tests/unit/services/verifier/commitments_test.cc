// Commitments and list hashes (spec/cap.md §2.2–§2.6) against the §2.8 vectors C1–C3.

#include "services/verifier/commitments.h"

#include <gtest/gtest.h>

#include <vector>

#include "crypto/blake3.h"

namespace tars::verifier {
namespace {

// C2's files.
const std::vector<SupplierRecord> kSuppliers = {
    {"Nordlicht Metall GmbH", "DE", 1},
    {"Tejo Componentes Lda", "PT", 2},
};
const std::vector<UboRecord> kUbos = {
    {"Erika Beispiel", "1970-03-14", "DE"},
    {"Jonas Muster", "1982-11-02", "AT"},
};

TEST(CommitmentsTest, RecordJsonIsTheTypedRecordInOrder) {
  EXPECT_EQ(supplierRecordJson({"Acme GmbH", "DE", 1}),
            R"({"name":"Acme GmbH","jurisdiction":"DE","tier":1})");
  EXPECT_EQ(uboRecordJson({"Erika Beispiel", "1970-03-14", "DE"}),
            R"({"name":"Erika Beispiel","birthdate":"1970-03-14","citizenship":"DE"})");
  // Cells verbatim: no trimming, escapes per §3.3, the full tier range as an integer.
  EXPECT_EQ(supplierRecordJson({" Ä \"q\"\t", "de", 4294967295u}),
            "{\"name\":\" Ä \\\"q\\\"\\t\",\"jurisdiction\":\"de\",\"tier\":4294967295}");
}

TEST(CommitmentsTest, C1CompanyRoot) {
  EXPECT_EQ(
      companyCommitmentRoot("0xc8c033d76e10576eb78edd6c1e4da2134804ab0f18faae831977ebb6bd5559cd",
                            "0x32d837c267f422d7c847e402893c26594cd6695d854d5d553a43cdbf6fd5dc70"),
      "0x518af8b368bdb5058ea0ba378044fa71fc308b2ed0b7eca680fb91b3b5cee389");
}

TEST(CommitmentsTest, C2RecordHashesAndRoots) {
  EXPECT_EQ(supplierRecordHash(kSuppliers[0]),
            "0xf746d558f9f65f9af1af71259868c86ee2cff245a5d0e74ec873de64537b8479");
  EXPECT_EQ(supplierRecordHash(kSuppliers[1]),
            "0x7f39423b3648fb4c36eccaab8d1ea1a7a417191e944734c93f2bc9846de08d20");
  EXPECT_EQ(uboRecordHash(kUbos[0]),
            "0x79206ff74daf81294e49c3f2b081ff6e0e2a3c92225b2b979420877754306782");
  EXPECT_EQ(uboRecordHash(kUbos[1]),
            "0x720d7f52f706da8a68c00d5dfc7bd5e81214150a7faeff5fbc59e3ca839b5428");

  const Commitments c = computeCommitments(kSuppliers, kUbos);
  EXPECT_EQ(c.supplier_root, "0x9187165b2574051c9d3458f4c9ea88164b2f1af270d44732a02b2481dd63b13a");
  EXPECT_EQ(c.ubo_root, "0x8ab3db9cbe9a7c0e2c3c2b524f78f373789d633f23c059f9a21c4911b363b713");
  EXPECT_EQ(c.company_commitment_root,
            "0xea9134bb63361a4a0f8eb61c2d0a7e4830c27f02039df2e5693344f7658d1588");
  EXPECT_EQ(c.supplier_count, 2u);
  EXPECT_EQ(c.ubo_count, 2u);
  EXPECT_EQ(c.supplier_record_hashes[1],
            "0x7f39423b3648fb4c36eccaab8d1ea1a7a417191e944734c93f2bc9846de08d20");
  EXPECT_EQ(c.ubo_record_hashes[0],
            "0x79206ff74daf81294e49c3f2b081ff6e0e2a3c92225b2b979420877754306782");
}

TEST(CommitmentsTest, C2ScreeningHashes) {
  const Commitments c = computeCommitments(kSuppliers, kUbos);
  EXPECT_EQ(c.supplier_screening_hashes,
            (std::vector<std::string>{
                "0x281d3eac17c8697ae5cac4255c605730d1d9db2a75cd4a2fe6fc367d8b1a31a2",
                "0xe835adb2a5dee76c2bede526f002e956fb875d87f6eb7770207fc91f4e4a6c0a"}));
  EXPECT_EQ(c.ubo_screening_hashes,
            (std::vector<std::string>{
                "0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608",
                "0xba2c8446b7e6d44ddff73b898d01c7a689ec2bb0828e5e3d178c5a1b62b86951"}));
  EXPECT_EQ(c.supplier_jurisdiction_hashes,
            (std::vector<std::string>{
                "0x472317cadef2a5c973ef0787d778395b6f0b578daf0f3e6046df08547ab9f0b9",
                "0xc32cf3c43dfc3fe09082dbf6405bff50d3ce15c9d11a0d770d45a5ec16a5a8c4"}));
  // The preimages are the documented ones.
  EXPECT_EQ(supplierScreeningHash(kSuppliers[0]), crypto::blake3Hex("Nordlicht Metall GmbH||DE"));
  EXPECT_EQ(supplierJurisdictionProbe(kSuppliers[1]), crypto::blake3Hex("PT|HIGH"));
}

TEST(CommitmentsTest, C3SanctionsList) {
  const std::vector<SanctionsEntry> rows = {
      {"Ivan Phantom", "1961-07-01", "ZZ"},
      {"Blackwater Shell Trading Ltd", "", "ZZ"},
      {"Erika Beispiel", "1970-03-14", "DE"},
  };
  std::vector<std::string> entries;
  for (const auto& row : rows)
    entries.push_back(sanctionsEntryHash(row));
  EXPECT_EQ(entries, (std::vector<std::string>{
                         "0xebbdf1262b9f653812b29042d0d554a30ed5ca043259287f1b5141c575c2cce9",
                         "0x57aceaa0168ef7b30029938c22061b1521abf5627a6e65328d71ac1a614e3ce9",
                         "0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608"}));
  EXPECT_EQ(hashListRoot(entries),
            "0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c");
  // The third entry is C2's first UBO screening hash.
  EXPECT_EQ(entries[2], uboScreeningHash(kUbos[0]));
}

TEST(CommitmentsTest, C3JurisdictionsList) {
  const std::vector<JurisdictionEntry> rows = {{"IR", "HIGH"}, {"KP", "HIGH"}, {"DE", "LOW"}};
  std::vector<std::string> entries;
  for (const auto& row : rows)
    entries.push_back(jurisdictionEntryHash(row));
  EXPECT_EQ(entries, (std::vector<std::string>{
                         "0x2b26d1f93aaf491e6a07db20576384229b9b8d3ea9bfb95d46925edf9c49c29e",
                         "0x4932c2bd5d3a164b1d1898d497440cfa28591b9f441cf307509982d71dc83ccc",
                         "0x9587bc7dc23f5618bb146ff2dfe12c7a8c21b74ddfce629dbca9d5f46c16d351"}));
  EXPECT_EQ(hashListRoot(entries),
            "0x6faf8f1ddb9514e0b6662946487e2b7b02d614de07cee1d64c9cac4c4feb543b");
}

TEST(CommitmentsTest, RootsAreFlatOrderedAndKeepDuplicates) {
  const std::vector<std::string> ab = {supplierRecordHash(kSuppliers[0]),
                                       supplierRecordHash(kSuppliers[1])};
  const std::vector<std::string> ba = {ab[1], ab[0]};
  const std::vector<std::string> aab = {ab[0], ab[0], ab[1]};
  EXPECT_NE(hashListRoot(ab), hashListRoot(ba));
  EXPECT_NE(hashListRoot(ab), hashListRoot(aab));
  EXPECT_EQ(hashListRoot(ab), crypto::blake3Hex(ab[0] + ab[1]));  // with the "0x", no separator
  EXPECT_EQ(hashListRoot({}), crypto::blake3Hex(""));
}

TEST(CommitmentsTest, DerivedCompanyRootIsNotTheCommitmentRoot) {
  const Commitments c = computeCommitments(kSuppliers, kUbos);
  const std::string derived =
      derivedCompanyRoot(c.supplier_screening_hashes, c.ubo_screening_hashes);
  EXPECT_EQ(derived,
            crypto::blake3Hex(c.supplier_screening_hashes[0] + c.supplier_screening_hashes[1] +
                              c.ubo_screening_hashes[0] + c.ubo_screening_hashes[1]));
  EXPECT_NE(derived, c.company_commitment_root);
}

}  // namespace
}  // namespace tars::verifier
