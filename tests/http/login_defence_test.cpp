// Password sign-in under attack (issue 14, auth/login.h LoginPolicy), over
// real HTTP on both backends, with clients at different loopback addresses
// (127.0.0.x): parallel guesses cannot pass the limits, password checks
// stay few at once whatever the load (bounded memory), and an attacker's
// guesses neither stop a user at an address that worked before nor lock out
// everyone behind a shared address. Sessions end when left unused.
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <thread>
#include <vector>

#include "store/clock.h"
#include "store/session_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

// Kibibytes of `field` ("VmRSS", "VmHWM") in /proc/PID/status, or -1.
long memory_kib(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

class LoginDefence : public ApiTest {
 protected:
  // Eight workers, as a busy installation might run: parallel requests
  // really are handled in parallel.
  std::vector<std::string> serve_args() override { return {"--threads", "8"}; }

  void SetUp() override {
    ApiTest::SetUp();
    if (!store) return;
    add_password_user("alice", Role::kCoordinator, "correct horse battery");
  }

  // Signs in as `name` from loopback address `from`.
  HttpResponse login_from(const std::string& from, const std::string& name,
                          const std::string& password) {
    auto c = new_client();
    c->local_address = from;
    return c->send_json("POST", "/api/session", {{"name", name}, {"password", password}});
  }

  // Sends the logins of `attempts` ({address, name, password}) all at once;
  // returns the statuses in order.
  std::vector<int> at_once(const std::vector<std::array<std::string, 3>>& attempts) {
    std::vector<int> status(attempts.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < attempts.size(); ++i) {
      threads.emplace_back([&, i] {
        status[i] = login_from(attempts[i][0], attempts[i][1], attempts[i][2]).status;
      });
    }
    for (auto& t : threads) t.join();
    return status;
  }
};

// The bound stated in auth/secrets.h: kMaxConcurrentPasswordHashes (2)
// Argon2id checks of 64 MiB at once, plus 64 MiB for the allocator: a burst
// may add no more than 192 MiB to the server's resident memory (written
// out, so that raising the constant fails here).
constexpr long kMemoryBoundKib = 192 * 1024;

TEST_P(LoginDefence, ParallelGuessesAreCheckedNoMoreThanTheLimit) {
  long rss_before = memory_kib(server->pid(), "VmRSS");
  ASSERT_GT(rss_before, 0);
  std::vector<std::array<std::string, 3>> guesses;
  for (int i = 0; i < 12; ++i) {
    guesses.push_back({"127.0.0." + std::to_string(10 + i), "alice", "guess " + std::to_string(i)});
  }
  auto status = at_once(guesses);
  int checked = 0, limited = 0;
  for (int s : status) {
    checked += s == 401;
    limited += s == 429;
  }
  EXPECT_EQ(checked + limited, 12);
  EXPECT_LE(checked, 5) << "the default limit is 5 failures per user from untrusted addresses";
  EXPECT_GE(limited, 7);
  // Twelve different (unknown) users at once from twelve addresses: all
  // are checked, never more than a few at a time.
  guesses.clear();
  for (int i = 0; i < 12; ++i) {
    guesses.push_back(
        {"127.0.1." + std::to_string(10 + i), "nobody-" + std::to_string(i), "guess"});
  }
  for (int s : at_once(guesses)) EXPECT_EQ(s, 401);
  long peak = memory_kib(server->pid(), "VmHWM");
  std::cout << "login burst: resident " << rss_before / 1024 << " MiB before, peak " << peak / 1024
            << " MiB (bound: +" << kMemoryBoundKib / 1024 << " MiB)\n";
  EXPECT_LT(peak - rss_before, kMemoryBoundKib);
}

TEST_P(LoginDefence, AnAttackerDoesNotStopTheUserWhereItSignedInBefore) {
  ASSERT_EQ(login_from("127.0.0.2", "alice", "correct horse battery").status, 200);
  // An attacker guesses alice's password from two addresses until refused.
  int refused = 0;
  for (int i = 0; i < 12; ++i) {
    auto r = login_from(i % 2 ? "127.0.0.66" : "127.0.0.67", "alice", "guess " + std::to_string(i));
    if (r.status == 429) {
      ++refused;
      int retry = std::stoi(r.header("retry-after"));
      EXPECT_GE(retry, 1);
      EXPECT_LE(retry, 900);
    } else {
      EXPECT_EQ(r.status, 401);
    }
  }
  EXPECT_GE(refused, 7);
  // Alice, at the address she signed in from before, is not stopped.
  EXPECT_EQ(login_from("127.0.0.2", "alice", "correct horse battery").status, 200);
  // From a new address she is slowed like the attacker, not locked out for good.
  auto r = login_from("127.0.0.3", "alice", "correct horse battery");
  EXPECT_EQ(r.status, 429);
  EXPECT_LT(std::stoi(r.header("retry-after")), 900);
}

TEST_P(LoginDefence, ASharedAddressIsNotLockedForItsKnownUsers) {
  ASSERT_EQ(login_from("127.0.0.9", "alice", "correct horse battery").status, 200);
  // Someone behind the same address fails 20 times with other names.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(login_from("127.0.0.9", "intruder" + std::to_string(i), "guess").status, 401);
  }
  EXPECT_EQ(login_from("127.0.0.9", "mallory", "guess").status, 429);
  // Alice signed in from there before: the address's count does not stop her.
  EXPECT_EQ(login_from("127.0.0.9", "alice", "correct horse battery").status, 200);
}

TEST_P(LoginDefence, ASessionLeftUnusedEnds) {
  auto b = new_client();
  b->keep_cookies = true;
  auto r = b->send_json("POST", "/api/session",
                        {{"name", "alice"}, {"password", "correct horse battery"}});
  ASSERT_EQ(r.status, 200);
  ASSERT_TRUE(b->get("/api/session").json()["authenticated"].get<bool>());
  auto idle_end = [&] {
    return store->db().query_one("SELECT idle_expires_at FROM sessions")->text(0);
  };
  // Used within the last half of its idle time: the end moves forward.
  std::string soon = store::utc_iso(std::chrono::system_clock::now() + std::chrono::seconds(60));
  store->db().execute("UPDATE sessions SET idle_expires_at = $1", {soon});
  ASSERT_TRUE(b->get("/api/session").json()["authenticated"].get<bool>());
  EXPECT_GT(idle_end(),
            store::utc_iso(std::chrono::system_clock::now() + std::chrono::minutes(29)));
  // Unused past its idle end (30 minutes by default), long before its 12 h:
  // the cookie no longer signs anyone in.
  std::string past = store::utc_iso(std::chrono::system_clock::now() - std::chrono::seconds(1));
  store->db().execute("UPDATE sessions SET idle_expires_at = $1", {past});
  EXPECT_FALSE(b->get("/api/session").json()["authenticated"].get<bool>());
}

TWINNING_API_ON_EVERY_BACKEND(LoginDefence);

}  // namespace
}  // namespace twinning::testing
