// auth/login.h on both backends: sessions, CSRF tokens, rate limits, expiry.
#include "auth/login.h"

#include <gtest/gtest.h>

#include "auth/users.h"
#include "model/error.h"
#include "support/test_database.h"

namespace twinning::auth {
namespace {

class LoginTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    NewUser n;
    n.name = "alice";
    n.role = Role::kCoordinator;
    n.password = "correct horse battery";
    alice = add_user(*store, n);
    policy.max_user_failures = 2;
    policy.max_ip_failures = 3;
  }
  ErrorCode failure(const std::string& name, const std::string& password,
                    const std::string& ip = "10.0.0.1") {
    try {
      login(*store, name, password, ip, policy);
    } catch (const Error& e) {
      return e.code();
    }
    ADD_FAILURE() << "logged in";
    return ErrorCode::kInvalidInput;
  }
  User alice;
  LoginPolicy policy;
};

TEST_P(LoginTest, ASessionAuthenticatesWithItsCsrfToken) {
  auto r = login(*store, "ALICE", "correct horse battery", "10.0.0.1", policy);
  EXPECT_EQ(r.user.id, alice.id);
  EXPECT_EQ(r.session_token.rfind("tws_", 0), 0u);
  EXPECT_NE(r.session_token, r.csrf_token);
  auto id = authenticate_session(*store, r.session_token);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->user.name, "alice");
  EXPECT_TRUE(id->via_session);
  EXPECT_TRUE(csrf_matches(*id, r.csrf_token));
  EXPECT_FALSE(csrf_matches(*id, ""));
  EXPECT_FALSE(csrf_matches(*id, r.session_token));
  // Only digests are stored.
  EXPECT_FALSE(
      store->db().query_one("SELECT 1 FROM sessions WHERE token_hash = $1 OR "
                            "csrf_hash = $2",
                            {r.session_token, r.csrf_token}));
  EXPECT_TRUE(logout(*store, r.session_token));
  EXPECT_FALSE(authenticate_session(*store, r.session_token));
  EXPECT_FALSE(logout(*store, r.session_token));
}

TEST_P(LoginTest, ExpiredSessionsDoNotAuthenticate) {
  policy.session_lifetime = std::chrono::seconds(0);
  auto r = login(*store, "alice", "correct horse battery", "10.0.0.1", policy);
  EXPECT_FALSE(authenticate_session(*store, r.session_token));
}

TEST_P(LoginTest, GuessesFromNewAddressesSlowTheUserThere) {
  login(*store, "alice", "correct horse battery", "10.0.0.2", policy);  // 10.0.0.2 is trusted
  EXPECT_EQ(failure("alice", "wrong one", "10.0.0.3"), ErrorCode::kUnauthenticated);
  EXPECT_EQ(failure("alice", "wrong two", "10.0.0.4"), ErrorCode::kUnauthenticated);
  // The limit (2) of failures from untrusted addresses is reached: a third
  // address waits, even with the right password, and is told how long.
  try {
    login(*store, "alice", "correct horse battery", "10.0.0.5", policy);
    ADD_FAILURE() << "logged in";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kRateLimited);
    EXPECT_GT(e.retry_after(), 0);
    EXPECT_LE(e.retry_after(), policy.slow_down_base.count());
  }
  // Where alice signed in before she is not stopped, and her success there
  // does not wipe out the guesses made elsewhere.
  EXPECT_EQ(login(*store, "alice", "correct horse battery", "10.0.0.2", policy).user.id, alice.id);
  EXPECT_EQ(failure("alice", "correct horse battery", "10.0.0.5"), ErrorCode::kRateLimited);
  // Once the slow-down has passed, a new address may try again.
  policy.slow_down_base = std::chrono::seconds(0);
  EXPECT_EQ(login(*store, "alice", "correct horse battery", "10.0.0.5", policy).user.id, alice.id);
}

TEST_P(LoginTest, APairIsRefusedAfterItsOwnFailures) {
  login(*store, "alice", "correct horse battery", "10.0.0.2", policy);
  EXPECT_EQ(failure("alice", "wrong one", "10.0.0.2"), ErrorCode::kUnauthenticated);
  EXPECT_EQ(failure("alice", "wrong two", "10.0.0.2"), ErrorCode::kUnauthenticated);
  EXPECT_EQ(failure("alice", "correct horse battery", "10.0.0.2"), ErrorCode::kRateLimited);
  // Each attempt was recorded before its check: two failures, the refused
  // third not at all.
  EXPECT_EQ(
      store->db().query_one("SELECT COUNT(*) FROM login_attempts WHERE succeeded = 0")->integer(0),
      2);
}

TEST_P(LoginTest, FailuresAreCountedPerAddress) {
  EXPECT_EQ(failure("a", "x"), ErrorCode::kUnauthenticated);
  EXPECT_EQ(failure("b", "x"), ErrorCode::kUnauthenticated);
  EXPECT_EQ(failure("c", "x"), ErrorCode::kUnauthenticated);
  EXPECT_EQ(failure("alice", "correct horse battery"), ErrorCode::kRateLimited);
  EXPECT_EQ(login(*store, "alice", "correct horse battery", "10.9.9.9", policy).user.id, alice.id);
}

TEST_P(LoginTest, DisabledUsersCannotLogInAndLoseTheirSessions) {
  auto r = login(*store, "alice", "correct horse battery", "10.0.0.1", policy);
  UserUpdate u;
  u.disabled = true;
  update_user(*store, alice.id, u);
  EXPECT_FALSE(authenticate_session(*store, r.session_token));
  EXPECT_EQ(failure("alice", "correct horse battery"), ErrorCode::kUnauthenticated);
  EXPECT_EQ(failure("bad name!", "x"), ErrorCode::kUnauthenticated);
}

TWINNING_ON_EVERY_BACKEND(LoginTest);

}  // namespace
}  // namespace twinning::auth
