// UserRepository contract, run against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <set>

#include "store_fixture.h"
#include "test_records.h"

namespace tars::test {
namespace {

using store::PageRequest;
using store::UserRecord;

TEST_P(StoreSuite, UserCreateGetAndFindIgnoringCase) {
  UserRecord u = makeUser("admin-001", "admin", now());
  u.roles = {"admin", "developer"};
  ASSERT_OK(store().users().create(u));
  auto got = store().users().get("admin-001");
  ASSERT_OK(got);
  EXPECT_EQ(*got, u);
  auto found = store().users().findByUsername("ADMIN");
  ASSERT_OK(found);
  EXPECT_EQ(found->user_id, "admin-001");
}

TEST_P(StoreSuite, UserNullEmailAndDisabledRoundTrip) {
  UserRecord u = makeUser("usr_01", "nomail", now());
  u.email.reset();
  u.disabled = true;
  ASSERT_OK(store().users().create(u));
  auto got = store().users().get("usr_01");
  ASSERT_OK(got);
  EXPECT_EQ(*got, u);
}

TEST_P(StoreSuite, UserDuplicateIdOrUsernameIsAlreadyExists) {
  ASSERT_OK(store().users().create(makeUser("dev-001", "developer", now())));
  EXPECT_CODE(store().users().create(makeUser("dev-001", "other", now())),
              StatusCode::kAlreadyExists);
  EXPECT_CODE(store().users().create(makeUser("dev-002", "Developer", now())),
              StatusCode::kAlreadyExists);
}

TEST_P(StoreSuite, TextMustBeUtf8WithoutNulOnEveryBackend) {
  EXPECT_CODE(store().users().create(makeUser("u1", std::string("bad\xC3\x28", 5), now())),
              StatusCode::kInvalidArgument);
  EXPECT_CODE(store().users().create(makeUser("u1", std::string("nul\0name", 8), now())),
              StatusCode::kInvalidArgument);
  EXPECT_CODE(store().users().get(std::string("\xFF")), StatusCode::kInvalidArgument);
  UserRecord u = makeUser("u1", "zo\xC3\xAB", now());  // valid UTF-8 round-trips
  ASSERT_OK(store().users().create(u));
  EXPECT_EQ(*store().users().get("u1"), u);
}

TEST_P(StoreSuite, UserMissingIsNotFound) {
  EXPECT_CODE(store().users().get("nobody"), StatusCode::kNotFound);
  EXPECT_CODE(store().users().findByUsername("nobody"), StatusCode::kNotFound);
  EXPECT_CODE(store().users().update(makeUser("nobody", "nobody", now())), StatusCode::kNotFound);
  EXPECT_CODE(store().users().disable("nobody", now(), "admin"), StatusCode::kNotFound);
}

TEST_P(StoreSuite, UserUpdateReplacesFieldsAndChecksUsername) {
  ASSERT_OK(store().users().create(makeUser("u1", "alice", now())));
  ASSERT_OK(store().users().create(makeUser("u2", "bob", now())));
  clock_.advance(std::chrono::seconds(5));
  auto u = store().users().get("u1");
  ASSERT_OK(u);
  u->password_hash = "$argon2id$new";
  u->roles = {"viewer"};
  u->email = "alice@example.org";
  u->updated_at = store::truncateToMillis(now());
  ASSERT_OK(store().users().update(*u));
  EXPECT_EQ(*store().users().get("u1"), *u);

  u->username = "BOB";
  EXPECT_CODE(store().users().update(*u), StatusCode::kAlreadyExists);
}

TEST_P(StoreSuite, UserDisableRevokesEveryFamilyAtomically) {
  ASSERT_OK(store().users().create(makeUser("u1", "alice", now())));
  ASSERT_OK(store().refreshFamilies().create(makeFamily("fam-a", "u1", "jti-a", now())));
  ASSERT_OK(store().refreshFamilies().create(makeFamily("fam-b", "u1", "jti-b", now())));
  ASSERT_OK(store().refreshFamilies().revoke("fam-b", now(), "logout"));
  clock_.advance(std::chrono::seconds(1));

  auto revoked = store().users().disable("u1", now(), "user_disabled");
  ASSERT_OK(revoked);
  EXPECT_EQ(*revoked, std::vector<std::string>{"fam-a"});
  EXPECT_TRUE(store().users().get("u1")->disabled);
  auto fam = store().refreshFamilies().get("fam-a");
  ASSERT_OK(fam);
  EXPECT_EQ(fam->revoke_reason, "user_disabled");
  EXPECT_EQ(fam->revoked_at, store::truncateToMillis(now()));

  auto feed = store().revocations().changesSince(0, 100);
  ASSERT_OK(feed);
  ASSERT_EQ(feed->changes.size(), 2u);  // fam-b by logout, fam-a by disable
  EXPECT_EQ(feed->changes[1].id, "fam-a");
  EXPECT_EQ(feed->changes[1].kind, store::RevocationKind::kFamily);
}

TEST_P(StoreSuite, UserListPagesByUsernameToTheEnd) {
  const std::vector<std::string> names = {"zed", "Amy", "bob", "carl", "dora", "eve", "fay"};
  int i = 0;
  for (const std::string& n : names)
    ASSERT_OK(store().users().create(makeUser("u" + std::to_string(i++), n, now())));

  std::vector<std::string> seen;
  PageRequest page{"", 3};
  int pages = 0;
  while (true) {
    auto p = store().users().list(page);
    ASSERT_OK(p);
    ++pages;
    for (const UserRecord& u : p->items)
      seen.push_back(u.username);
    if (!p->next_cursor)
      break;
    page.cursor = *p->next_cursor;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"Amy", "bob", "carl", "dora", "eve", "fay", "zed"}));
}

TEST_P(StoreSuite, UserListExactPageHasNoNextCursor) {
  for (int i = 0; i < 3; ++i)
    ASSERT_OK(
        store().users().create(makeUser("u" + std::to_string(i), "n" + std::to_string(i), now())));
  auto p = store().users().list({"", 3});
  ASSERT_OK(p);
  EXPECT_EQ(p->items.size(), 3u);
  EXPECT_FALSE(p->next_cursor.has_value());
}

TEST_P(StoreSuite, UserListDefaultLimitIs50) {
  for (int i = 0; i < 51; ++i)
    ASSERT_OK(store().users().create(
        makeUser("u" + std::to_string(i), "user" + std::to_string(100 + i), now())));
  auto p = store().users().list({"", 0});
  ASSERT_OK(p);
  EXPECT_EQ(p->items.size(), 50u);
  ASSERT_TRUE(p->next_cursor.has_value());
  auto rest = store().users().list({*p->next_cursor, 0});
  ASSERT_OK(rest);
  EXPECT_EQ(rest->items.size(), 1u);
  EXPECT_FALSE(rest->next_cursor.has_value());
}

TEST_P(StoreSuite, UserListRejectsForeignOrGarbageCursor) {
  EXPECT_CODE(store().users().list({"not-a-cursor!", 10}), StatusCode::kInvalidArgument);
  // A cursor issued by another list is refused too.
  for (int i = 0; i < 3; ++i)
    ASSERT_OK(store().auditLog().append(makeEvent("e" + std::to_string(i), now())));
  auto audit = store().auditLog().list({}, {"", 1});
  ASSERT_OK(audit);
  ASSERT_TRUE(audit->next_cursor.has_value());
  EXPECT_CODE(store().users().list({*audit->next_cursor, 10}), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tars::test
