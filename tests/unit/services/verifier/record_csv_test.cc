// The prepare inputs (spec/cap.md §1.2, §2.7): the C2 files of §2.8, read from the spec, give the
// spec's record hashes, roots, company root and screening hashes; bad tiers and headers name the
// line.

#include "services/verifier/record_csv.h"

#include <gtest/gtest.h>

#include "spec_text.h"

namespace tars::verifier {
namespace {

TEST(RecordCsvTest, C2VectorsFromTheSpec) {
  std::vector<std::string> blocks =
      test::fencedBlocks(test::specSection(test::readCapSpec(), "### 2.8"));
  ASSERT_GE(blocks.size(), 2u) << "spec/cap.md §2.8 not found (run through ctest)";
  CapOr<std::vector<SupplierRecord>> suppliers = readSupplierCsv(blocks[0]);
  ASSERT_TRUE(suppliers.isOk()) << suppliers.status().toString();
  CapOr<std::vector<UboRecord>> ubos = readUboCsv(blocks[1]);
  ASSERT_TRUE(ubos.isOk()) << ubos.status().toString();
  ASSERT_EQ(suppliers->size(), 2u);
  EXPECT_EQ((*suppliers)[1].name, "Tejo Componentes Lda");
  EXPECT_EQ((*suppliers)[1].tier, 2u);
  Commitments c = computeCommitments(*suppliers, *ubos);
  EXPECT_EQ(c.supplier_root, "0x9187165b2574051c9d3458f4c9ea88164b2f1af270d44732a02b2481dd63b13a");
  EXPECT_EQ(c.ubo_root, "0x8ab3db9cbe9a7c0e2c3c2b524f78f373789d633f23c059f9a21c4911b363b713");
  EXPECT_EQ(c.company_commitment_root,
            "0xea9134bb63361a4a0f8eb61c2d0a7e4830c27f02039df2e5693344f7658d1588");
  EXPECT_EQ(c.ubo_screening_hashes[0],
            "0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608");
}

TEST(RecordCsvTest, Tiers) {
  CapOr<std::vector<SupplierRecord>> ok =
      readSupplierCsv("name,jurisdiction,tier\nA,DE,0\nB,DE,4294967295\n");
  ASSERT_TRUE(ok.isOk());
  EXPECT_EQ((*ok)[1].tier, 4294967295u);
  for (std::string_view tier : {"4294967296", "-1", "+1", "1.0", "", " 1", "99999999999"}) {
    CapOr<std::vector<SupplierRecord>> bad =
        readSupplierCsv("name,jurisdiction,tier\nA,DE,1\nB,DE," + std::string(tier) + "\n");
    ASSERT_FALSE(bad.isOk()) << tier;
    EXPECT_EQ(bad.error().problem, CapProblem::kInvalidCsv);
    EXPECT_EQ(
        bad.error().status.fieldErrors(),
        (std::vector<FieldError>{{"line 3", "tier: expected an unsigned integer 0…4294967295"}}))
        << tier;
  }
}

TEST(RecordCsvTest, HeadersAndEmptyFiles) {
  CapOr<std::vector<UboRecord>> wrong = readUboCsv("name,birthdate,nationality\nA,B,C\n");
  ASSERT_FALSE(wrong.isOk());
  EXPECT_EQ(wrong.error().status.fieldErrors()[0],
            (FieldError{"line 1", "expected the header name,birthdate,citizenship"}));
  CapOr<std::vector<SupplierRecord>> empty = readSupplierCsv("name,jurisdiction,tier\r\n");
  ASSERT_FALSE(empty.isOk());
  EXPECT_EQ(empty.error().status.fieldErrors()[0], (FieldError{"line 2", "no data rows"}));
  // UBO cells are used as written, '|' included (they are never split again).
  CapOr<std::vector<UboRecord>> pipes = readUboCsv("name,birthdate,citizenship\nA|B,,DE\n");
  ASSERT_TRUE(pipes.isOk());
  EXPECT_EQ((*pipes)[0].name, "A|B");
}

}  // namespace
}  // namespace tars::verifier
