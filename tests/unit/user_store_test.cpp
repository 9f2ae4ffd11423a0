#include "store/user_store.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/audit_log.h"
#include "support/test_database.h"

namespace twinning::store {
namespace {

class UserStoreTest : public testing::BackendTest {};

User named(const std::string& name, Role role) {
  User u;
  u.name = name;
  u.role = role;
  return u;
}

TEST_P(UserStoreTest, StoresUsersAndTheirHashesApart) {
  UserStore users(*store);
  UserId b = users.create(named("bob", Role::kViewer), "");
  UserId a = users.create(named("alice", Role::kAdmin), "$argon2id$fake");
  auto list = users.list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "alice");  // by name
  EXPECT_TRUE(list[0].has_password);
  EXPECT_FALSE(list[1].has_password);
  EXPECT_EQ(users.credentials("alice")->password_hash, "$argon2id$fake");
  EXPECT_EQ(users.credentials("bob")->password_hash, "");
  EXPECT_FALSE(users.credentials("carol"));
  EXPECT_EQ(users.require(b).role, Role::kViewer);
  EXPECT_EQ(users.active_admin_count(), 1);
  UserChanges c;
  c.disabled = true;
  EXPECT_TRUE(users.update(a, c).disabled);
  EXPECT_EQ(users.active_admin_count(), 0);
  auto audit = AuditLog(*store).list({"user", std::to_string(a), "", 0, 10});
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].before["disabled"], false);
  EXPECT_EQ(audit[1].after["disabled"], true);
  EXPECT_EQ(audit[1].after.dump().find("argon2"), std::string::npos);
}

TEST_P(UserStoreTest, NamesAreUnique) {
  UserStore users(*store);
  users.create(named("alice", Role::kAdmin), "");
  try {
    users.create(named("alice", Role::kViewer), "");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConflict);
    EXPECT_EQ(e.field(), "name");
  }
  EXPECT_EQ(users.list().size(), 1u);
}

TWINNING_ON_EVERY_BACKEND(UserStoreTest);

}  // namespace
}  // namespace twinning::store
