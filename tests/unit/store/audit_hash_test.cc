#include "store/audit_hash.h"

#include <gtest/gtest.h>

namespace tars::store {
namespace {

AuditRecord sampleRecord() {
  AuditRecord r;
  r.seq = 1;
  r.prev_hash = std::string(kAuditGenesisHash);
  r.event.event_id = "evt_1";
  r.event.timestamp = fromMillis(1'700'000'000'123);
  r.event.type = "user.updated";
  r.event.outcome = "success";
  r.event.actor_type = "user";
  r.event.actor_id = "admin-001";
  r.event.source_ip = "10.0.0.1";
  r.event.request_id = "req_1";
  r.event.target_type = "user";
  r.event.target_id = "dev-001";
  r.event.details_json = R"({"a":1,"b":[true,null,"x\"y"]})";
  return r;
}

TEST(AuditHashTest, CanonicalRecordMatchesTheDocumentedForm) {
  EXPECT_EQ(canonicalAuditRecord(sampleRecord()),
            R"({"actor":{"id":"admin-001","type":"user"},"details":{"a":1,"b":[true,null,"x\"y"]},)"
            R"("event_id":"evt_1","outcome":"success","prev_hash":")" +
                std::string(64, '0') +
                R"(","request_id":"req_1","seq":1,"source_ip":"10.0.0.1",)"
                R"("target":{"id":"dev-001","type":"user"},"timestamp":"2023-11-14T22:13:20.123Z",)"
                R"("type":"user.updated"})");
}

TEST(AuditHashTest, HashIsSha256OfTheCanonicalForm) {
  // Known answer computed independently (Python hashlib over the same text).
  EXPECT_EQ(computeAuditHash(sampleRecord()),
            "031e7c780c4040930d4954918c13d9fe893721ad4487622a49f70d855fbb4f63");
}

TEST(AuditHashTest, AbsentOptionalsAreNullAndTargetIsOmitted) {
  AuditRecord r = sampleRecord();
  r.event.actor_id.reset();
  r.event.source_ip.reset();
  r.event.request_id.reset();
  r.event.target_type.reset();
  r.event.target_id.reset();
  const std::string c = canonicalAuditRecord(r);
  EXPECT_NE(c.find(R"("actor":{"id":null,"type":"user"})"), std::string::npos) << c;
  EXPECT_NE(c.find(R"("request_id":null)"), std::string::npos);
  EXPECT_NE(c.find(R"("source_ip":null)"), std::string::npos);
  EXPECT_EQ(c.find("target"), std::string::npos);
}

TEST(AuditHashTest, EveryFieldChangesTheHash) {
  const std::string base = computeAuditHash(sampleRecord());
  std::vector<void (*)(AuditRecord&)> edits = {
      [](AuditRecord& r) { r.seq = 2; },
      [](AuditRecord& r) { r.prev_hash[0] = '1'; },
      [](AuditRecord& r) { r.event.event_id = "evt_2"; },
      [](AuditRecord& r) { r.event.timestamp += std::chrono::milliseconds(1); },
      [](AuditRecord& r) { r.event.type = "user.created"; },
      [](AuditRecord& r) { r.event.outcome = "failure"; },
      [](AuditRecord& r) { r.event.actor_type = "system"; },
      [](AuditRecord& r) { r.event.actor_id = "dev-001"; },
      [](AuditRecord& r) { r.event.source_ip = "10.0.0.2"; },
      [](AuditRecord& r) { r.event.request_id.reset(); },
      [](AuditRecord& r) { r.event.target_id = "view-001"; },
      [](AuditRecord& r) { r.event.details_json = R"({"a":2,"b":[true,null,"x\"y"]})"; },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    AuditRecord r = sampleRecord();
    edits[i](r);
    EXPECT_NE(computeAuditHash(r), base) << "edit " << i;
  }
}

TEST(AuditHashTest, DetailsAreCanonicalised) {
  auto c = canonicalAuditDetails(
      " { \"b\" : [ 1 , {\"z\":1,\"a\":2} ], \"a\" : \"\\u00e9\\n\\u0001\" } ");
  ASSERT_TRUE(c.isOk()) << c.status().toString();
  EXPECT_EQ(*c, "{\"a\":\"\xC3\xA9\\n\\u0001\",\"b\":[1,{\"a\":2,\"z\":1}]}");
  // Canonicalisation is idempotent: what is stored re-canonicalises to itself.
  EXPECT_EQ(*canonicalAuditDetails(*c), *c);
  EXPECT_EQ(*canonicalAuditDetails("{}"), "{}");
  auto big = canonicalAuditDetails(R"({"n":-5,"u":18446744073709551615,"d":2.5})");
  ASSERT_TRUE(big.isOk());
  EXPECT_EQ(*canonicalAuditDetails(*big), *big);
}

TEST(AuditHashTest, DetailsMustBeAJsonObject) {
  for (const char* bad : {"", "[]", "1", "\"x\"", "{", "{\"a\":}", "null"}) {
    EXPECT_EQ(canonicalAuditDetails(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(canonicalAuditDetails("{\"a\":\"\xC3\x28\"}").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(AuditHashTest, ValidateRejectsBadEvents) {
  AuditEvent e = sampleRecord().event;
  EXPECT_TRUE(validateAuditEvent(e).isOk());
  AuditEvent bad = e;
  bad.source_ip = std::string("\xFF");
  EXPECT_EQ(validateAuditEvent(bad).code(), StatusCode::kInvalidArgument);
  bad = e;
  bad.target_id.reset();  // a target needs both halves, or the hash would not cover it
  EXPECT_EQ(validateAuditEvent(bad).code(), StatusCode::kInvalidArgument);
  bad = e;
  bad.event_id.clear();
  EXPECT_EQ(validateAuditEvent(bad).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tars::store
