// auth/users.h use cases on both backends.
#include "auth/users.h"

#include <gtest/gtest.h>

#include "auth/login.h"
#include "model/error.h"
#include "store/audit_log.h"
#include "store/city_store.h"
#include "support/user_fixtures.h"

namespace twinning::auth {
namespace {

using testing::code_of;

class UsersTest : public testing::UsersFixture {};

TEST_P(UsersTest, NamesAreFoldedAndChecked) {
  EXPECT_EQ(normalize_user_name("  Alice.Smith@Coventry-GOV_uk "), "alice.smith@coventry-gov_uk");
  std::string field;
  EXPECT_EQ(code_of([] { normalize_user_name("cli:root"); }, nullptr, &field),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "name");
  EXPECT_EQ(code_of([] { normalize_user_name(""); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of([] { normalize_user_name(std::string(65, 'a')); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of([] { validate_password("short"); }, nullptr, &field), ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "password");
}

TEST_P(UsersTest, OnlyAdminsManageUsers) {
  User viewer = add("viewer", Role::kViewer);
  store->set_actor(actor_of(add("coord", Role::kCoordinator)));
  EXPECT_EQ(code_of([&] { add("x", Role::kViewer); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { list_users(*store); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { issue_api_token(*store, viewer.id, ""); }), ErrorCode::kForbidden);
  UserUpdate u;
  u.role = Role::kAdmin;
  EXPECT_EQ(code_of([&] { update_user(*store, viewer.id, u); }), ErrorCode::kForbidden);
  store->set_actor(local_operator());
  EXPECT_EQ(list_users(*store).size(), 2u);
}

TEST_P(UsersTest, CorrespondentsAreBoundToOneCity) {
  User c = add("koeln", Role::kCorrespondent, cologne);
  EXPECT_EQ(c.city, cologne);
  std::string field;
  EXPECT_EQ(code_of([&] { add("x", Role::kCorrespondent); }, nullptr, &field),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "city");
  EXPECT_EQ(code_of([&] { add("x", Role::kCoordinator, cologne); }, nullptr, &field),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of([&] { add("x", Role::kCorrespondent, 99999); }, nullptr, &field),
            ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { add("KOELN", Role::kViewer); }, nullptr, &field), ErrorCode::kConflict);
  EXPECT_EQ(field, "name");
  UserUpdate u;
  u.role = Role::kViewer;
  User after = update_user(*store, c.id, u);
  EXPECT_EQ(after.role, Role::kViewer);
  EXPECT_FALSE(after.city.has_value());
}

TEST_P(UsersTest, ChangesAreAuditedWithoutSecrets) {
  NewUser n;
  n.name = "alice";
  n.role = Role::kCoordinator;
  n.password = "correct horse battery";
  User a = add_user(*store, n);
  EXPECT_TRUE(a.has_password);
  UserUpdate u;
  u.password = "another long password";
  update_user(*store, a.id, u);
  issue_api_token(*store, a.id, "cron");
  auto entries = store::AuditLog(*store).list({"user", std::to_string(a.id), "", 0, 10});
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(entries[1].after["password_changed"], true);
  EXPECT_EQ(entries[2].action, "issue_token");
  EXPECT_EQ(entries[2].after["label"], "cron");
  for (const auto& e : entries) {
    std::string text = e.before.dump() + e.after.dump();
    EXPECT_EQ(text.find("argon2"), std::string::npos) << text;
    EXPECT_EQ(text.find("twt_"), std::string::npos) << text;
  }
}

TEST_P(UsersTest, TheLastAdminCannotBeDemotedOrDisabled) {
  User admin = add("root", Role::kAdmin);
  UserUpdate demote;
  demote.role = Role::kViewer;
  EXPECT_EQ(code_of([&] { update_user(*store, admin.id, demote); }), ErrorCode::kConflict);
  UserUpdate disable;
  disable.disabled = true;
  EXPECT_EQ(code_of([&] { update_user(*store, admin.id, disable); }), ErrorCode::kConflict);
  add("second", Role::kAdmin);
  EXPECT_EQ(update_user(*store, admin.id, disable).disabled, true);
}

TEST_P(UsersTest, TokensAuthenticateUntilTheUserIsDisabled) {
  User v = add("script", Role::kViewer);
  auto issued = issue_api_token(*store, v.id, "cron");
  auto id = authenticate_api_token(*store, issued.token);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->user.name, "script");
  EXPECT_FALSE(id->via_session);
  EXPECT_FALSE(authenticate_api_token(*store, issued.token + "x"));
  UserUpdate u;
  u.disabled = true;
  update_user(*store, v.id, u);
  EXPECT_FALSE(authenticate_api_token(*store, issued.token));
  EXPECT_EQ(code_of([&] { issue_api_token(*store, v.id, ""); }), ErrorCode::kConflict);
}

TWINNING_ON_EVERY_BACKEND(UsersTest);

}  // namespace
}  // namespace twinning::auth
