#include "store/session_store.h"

#include <gtest/gtest.h>

#include "store/user_store.h"
#include "support/test_database.h"

namespace twinning::store {
namespace {

class SessionStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    User u;
    u.name = "alice";
    u.role = Role::kCoordinator;
    alice = UserStore(*store).create(u, "");
  }
  UserId alice = 0;
};

TEST_P(SessionStoreTest, SessionsLiveUntilTheyExpire) {
  SessionStore s(*store);
  s.create_session(alice, "digest-1", "csrf-1", "2030-01-01T00:00:00.000Z");
  s.create_session(alice, "digest-2", "csrf-2", "2020-01-01T00:00:00.000Z");
  auto found = s.find_session("digest-1", "2026-01-01T00:00:00.000Z");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user.name, "alice");
  EXPECT_EQ(found->csrf_hash, "csrf-1");
  EXPECT_FALSE(s.find_session("digest-2", "2026-01-01T00:00:00.000Z"));
  s.prune("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(store->db().query_one("SELECT COUNT(*) FROM sessions")->integer(0), 1);
  EXPECT_TRUE(s.delete_session("digest-1"));
  EXPECT_FALSE(s.delete_session("digest-1"));
}

TEST_P(SessionStoreTest, TokensAndAttempts) {
  SessionStore s(*store);
  s.create_api_token(alice, "cron", "token-digest");
  EXPECT_EQ(s.find_api_token_user("token-digest")->name, "alice");
  EXPECT_FALSE(s.find_api_token_user("other"));
  s.record_login_attempt("alice", "10.0.0.1", false, "2026-01-01T10:00:00.000Z");
  s.record_login_attempt("alice", "10.0.0.1", true, "2026-01-01T10:01:00.000Z");
  s.record_login_attempt("alice", "10.0.0.2", false, "2026-01-01T10:02:00.000Z");
  s.record_login_attempt("bob", "10.0.0.1", false, "2026-01-01T10:03:00.000Z");
  auto h =
      s.login_history("alice", "10.0.0.1", "2026-01-01T09:00:00.000Z", "2025-12-01T00:00:00.000Z");
  EXPECT_TRUE(h.trusted);                   // alice succeeded from 10.0.0.1
  EXPECT_EQ(h.pair_failures, 0);            // after the pair's success
  EXPECT_EQ(h.ip_failures, 2);              // alice's and bob's
  EXPECT_EQ(h.untrusted_user_failures, 1);  // from 10.0.0.2 (10.0.0.1 is trusted)
  EXPECT_EQ(h.last_untrusted_failure, "2026-01-01T10:02:00.000Z");
  EXPECT_EQ(
      s.login_history("alice", "10.0.0.1", "2026-01-01T10:02:30.000Z", "2025-12-01T00:00:00.000Z")
          .ip_failures,
      1);
  // A success older than the trust period trusts nothing.
  auto stale =
      s.login_history("alice", "10.0.0.1", "2026-01-01T09:00:00.000Z", "2026-01-01T10:01:30.000Z");
  EXPECT_FALSE(stale.trusted);
  EXPECT_EQ(stale.untrusted_user_failures, 2);
  // A reservation turned into a success.
  auto id = s.record_login_attempt("carol", "10.0.0.3", false, "2026-01-01T10:04:00.000Z");
  s.mark_login_succeeded(id);
  EXPECT_TRUE(
      s.login_history("carol", "10.0.0.3", "2026-01-01T09:00:00.000Z", "2025-12-01T00:00:00.000Z")
          .trusted);
}

TWINNING_ON_EVERY_BACKEND(SessionStoreTest);

}  // namespace
}  // namespace twinning::store
