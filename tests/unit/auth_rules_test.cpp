// The edges of auth/: token lengths, sessions of disabled users and their
// idle end, refused names, passwords and labels, role changes and the
// admin rule, and a failure part-way through issuing a token. Few password
// hashes on purpose (Argon2 is slow): most users here have none, and their
// sessions are stored directly.
#include <gtest/gtest.h>

#include <chrono>

#include "auth/login.h"
#include "auth/secrets.h"
#include "auth/users.h"
#include "model/error.h"
#include "store/city_store.h"
#include "store/clock.h"
#include "store/session_store.h"
#include "store/user_store.h"
#include "support/user_fixtures.h"

namespace twinning::auth {
namespace {

using testing::code_of;
using namespace std::chrono_literals;

std::int64_t count(store::Store& store, const std::string& table) {
  return store.db().query_one("SELECT COUNT(*) FROM " + table)->integer(0);
}

class AuthRulesTest : public testing::UsersFixture {
 protected:
  // Stores a session of `user` for `token` whose idle end is `idle_in` from
  // now (its fixed end 12 hours away), as login() would. Returns its id.
  std::int64_t session(const User& user, const std::string& token, std::chrono::seconds idle_in) {
    auto now = std::chrono::system_clock::now();
    return store::SessionStore(*store).create_session(
        user.id, token_digest(token), token_digest("csrf-" + token),
        store::utc_iso(now + std::chrono::hours(12)), store::utc_iso(now + idle_in));
  }
  std::string idle_end(std::int64_t session_id) {
    return store->db()
        .query_one("SELECT idle_expires_at FROM sessions WHERE id = $1", {session_id})
        ->text(0);
  }
};

TEST_P(AuthRulesTest, TokensEmptyOrOver200BytesAuthenticateNothing) {
  User u = add("script", Role::kViewer);
  // Credentials stored under the digests of such tokens would match if the
  // length were not checked first.
  std::string long_token(201, 'x');
  std::string longest(200, 'y');
  for (const std::string& t : {std::string(), long_token, longest}) {
    session(u, t, 30min);
    store::SessionStore(*store).create_api_token(u.id, "", token_digest(t));
  }
  EXPECT_FALSE(authenticate_session(*store, ""));
  EXPECT_FALSE(authenticate_session(*store, long_token));
  EXPECT_FALSE(authenticate_api_token(*store, ""));
  EXPECT_FALSE(authenticate_api_token(*store, long_token));
  // 200 bytes are still a token.
  auto by_session = authenticate_session(*store, longest);
  ASSERT_TRUE(by_session);
  EXPECT_EQ(by_session->user.id, u.id);
  auto by_token = authenticate_api_token(*store, longest);
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token->user.id, u.id);
}

TEST_P(AuthRulesTest, ASessionOfADisabledUserDoesNotAuthenticate) {
  User u = add("clerk", Role::kCoordinator);
  session(u, "tws_clerk", 30min);
  // Disabled behind the use case's back, so that the session survives.
  store::UserChanges off;
  off.disabled = true;
  store::UserStore(*store).update(u.id, off);
  EXPECT_FALSE(authenticate_session(*store, "tws_clerk"));
  EXPECT_EQ(count(*store, "sessions"), 1);
  store::UserChanges on;
  on.disabled = false;
  store::UserStore(*store).update(u.id, on);
  auto id = authenticate_session(*store, "tws_clerk");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->user.name, "clerk");
  EXPECT_EQ(id->csrf_digest, token_digest("csrf-tws_clerk"));
}

TEST_P(AuthRulesTest, UsingASessionNearItsIdleEndMovesTheEndForward) {
  User u = add("clerk", Role::kCoordinator);
  LoginPolicy policy;
  policy.session_idle = 30min;
  std::int64_t near = session(u, "tws_near", 5min);     // less than half of session_idle left
  std::int64_t fresh = session(u, "tws_fresh", 25min);  // more than half left
  std::string near_before = idle_end(near);
  std::string fresh_before = idle_end(fresh);
  auto earliest = store::utc_iso(std::chrono::system_clock::now() + policy.session_idle);
  ASSERT_TRUE(authenticate_session(*store, "tws_near", policy));
  ASSERT_TRUE(authenticate_session(*store, "tws_fresh", policy));
  EXPECT_GT(idle_end(near), near_before);
  EXPECT_GE(idle_end(near), earliest);
  EXPECT_EQ(idle_end(fresh), fresh_before);  // reads rarely write
}

TEST_P(AuthRulesTest, NamesWithOtherCharactersAreRefusedAndNothingIsAdded) {
  for (const char* name : {"bob~", "a{b}", "r\xc3\xa9mi", "tab\tname"}) {
    std::string message, field;
    EXPECT_EQ(code_of([&] { add(name, Role::kViewer); }, &message, &field),
              ErrorCode::kInvalidInput)
        << name;
    EXPECT_EQ(field, "name");
    EXPECT_NE(message.find("only letters a-z"), std::string::npos) << message;
  }
  EXPECT_EQ(list_users(*store).size(), 0u);
  EXPECT_EQ(code_of([&] { get_user_by_name(*store, "bob~"); }), ErrorCode::kInvalidInput);
}

TEST_P(AuthRulesTest, PasswordsOver1024BytesOrNotUtf8AreRefusedBeforeHashing) {
  validate_password(std::string(1024, 'p'));  // the longest allowed
  std::string message, field;
  NewUser n;
  n.name = "alice";
  n.password = std::string(1025, 'p');
  EXPECT_EQ(code_of([&] { add_user(*store, n); }, &message, &field), ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "password");
  EXPECT_NE(message.find("at most 1024 bytes"), std::string::npos) << message;
  EXPECT_EQ(list_users(*store).size(), 0u);

  User bob = add("bob", Role::kViewer);
  UserUpdate u;
  u.password = "long enough \xff\xfe password";
  EXPECT_EQ(code_of([&] { update_user(*store, bob.id, u); }, &message, &field),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "password");
  EXPECT_NE(message.find("valid UTF-8"), std::string::npos) << message;
  EXPECT_FALSE(get_user(*store, bob.id).has_password);
}

TEST_P(AuthRulesTest, ACityIsKeptOnlyForCorrespondents) {
  User koeln = add("koeln", Role::kCorrespondent, cologne);
  // Leaving the correspondent role while naming "no city" explicitly.
  UserUpdate to_viewer;
  to_viewer.role = Role::kViewer;
  to_viewer.city = std::optional<CityId>();
  User after = update_user(*store, koeln.id, to_viewer);
  EXPECT_EQ(after.role, Role::kViewer);
  EXPECT_FALSE(after.city.has_value());
  // Binding a coordinator to a city is refused, and changes nothing.
  User coord = add("coord", Role::kCoordinator);
  UserUpdate bind;
  bind.city = cologne;
  bind.disabled = true;
  std::string field;
  EXPECT_EQ(code_of([&] { update_user(*store, coord.id, bind); }, nullptr, &field),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "city");
  User unchanged = get_user(*store, coord.id);
  EXPECT_FALSE(unchanged.city.has_value());
  EXPECT_FALSE(unchanged.disabled);
}

TEST_P(AuthRulesTest, ChangingADisabledAdminDoesNotCountAsLosingAnAdmin) {
  User root = add("root", Role::kAdmin);
  // A database whose only admin is disabled (set directly: update_user
  // refuses to get there). The operator may still change that user.
  store::UserChanges off;
  off.disabled = true;
  store::UserStore(*store).update(root.id, off);
  UserUpdate demote;
  demote.role = Role::kViewer;
  User after = update_user(*store, root.id, demote);
  EXPECT_EQ(after.role, Role::kViewer);
  EXPECT_TRUE(after.disabled);
  // An enabled admin still may not be the last to go.
  User second = add("second", Role::kAdmin);
  std::string message, field;
  EXPECT_EQ(code_of([&] { update_user(*store, second.id, demote); }, &message, &field),
            ErrorCode::kConflict);
  EXPECT_EQ(field, "role");
  EXPECT_NE(message.find("last enabled administrator"), std::string::npos) << message;
  EXPECT_EQ(get_user(*store, second.id).role, Role::kAdmin);
}

TEST_P(AuthRulesTest, TokenLabelsMustBeUtf8OfAtMost200Bytes) {
  User v = add("script", Role::kViewer);
  for (const std::string& label : {std::string("cron \xc3"), std::string(201, 'l')}) {
    std::string message, field;
    EXPECT_EQ(code_of([&] { issue_api_token(*store, v.id, label); }, &message, &field),
              ErrorCode::kInvalidInput);
    EXPECT_EQ(field, "label");
    EXPECT_NE(message.find("200 bytes of UTF-8"), std::string::npos) << message;
  }
  EXPECT_EQ(count(*store, "api_tokens"), 0);
  auto issued = issue_api_token(*store, v.id, std::string(200, 'l'));
  EXPECT_EQ(issued.label.size(), 200u);
  EXPECT_EQ(count(*store, "api_tokens"), 1);
  EXPECT_EQ(code_of([&] { issue_api_token(*store, 99999, "cron"); }), ErrorCode::kNotFound);
}

TWINNING_ON_EVERY_BACKEND(AuthRulesTest);

TEST(AuthRules, VerifyingAgainstAHashOfNoPossibleLengthIsFalse) {
  EXPECT_FALSE(verify_password("", ""));
  // crypto_pwhash_STRBYTES (128) bytes or more cannot be a hash string.
  EXPECT_FALSE(verify_password(std::string(128, '$'), "x"));
  EXPECT_FALSE(verify_password("$argon2id$v=19$" + std::string(4096, 'a'), "x"));
}

// A failure part-way through issuing a token (SQLite triggers stand in for a
// database error) leaves neither the token nor its audit entry.
TEST(AuthRules, ATokenWhoseStorageOrAuditFailsIsNotIssued) {
  testing::ScratchDir dir;
  auto store = testing::open_scratch_store(dir);
  NewUser n;
  n.name = "script";
  User v = add_user(*store, n);
  auto audited_issues = [&] {
    return store->db()
        .query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'issue_token'")
        ->integer(0);
  };
  store->db().execute(
      "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'issue_token' "
      "BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
  std::string message;
  EXPECT_EQ(code_of([&] { issue_api_token(*store, v.id, "cron"); }, &message),
            ErrorCode::kConflict);
  EXPECT_NE(message.find("audit refused"), std::string::npos) << message;
  EXPECT_EQ(count(*store, "api_tokens"), 0);

  store->db().execute("DROP TRIGGER refuse_audit");
  store->db().execute(
      "CREATE TRIGGER refuse_token BEFORE INSERT ON api_tokens "
      "BEGIN SELECT RAISE(ABORT, 'token refused'); END");
  EXPECT_EQ(code_of([&] { issue_api_token(*store, v.id, "cron"); }, &message),
            ErrorCode::kConflict);
  EXPECT_NE(message.find("token refused"), std::string::npos) << message;
  EXPECT_EQ(audited_issues(), 0);

  store->db().execute("DROP TRIGGER refuse_token");
  issue_api_token(*store, v.id, "cron");
  EXPECT_EQ(count(*store, "api_tokens"), 1);
  EXPECT_EQ(audited_issues(), 1);
}

}  // namespace
}  // namespace twinning::auth
