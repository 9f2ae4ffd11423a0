// `twinning mail file | triage` on the demo (cli/mail_commands.cpp): the
// real binary files .eml fixtures once, lists triage, files and discards
// from it.
#include <gtest/gtest.h>

#include "support/test_support.h"

namespace twinning::testing {
namespace {

std::string eml(const std::string& name) {
  return std::string(TWINNING_SOURCE_DIR) + "/tests/data/mail/" + name;
}

TEST(MailCli, FilesAMessageOnceAndDecidesTriage) {
  ScratchDir dir;
  std::string db = dir.file("demo.db");
  ASSERT_EQ(run_twinning({"--db", db, "demo"}).exit_code, 0);
  auto set = run_twinning(
      {"--db", db, "cities", "set", "Cologne, DE", "--email", "oberbuergermeister@stadt-koeln.de"});
  ASSERT_EQ(set.exit_code, 0) << set.err;

  auto filed = run_twinning({"--db", db, "mail", "file", eml("cologne-reply.eml"), "--json"});
  ASSERT_EQ(filed.exit_code, 0) << filed.err;
  EXPECT_EQ(filed.json()["outcome"], "replied");
  auto again = run_twinning({"--db", db, "mail", "file", eml("cologne-reply.eml")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("seen before, nothing filed"), std::string::npos) << again.out;

  auto unknown = run_twinning({"--db", db, "mail", "file", eml("unknown-sender.eml"), "--json"});
  ASSERT_EQ(unknown.exit_code, 0) << unknown.err;
  EXPECT_EQ(unknown.json()["outcome"], "triage");
  std::string id = std::to_string(unknown.json()["message"].get<long>());
  auto list = run_twinning({"--db", db, "mail", "triage", "--json"}).json();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["from"], "a.friend@example.net");

  auto from_triage = run_twinning(
      {"--db", db, "mail", "triage", "file", id, "--letter", "19-024/125рс", "--json"});
  ASSERT_EQ(from_triage.exit_code, 0) << from_triage.err;
  EXPECT_EQ(from_triage.json()["outcome"], "filed");  // not a city: an incoming letter in reply
  EXPECT_NE(run_twinning({"--db", db, "mail", "triage"}).out.find("triage is empty"),
            std::string::npos);

  auto discard = run_twinning({"--db", db, "mail", "triage", "discard", id});
  EXPECT_EQ(discard.exit_code, 2);
  EXPECT_NE(discard.err.find("is not in triage"), std::string::npos) << discard.err;
}

}  // namespace
}  // namespace twinning::testing
