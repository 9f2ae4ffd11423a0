// The office commands of the real `twinning` binary.
#include <gtest/gtest.h>

#include "support/test_support.h"

namespace twinning::testing {
namespace {

class OfficeCliTest : public ::testing::Test {
 protected:
  ScratchDir dir;
  std::string db = dir.file("t.db");
  RunResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db});
    return run_twinning(args, dir.path().string());
  }
  void SetUp() override {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    ASSERT_EQ(run({"cities", "add", "Volgograd", "--country", "RU"}).exit_code, 0);
  }
};

TEST_F(OfficeCliTest, AddSetRequisitesListAndShow) {
  RunResult add = run({"office", "add", "volgograd", "--city", "Volgograd, RU", "--pattern",
                       "19-024/{seq}рс", "--json"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  auto j = add.json();
  EXPECT_EQ(j["code"], "volgograd");
  EXPECT_EQ(j["next_outgoing"], "19-024/1рс");
  EXPECT_EQ(j["incoming_pattern"], "IN-{seq}");
  RunResult req = run({"office", "requisites", "volgograd", "--lang", "ru", "--letterhead",
                       "ГЛАВА ВОЛГОГРАДА", "--phone", "(8442) 33-26-55", "--json"});
  ASSERT_EQ(req.exit_code, 0) << req.err;
  // A second call changes one field and keeps the others.
  RunResult fax = run(
      {"office", "requisites", "volgograd", "--lang", "ru", "--fax", "(8442) 55-17-13", "--json"});
  auto r = fax.json()["requisites"][0];
  EXPECT_EQ(r["letterhead"], "ГЛАВА ВОЛГОГРАДА");
  EXPECT_EQ(r["phone"], "(8442) 33-26-55");
  EXPECT_EQ(r["fax"], "(8442) 55-17-13");
  RunResult list = run({"office", "list", "--json"});
  EXPECT_EQ(list.json().size(), 1u);
  RunResult show = run({"office", "show", "volgograd"});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("outgoing: 19-024/{seq}рс  next 19-024/1рс"), std::string::npos)
      << show.out;
}

TEST_F(OfficeCliTest, BadPatternsAndDuplicatesExitTwo) {
  RunResult bad = run({"office", "add", "v", "--city", "Volgograd, RU", "--pattern", "N-{n}"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "twinning: numbering pattern 'N-{n}': unknown placeholder {n}; use {seq}, {seq:N} "
            "(N = 1..9 digits), {yyyy} or {yy}\n");
  RunResult yearly =
      run({"office", "add", "v", "--city", "Volgograd, RU", "--pattern", "V-{seq}", "--yearly"});
  EXPECT_EQ(yearly.exit_code, 2);
  ASSERT_EQ(
      run({"office", "add", "v", "--city", "Volgograd, RU", "--pattern", "V-{seq}"}).exit_code, 0);
  RunResult dup = run({"office", "add", "v", "--city", "Volgograd, RU", "--pattern", "W-{seq}"});
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_EQ(dup.err, "twinning: office code 'v' is taken\n");
  for (const char* cmd : {"add", "requisites", "list", "show"}) {
    RunResult help = run({"office", cmd, "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("--json"), std::string::npos);
  }
}

}  // namespace
}  // namespace twinning::testing
