#include "store/sqlite/sqlite_backup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <latch>
#include <thread>

#include "letters/correspondence.h"
#include "model/error.h"
#include "store/city_store.h"
#include "support/letter_fixtures.h"
#include "support/table_dump.h"
#include "support/test_support.h"

namespace twinning::store {
namespace {

using testing::code_of;
using testing::dump_tables;
using testing::dump_tables_of_file;
using testing::first_difference;

class SqliteBackupTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<Store> store = testing::open_scratch_store(dir);
  testing::LetterScenario s = testing::add_letter_scenario(*store);
  SqliteBackup backup{static_cast<SqliteDatabase&>(store->db())};

  SqliteBackupTest() {
    letters::DraftRequest r;
    r.office = s.office;
    r.addressees = {Addressee{s.coventry, "", "", ""}};
    r.body = "Уважаемый коллега!";
    letters::RegisterOptions on;
    on.date = parse_partial_date("2013-09-06");
    letters::register_outgoing(*store, letters::TemplateLibrary::locate(""), r, on);
  }

  CityId add_city(const std::string& name) {
    City c;
    c.name = name;
    c.country = "DE";
    return CityStore(*store).create(c);
  }
  // A copy of the database as a backup file, with `sql` run on it.
  std::string altered_backup(const std::string& name, const std::string& sql) {
    std::string path = dir.file(name);
    backup.write(path);
    {
      auto db = open_database(path);
      db->execute_script(sql);
    }
    return path;
  }
};

TEST_F(SqliteBackupTest, ACopyHoldsEveryRowOfEveryTableInOneFile) {
  auto live = dump_tables(store->db());
  std::string path = dir.file("copy.db");
  BackupContents c = backup.write(path);
  EXPECT_EQ(first_difference(live, dump_tables_of_file(path)), "");
  EXPECT_EQ(c.bytes, static_cast<std::int64_t>(std::filesystem::file_size(path)));
  EXPECT_EQ(c.schema_version, testing::newest_schema_version());
  EXPECT_EQ(c.table_rows.at("cities"), 6);
  EXPECT_EQ(c.table_rows.at("letters"), 1);
  EXPECT_EQ(c.table_rows.at("countries"), static_cast<std::int64_t>(live.at("countries").size()));
  // One self-contained file (rollback journal, not WAL: header bytes 18-19
  // are 1), readable by its owner only, no temporary file left behind.
  std::ifstream in(path, std::ios::binary);
  char header[20];
  in.read(header, sizeof header);
  EXPECT_EQ(header[18], 1);
  EXPECT_EQ(header[19], 1);
  testing::expect_private_and_alone(dir.path(), path, "copy.db");
}

TEST_F(SqliteBackupTest, AnOldBackupIsReplacedWholeOrNotAtAll) {
  std::string path = dir.file("copy.db");
  backup.write(path);
  add_city("Kiel");
  backup.write(path);
  EXPECT_EQ(first_difference(dump_tables(store->db()), dump_tables_of_file(path)), "");
  std::string message;
  EXPECT_EQ(code_of([&] { backup.write(dir.file("no/such/dir/copy.db")); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("no/such/dir/copy.db"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(dir.file("no")));
}

TEST_F(SqliteBackupTest, InspectRefusesWhatIsNotAnIntactTwinningDatabase) {
  std::string message;
  EXPECT_EQ(code_of([&] { backup.inspect(dir.file("missing.db")); }), ErrorCode::kNotFound);

  std::string text = dir.write("notes.txt", std::string(8192, 'x'));
  EXPECT_EQ(code_of([&] { backup.inspect(text); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("is not a Twinning backup"), std::string::npos) << message;

  std::string empty = dir.write("empty.db", "");
  EXPECT_EQ(code_of([&] { backup.inspect(empty); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("it has no Twinning tables"), std::string::npos) << message;

  std::string other = dir.file("other.db");
  open_database(other)->execute_script("CREATE TABLE cities (x); CREATE TABLE links (y)");
  EXPECT_EQ(code_of([&] { backup.inspect(other); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("it has no Twinning tables"), std::string::npos) << message;

  EXPECT_EQ(code_of([&] { backup.inspect(dir.path().string()); }), ErrorCode::kInvalidInput);

  // A copy with one page overwritten in the middle.
  std::string damaged = dir.file("damaged.db");
  backup.write(damaged);
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(std::filesystem::file_size(damaged) / 2 / 4096 * 4096));
    std::string garbage(4096, '\xA5');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  EXPECT_EQ(code_of([&] { backup.inspect(damaged); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("is not a Twinning backup"), std::string::npos) << message;

  std::string newer = altered_backup(
      "newer.db", "INSERT INTO schema_migrations VALUES (999, '999_future', '2099-01-01')");
  EXPECT_EQ(code_of([&] { backup.inspect(newer); }, &message), ErrorCode::kConflict);
  EXPECT_NE(message.find("schema version 999, newer than this twinning binary knows (" +
                         std::to_string(testing::newest_schema_version()) + ")"),
            std::string::npos)
      << message;
}

TEST_F(SqliteBackupTest, RestoreBringsBackExactlyTheCopy) {
  std::string path = dir.file("copy.db");
  backup.write(path);
  auto copy = dump_tables_of_file(path);
  // Another connection keeps reading across the restore.
  auto reader = Store::open(dir.file("test.db"));
  EXPECT_EQ(CityStore(*reader).count(), 6);
  add_city("Kiel");
  store->db().execute("DELETE FROM letter_addressees");
  EXPECT_EQ(CityStore(*reader).count(), 7);

  BackupContents c = backup.restore(path);
  EXPECT_EQ(c.table_rows.at("cities"), 6);
  EXPECT_EQ(first_difference(copy, dump_tables(store->db())), "");
  EXPECT_EQ(CityStore(*reader).count(), 6);
  EXPECT_EQ(first_difference(copy, dump_tables(reader->db())), "");
  // The live database stays in WAL, and writable.
  EXPECT_EQ(store->db().query_one("PRAGMA journal_mode")->text(0), "wal");
  add_city("Kiel");
  EXPECT_EQ(CityStore(*reader).count(), 7);
}

TEST_F(SqliteBackupTest, ARefusedRestoreChangesNothing) {
  auto before = dump_tables(store->db());
  std::string newer = altered_backup(
      "newer.db", "INSERT INTO schema_migrations VALUES (999, '999_future', '2099-01-01')");
  EXPECT_EQ(code_of([&] { backup.restore(newer); }), ErrorCode::kConflict);
  std::string text = dir.write("notes.txt", "city1,country1\n");
  EXPECT_EQ(code_of([&] { backup.restore(text); }), ErrorCode::kInvalidInput);
  std::string message;
  EXPECT_EQ(code_of([&] { backup.restore(dir.file("test.db")); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("is the live database itself"), std::string::npos) << message;
  EXPECT_EQ(code_of([&] { backup.write(dir.file("test.db")); }), ErrorCode::kInvalidInput);
  std::string good = dir.file("good.db");
  backup.write(good);
  EXPECT_EQ(code_of([&] { store->db().write_transaction([&] { backup.restore(good); }); }),
            ErrorCode::kConflict);
  // A copy with pages of another size cannot go into a WAL database.
  std::string big_pages = dir.file("big-pages.db");
  std::filesystem::copy_file(good, big_pages);
  open_database(big_pages)->execute_script(
      "PRAGMA journal_mode=DELETE; PRAGMA page_size=8192; VACUUM");
  EXPECT_EQ(code_of([&] { backup.restore(big_pages); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("has pages of 8192 bytes, the live database 4096"), std::string::npos)
      << message;
  EXPECT_EQ(first_difference(before, dump_tables(store->db())), "");
}

TEST_F(SqliteBackupTest, RestoreWaitsForTheWriterAndReplacesItsWorkWhole) {
  std::string path = dir.file("copy.db");
  backup.write(path);
  auto copy = dump_tables_of_file(path);
  std::latch writing(1);
  std::thread writer([&] {
    auto other = Store::open(dir.file("test.db"));
    other->db().write_transaction([&] {
      City c;
      c.name = "Kiel";
      c.country = "DE";
      CityStore(*other).create(c);
      writing.count_down();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    });
  });
  writing.wait();
  backup.restore(path);  // blocks until the writer commits, then replaces its city too
  writer.join();
  EXPECT_EQ(first_difference(copy, dump_tables(store->db())), "");
  EXPECT_EQ(CityStore(*store).count(), 6);
}

}  // namespace
}  // namespace twinning::store
