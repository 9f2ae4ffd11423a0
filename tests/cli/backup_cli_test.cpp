// `twinning backup` and `twinning restore` of the real binary, round trip
// over a database with the world list (on PostgreSQL the twins of
// Volgograd and Coventry), letters (with an attachment, an incoming letter
// and a reply) and, when the binary has it, the 2013 demo campaign: every
// table compared row by row, on SQLite (a database file) and on PostgreSQL
// (a pg_dump archive).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "support/table_dump.h"
#include "support/test_database.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

class BackupCliTest : public ::testing::Test {
 protected:
  ScratchDir dir;
  std::string db = dir.file("t.db");

  RunResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db});
    return run_twinning(args, dir.path().string());
  }
  nlohmann::json ok(std::vector<std::string> args) const {
    args.push_back("--json");
    RunResult r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.json();
  }
};

class BackupRoundTrip : public BackupCliTest, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    if (!backend_available(GetParam())) return;
    database = std::make_unique<ScratchDatabase>(GetParam(), dir, "t.db");
    db = database->location();
  }
  // Every table of the database, read so that it stays as it is.
  TableRows dump() const {
    if (GetParam() == Backend::kSqlite) return dump_tables_of_file(db);
    return dump_tables(*store::open_database(db));
  }
  std::unique_ptr<ScratchDatabase> database;
};

TEST_P(BackupRoundTrip, TheWorldListLettersAndTheDemoCampaign) {
  ok({"init"});
  if (GetParam() == Backend::kSqlite) {
    ok({"import", "wikipedia-csv", data_file("twin_cities_wikipedia.csv")});
  } else {
    // The twins of Volgograd and Coventry only: over a PostgreSQL server the
    // world list and its demo take minutes, and the tables are the same.
    std::ifstream world(data_file("twin_cities_wikipedia.csv"));
    std::string line, csv;
    for (bool header = true; std::getline(world, line); header = false) {
      if (header || line.find("Volgograd") != std::string::npos ||
          line.find("Coventry") != std::string::npos) {
        csv += line + "\n";
      }
    }
    dir.write("twins.csv", csv);
    ok({"import", "wikipedia-csv", "twins.csv"});
  }
  // `twinning demo` comes with the campaign desk (issue 4).
  bool has_demo = run_twinning({"--help"}).out.find("\n  demo ") != std::string::npos;
  if (has_demo) ok({"demo", "--simulate"});
  ok({"office", "add", "backup-test", "--city", "Coventry, GB", "--pattern", "CCC/{yyyy}/{seq:4}",
      "--yearly"});
  dir.write("draft-resolution.txt", "Draft resolution of the UN General Assembly.\n");
  auto out = ok({"letter", "new", "--office", "backup-test", "--to", "Volgograd, RU", "--subject",
                 "Support", "--body", "Coventry supports the initiative.", "--attach",
                 "draft-resolution.txt", "--register", "--date", "2013-09-30"});
  ok({"letter", "receive", "--office", "backup-test", "--from", "Volgograd, RU", "--their-number",
      "19-024/125рс", "--their-date", "2013-09-06", "--subject", "Appeal", "--body", "Appeal.",
      "--date", "2013-09-20"});
  ok({"letter", "reply", "IN-2013-1", "--body", "We agree.", "--register", "--date", "2013-10-01"});

  auto before = dump();
  for (const char* table : {"cities", "links", "city_names", "link_listings", "offices", "letters",
                            "letter_addressees", "letter_attachments", "audit_log"}) {
    EXPECT_FALSE(before.at(table).empty()) << table;
  }
  if (has_demo) {
    EXPECT_FALSE(before.at("campaigns").empty());
  }

  auto backup = ok({"backup", "world.backup"});
  EXPECT_EQ(backup["file"], "world.backup");
  EXPECT_EQ(backup["tables"]["cities"], before.at("cities").size());
  EXPECT_EQ(backup["tables"]["letters"], before.at("letters").size());
  EXPECT_EQ(backup["tables"]["letter_attachments"], before.at("letter_attachments").size());
  EXPECT_EQ(backup["bytes"], std::filesystem::file_size(dir.file("world.backup")));
  EXPECT_EQ(
      std::filesystem::status(dir.file("world.backup")).permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(first_difference(before, dump_tables_of_file(dir.file("world.backup"))), "");
  }
  // The backup is recorded in the live database (after the copy was taken).
  auto with_backup_entry = dump();
  ASSERT_EQ(with_backup_entry.at("audit_log").size(), before.at("audit_log").size() + 1);

  // Life goes on, then the backup comes back.
  ok({"letter", "new", "--office", "backup-test", "--to", "Dresden, DE", "--body", "Later.",
      "--register", "--date", "2013-11-01"});
  dir.write("more.csv", "city1,country1,city2,country2\nKiel,Germany,Brest,France\n");
  ok({"import", "wikipedia-csv", "more.csv"});
  RunResult restored = run({"restore", "world.backup"});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(restored.out.rfind("restored " + db + " from world.backup: ", 0), 0u) << restored.out;

  // Every table as it was, row by row, plus the restore's audit entry.
  auto after = dump();
  ASSERT_EQ(after.at("audit_log").size(), before.at("audit_log").size() + 1);
  auto restore_entry = std::find_if(after.at("audit_log").begin(), after.at("audit_log").end(),
                                    [](const std::string& row) {
                                      return row.find("restore") != std::string::npos &&
                                             row.find("world.backup") != std::string::npos;
                                    });
  ASSERT_NE(restore_entry, after.at("audit_log").end());
  after.at("audit_log").erase(restore_entry);
  if (GetParam() == Backend::kPostgres) {
    // The restore's audit entry advanced the log's sequence past the backup's.
    for (auto* rows : {&before.at("pg_sequences"), &after.at("pg_sequences")}) {
      std::erase_if(*rows,
                    [](const std::string& r) { return r.rfind("audit_log_id_seq|", 0) == 0; });
    }
  }
  EXPECT_EQ(first_difference(before, after), "");
  EXPECT_EQ(ok({"letter", "show", out["letter"]["number"]})["letter"]["attachments"][0]["name"],
            "draft-resolution.txt");
}

TWINNING_ON_EVERY_BACKEND(BackupRoundTrip);

TEST_F(BackupCliTest, RefusalsChangeNothing) {
  ok({"init"});
  dir.write("notes.txt", "not a database\n");
  auto before = table_row_counts(db);
  expect_bad_input(run({"restore", "notes.txt"}), "'notes.txt' is not a Twinning backup");
  expect_bad_input(run({"restore", "missing.backup"}), "cannot read 'missing.backup'");
  expect_bad_input(run({"restore", db}), "is the live database itself");
  expect_bad_input(run({"backup", db}), "is the live database itself");
  expect_bad_input(run({"backup", "no/such/dir/x.backup"}), "no/such/dir/x.backup");
  EXPECT_EQ(table_row_counts(db), before);
  // An unreachable PostgreSQL server: no backup file, an error naming it.
  RunResult pg =
      run_twinning({"--db", "postgresql://twinning@127.0.0.1:1/twinning", "backup", "x.backup"},
                   dir.path().string());
  EXPECT_NE(pg.exit_code, 0);
  EXPECT_NE(pg.err.find("cannot connect to PostgreSQL at 'postgresql://twinning@127.0.0.1:1/"),
            std::string::npos)
      << pg.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.backup")));
}

}  // namespace
}  // namespace twinning::testing
