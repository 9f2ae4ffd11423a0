// `twinning user ...` through the real binary.
#include <gtest/gtest.h>

#include "support/test_support.h"

namespace twinning::testing {
namespace {

class UserCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    db = dir.file("t.db");
    ASSERT_EQ(run_twinning({"--db", db, "init"}).exit_code, 0);
    ASSERT_EQ(run_twinning({"--db", db, "cities", "add", "Cologne", "--country", "DE"}).exit_code,
              0);
  }
  ScratchDir dir;
  std::string db;
};

TEST_F(UserCommands, AddReadsThePasswordFromStdin) {
  auto r = run_twinning(
      {"--db", db, "user", "add", "Alice", "--role", "coordinator", "--password-stdin", "--json"},
      "", "correct horse battery\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = r.json();
  EXPECT_EQ(j["name"], "alice");
  EXPECT_EQ(j["role"], "coordinator");
  EXPECT_TRUE(j["has_password"].get<bool>());
  EXPECT_EQ(r.out.find("correct horse"), std::string::npos);
}

TEST_F(UserCommands, AuditShowsWhatWasChangedAsTheApiDoes) {
  auto r = run_twinning({"--db", db, "audit", "--entity", "city", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto entries = r.json();
  ASSERT_EQ(entries.size(), 1u);  // Cologne, added in SetUp
  EXPECT_EQ(entries[0]["action"], "create");
  EXPECT_EQ(entries[0]["after"]["name"], "Cologne");
  EXPECT_TRUE(entries[0]["before"].is_null());
  auto text = run_twinning({"--db", db, "audit", "--entity", "letter"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("no audit entries"), std::string::npos) << text.out;
}

TEST_F(UserCommands, AddWithoutAPasswordSourceFailsClearly) {
  auto r = run_twinning({"--db", db, "user", "add", "bob", "--role", "viewer"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--password-stdin"), std::string::npos) << r.err;
  r = run_twinning({"--db", db, "user", "add", "bob", "--role", "viewer", "--password-stdin"}, "",
                   "short\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("at least 8 characters"), std::string::npos) << r.err;
  r = run_twinning({"--db", db, "user", "list", "--json"});
  EXPECT_EQ(r.json().size(), 0u);
}

TEST_F(UserCommands, CorrespondentsNameTheirCity) {
  auto r = run_twinning({"--db", db, "user", "add", "koeln", "--role", "correspondent", "--city",
                         "Cologne, DE", "--no-password", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["city_id"], 1);
  r = run_twinning({"--db", db, "user", "add", "x", "--role", "correspondent", "--no-password"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bound to a city"), std::string::npos) << r.err;
  r = run_twinning({"--db", db, "user", "add", "y", "--role", "mayor", "--no-password"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown role 'mayor'"), std::string::npos) << r.err;
}

TEST_F(UserCommands, ListDisableEnableAndToken) {
  ASSERT_EQ(run_twinning({"--db", db, "user", "add", "script", "--role", "viewer", "--no-password"})
                .exit_code,
            0);
  auto r = run_twinning({"--db", db, "user", "token", "script", "--label", "cron"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("twt_", 0), 0u);
  EXPECT_EQ(r.out.size(), 4u + 43u + 1u);
  r = run_twinning({"--db", db, "user", "disable", "script"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "disabled user script (#1, viewer, disabled)\n");
  r = run_twinning({"--db", db, "user", "list"});
  EXPECT_EQ(r.out, "script\tviewer\tdisabled\tno password\n");
  r = run_twinning({"--db", db, "user", "token", "script"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("disabled"), std::string::npos);
  EXPECT_EQ(run_twinning({"--db", db, "user", "enable", "script"}).exit_code, 0);
  EXPECT_EQ(run_twinning({"--db", db, "user", "disable", "nobody"}).exit_code, 2);
}

TEST_F(UserCommands, PasswordChange) {
  ASSERT_EQ(run_twinning({"--db", db, "user", "add", "carol", "--role", "admin", "--no-password"})
                .exit_code,
            0);
  auto r = run_twinning({"--db", db, "user", "password", "carol", "--password-stdin", "--json"}, "",
                        "a brand new password\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.json()["has_password"].get<bool>());
}

}  // namespace
}  // namespace twinning::testing
