// List CSV bodies (spec/cap.md §6.2–§6.3): the C3 lists of §2.8 read from the spec give the spec's
// entry hashes and roots, every CSV rule's accepted spellings give the same root, and each bad
// input is an error naming its line.

#include "services/verifier/list_csv.h"

#include <gtest/gtest.h>

#include "services/verifier/commitments.h"
#include "spec_text.h"

namespace tars::verifier {
namespace {

const std::vector<std::string> kSanctionsHashes = {
    "0xebbdf1262b9f653812b29042d0d554a30ed5ca043259287f1b5141c575c2cce9",
    "0x57aceaa0168ef7b30029938c22061b1521abf5627a6e65328d71ac1a614e3ce9",
    "0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608"};
const std::string kSanctionsRoot =
    "0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c";
const std::vector<std::string> kJurisdictionHashes = {
    "0x2b26d1f93aaf491e6a07db20576384229b9b8d3ea9bfb95d46925edf9c49c29e",
    "0x4932c2bd5d3a164b1d1898d497440cfa28591b9f441cf307509982d71dc83ccc",
    "0x9587bc7dc23f5618bb146ff2dfe12c7a8c21b74ddfce629dbca9d5f46c16d351"};
const std::string kJurisdictionRoot =
    "0x6faf8f1ddb9514e0b6662946487e2b7b02d614de07cee1d64c9cac4c4feb543b";

// The C3 CSV files of §2.8 (the 3rd and 4th fenced blocks).
std::vector<std::string> c3Files() {
  std::vector<std::string> blocks =
      test::fencedBlocks(test::specSection(test::readCapSpec(), "### 2.8"));
  if (blocks.size() < 4)
    return {};
  return {blocks[2], blocks[3]};
}

TEST(ListCsvTest, C3VectorsFromTheSpec) {
  std::vector<std::string> files = c3Files();
  ASSERT_EQ(files.size(), 2u) << "spec/cap.md §2.8 not found (run through ctest)";
  ASSERT_TRUE(files[0].starts_with("name,birthdate,nationality\n"));
  CapOr<ParsedList> sanctions = readListCsv(ListKind::kSanctions, files[0]);
  ASSERT_TRUE(sanctions.isOk()) << sanctions.status().toString();
  EXPECT_EQ(sanctions->entry_hashes, kSanctionsHashes);
  EXPECT_EQ(sanctions->root, kSanctionsRoot);
  EXPECT_EQ(sanctions->count, 3u);
  CapOr<ParsedList> jurisdictions = readListCsv(ListKind::kJurisdictions, files[1]);
  ASSERT_TRUE(jurisdictions.isOk()) << jurisdictions.status().toString();
  EXPECT_EQ(jurisdictions->entry_hashes, kJurisdictionHashes);
  EXPECT_EQ(jurisdictions->root, kJurisdictionRoot);
  EXPECT_EQ(jurisdictions->count, 3u);
}

TEST(ListCsvTest, AcceptedSpellingsGiveTheSameRoot) {
  for (std::string_view body : {
           "iso_code,risk_level\nIR,HIGH\nKP,HIGH\nDE,LOW",                    // no final LF
           "iso_code,risk_level\r\nIR,HIGH\r\nKP,HIGH\r\nDE,LOW\r\n",          // CRLF
           "\xEF\xBB\xBFiso_code,risk_level\nIR,HIGH\nKP,HIGH\nDE,LOW\n",      // BOM
           "\niso_code,risk_level\n\nIR,HIGH\n\r\nKP,HIGH\nDE,LOW\n\n",        // empty lines
           "iso_code,risk_level\n\"IR\",HIGH\nKP,\"HIGH\"\n\"DE\",\"LOW\"\n",  // quoted
       }) {
    CapOr<ParsedList> list = readListCsv(ListKind::kJurisdictions, body);
    ASSERT_TRUE(list.isOk()) << body << ": " << list.status().toString();
    EXPECT_EQ(list->root, kJurisdictionRoot) << body;
  }
}

TEST(ListCsvTest, QuotesAndEmptyCellsAndDuplicates) {
  CapOr<ParsedList> list =
      readListCsv(ListKind::kSanctions,
                  "name,birthdate,nationality\n\"Blackwater Shell Trading Ltd\",,ZZ\n"
                  "\"Say \"\"Hi\"\", Ltd\",,\nBlackwater Shell Trading Ltd,,ZZ\n");
  ASSERT_TRUE(list.isOk()) << list.status().toString();
  ASSERT_EQ(list->count, 3u);
  EXPECT_EQ(list->entry_hashes[0], kSanctionsHashes[1]);
  EXPECT_EQ(list->entry_hashes[1], sanctionsEntryHash(SanctionsEntry{"Say \"Hi\", Ltd", "", ""}));
  EXPECT_EQ(list->entry_hashes[2], kSanctionsHashes[1]);  // duplicates kept
  // Cells verbatim: no trimming.
  CapOr<ParsedList> spaced = readListCsv(
      ListKind::kSanctions, "name,birthdate,nationality\n Ivan Phantom,1961-07-01,ZZ\n");
  ASSERT_TRUE(spaced.isOk());
  EXPECT_NE(spaced->entry_hashes[0], kSanctionsHashes[0]);
}

void expectInvalid(ListKind kind, std::string_view body, std::vector<FieldError> expected) {
  CapOr<ParsedList> list = readListCsv(kind, body);
  ASSERT_FALSE(list.isOk()) << body;
  EXPECT_EQ(list.error().problem, CapProblem::kInvalidCsv) << body;
  EXPECT_EQ(list.error().status.code(), StatusCode::kValidation) << body;
  EXPECT_EQ(list.error().status.fieldErrors(), expected) << body;
}

TEST(ListCsvTest, BadHeaderRowsAndEmptyBodies) {
  const ListKind s = ListKind::kSanctions;
  const ListKind j = ListKind::kJurisdictions;
  expectInvalid(s, "Name,Birthdate,Nationality\nA,,\n",
                {{"line 1", "expected the header name,birthdate,nationality"}});
  expectInvalid(j, "risk_level,iso_code\nIR,HIGH\n",
                {{"line 1", "expected the header iso_code,risk_level"}});
  expectInvalid(s, "", {{"line 1", "expected the header name,birthdate,nationality"}});
  expectInvalid(s, "name,birthdate,nationality\n", {{"line 2", "no data rows"}});
  expectInvalid(
      s, "name,birthdate,nationality\nA,B\nC,D,E,F\n",
      {{"line 2", "expected 3 fields, found 2"}, {"line 3", "expected 3 fields, found 4"}});
  expectInvalid(s, "name,birthdate,nationality\n,1961-07-01,ZZ\n",
                {{"line 2", "name: must not be empty"}});
  expectInvalid(s, "name,birthdate,nationality\nA|B,,ZZ\n",
                {{"line 2", "name: '|' is not allowed"}});
  expectInvalid(
      s, "name,birthdate,nationality\nA,\"1961\n07\",ZZ\n",
      {{"line 2", "unterminated quoted field (line breaks inside quotes are not allowed)"},
       {"line 3", "quote inside an unquoted field"}});
  expectInvalid(s, "name,birthdate,nationality\nA,B\tC,ZZ\n",
                {{"line 2", "birthdate: control characters are not allowed"}});
  expectInvalid(s, "name,birthdate,nationality\nA,B\rC,ZZ\n",
                {{"line 2", "birthdate: control characters are not allowed"}});
  expectInvalid(s, "name,birthdate,nationality\nA,B,\x7f\n",
                {{"line 2", "nationality: control characters are not allowed"}});
  expectInvalid(s, "name,birthdate,nationality\n\xC3\x28,,ZZ\n",
                {{"line 2", "name: not valid UTF-8"}});
  expectInvalid(s, "name,birthdate,nationality\nA\"B,,ZZ\n",
                {{"line 2", "quote inside an unquoted field"}});
  expectInvalid(s, "name,birthdate,nationality\n\"A\"B,,ZZ\n",
                {{"line 2", "unexpected character after a closing quote"}});
  expectInvalid(j, "iso_code,risk_level\nir,HIGH\nIRN,HIGH\nDE,High\nDE,\n",
                {{"line 2", "iso_code: must match ^[A-Z]{2}$"},
                 {"line 3", "iso_code: must match ^[A-Z]{2}$"},
                 {"line 4", "risk_level: must be HIGH, MEDIUM or LOW"},
                 {"line 5", "risk_level: must be HIGH, MEDIUM or LOW"}});
}

TEST(ListCsvTest, AtMostTwentyErrors) {
  std::string body = "iso_code,risk_level\n";
  for (int i = 0; i < 50; ++i)
    body += "xx,HIGH\n";
  CapOr<ParsedList> list = readListCsv(ListKind::kJurisdictions, body);
  ASSERT_FALSE(list.isOk());
  EXPECT_EQ(list.error().status.fieldErrors().size(), 20u);
  EXPECT_EQ(list.error().status.fieldErrors().back().field, "line 21");
  EXPECT_EQ(list.error().status.message(), "invalid CSV: line 2: iso_code: must match ^[A-Z]{2}$");
}

TEST(ListCsvTest, Limits) {
  ListLimits limits;
  limits.max_rows = 3;
  CapOr<ParsedList> ok = readListCsv(ListKind::kJurisdictions,
                                     "iso_code,risk_level\nIR,HIGH\nKP,HIGH\nDE,LOW\n", limits);
  EXPECT_TRUE(ok.isOk());
  CapOr<ParsedList> big = readListCsv(
      ListKind::kJurisdictions, "iso_code,risk_level\nIR,HIGH\nKP,HIGH\nDE,LOW\nFR,LOW\n", limits);
  ASSERT_FALSE(big.isOk());
  EXPECT_EQ(big.error().problem, CapProblem::kListTooLarge);
  EXPECT_EQ(big.error().status.code(), StatusCode::kPayloadTooLarge);
  EXPECT_EQ(big.error().status.message(), "list exceeds 3 rows");
  limits = ListLimits{};
  limits.max_bytes = 10;
  CapOr<ParsedList> bytes = readListCsv(ListKind::kJurisdictions, "iso_code,risk_level\n", limits);
  ASSERT_FALSE(bytes.isOk());
  EXPECT_EQ(bytes.error().problem, CapProblem::kGeneric);
  EXPECT_EQ(bytes.error().status.code(), StatusCode::kPayloadTooLarge);
  EXPECT_EQ(bytes.error().status.message(), "request body exceeds 10 bytes");
}

TEST(ListCsvTest, DefaultRowLimitIs100000) {
  std::string body = "iso_code,risk_level\n";
  body.reserve(body.size() + 100001 * 8);
  for (int i = 0; i < 100000; ++i)
    body += "DE,LOW\n";
  EXPECT_TRUE(readListCsv(ListKind::kJurisdictions, body).isOk());
  body += "DE,LOW\n";
  CapOr<ParsedList> big = readListCsv(ListKind::kJurisdictions, body);
  ASSERT_FALSE(big.isOk());
  EXPECT_EQ(big.error().status.message(), "list exceeds 100000 rows");
}

TEST(ListCsvTest, KindNames) {
  EXPECT_EQ(listKindFromName("sanctions"), ListKind::kSanctions);
  EXPECT_EQ(listKindFromName("jurisdictions"), ListKind::kJurisdictions);
  EXPECT_FALSE(listKindFromName("Sanctions").has_value());
  EXPECT_FALSE(listKindFromName("").has_value());
  EXPECT_EQ(listKindName(ListKind::kSanctions), "sanctions");
  EXPECT_EQ(listKindName(ListKind::kJurisdictions), "jurisdictions");
}

}  // namespace
}  // namespace tars::verifier
