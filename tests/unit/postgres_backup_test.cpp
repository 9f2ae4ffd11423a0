// PostgresBackup on a real PostgreSQL server (TWINNING_TEST_POSTGRES_URL):
// an archive holds every row of every table, a restore brings back exactly
// the copy (schema, rows and sequences) in one transaction, and what is
// not an intact Twinning archive is refused before anything changes.
#include "store/postgres/postgres_backup.h"

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
#include "support/test_database.h"

namespace twinning::store {
namespace {

using testing::Backend;
using testing::code_of;
using testing::dump_tables;
using testing::first_difference;

class PostgresBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::backend_available(Backend::kPostgres)) return;
    database = std::make_unique<testing::ScratchDatabase>(Backend::kPostgres, dir);
    store = testing::open_migrated_store(*database);
    auto s = testing::add_letter_scenario(*store);
    letters::DraftRequest r;
    r.office = s.office;
    r.addressees = {Addressee{s.coventry, "", "", ""}};
    r.body = "Уважаемый коллега!\n\tTab, \"quotes\", back\\slash; 広島市";
    letters::RegisterOptions on;
    on.date = parse_partial_date("2013-09-06");
    letters::register_outgoing(*store, letters::TemplateLibrary::locate(""), r, on);
    backup = std::make_unique<PostgresBackup>(static_cast<PostgresDatabase&>(store->db()));
  }
  void TearDown() override {
    backup.reset();
    store.reset();
    database.reset();
  }

  CityId add_city(Store& s, const std::string& name) {
    City c;
    c.name = name;
    c.country = "DE";
    return CityStore(s).create(c);
  }

  testing::ScratchDir dir;
  std::unique_ptr<testing::ScratchDatabase> database;
  std::unique_ptr<Store> store;
  std::unique_ptr<PostgresBackup> backup;
};

TEST_F(PostgresBackupTest, AnArchiveRestoredElsewhereHoldsEveryTableAsItWas) {
  auto live = dump_tables(store->db());
  std::string path = dir.file("copy.backup");
  BackupContents c = backup->write(path);
  EXPECT_EQ(c.bytes, static_cast<std::int64_t>(std::filesystem::file_size(path)));
  EXPECT_EQ(c.schema_version, testing::newest_schema_version());
  EXPECT_EQ(c.table_rows.at("cities"), 6);
  EXPECT_EQ(c.table_rows.at("letters"), 1);
  // Every table of the live database is in the archive with its row count.
  for (const auto& [table, rows] : live) {
    if (table == "pg_schema" || table == "pg_sequences") continue;
    ASSERT_TRUE(c.table_rows.count(table)) << table;
    EXPECT_EQ(c.table_rows.at(table), static_cast<std::int64_t>(rows.size())) << table;
  }
  testing::expect_private_and_alone(dir.path(), path, "copy.backup");

  // Into another, empty database: the same schema, rows and sequences.
  testing::ScratchDatabase other_db(Backend::kPostgres, dir, "other");
  auto other = Store::open(other_db.location());
  PostgresBackup into_other(static_cast<PostgresDatabase&>(other->db()));
  into_other.restore(path);
  EXPECT_EQ(first_difference(live, dump_tables(other->db())), "");
  // It takes new rows after the copied ones.
  EXPECT_EQ(add_city(*other, "Kiel"), add_city(*store, "Kiel"));
}

TEST_F(PostgresBackupTest, RestoreBringsBackExactlyTheCopyInOneStep) {
  std::string path = dir.file("copy.backup");
  backup->write(path);
  auto copy = dump_tables(store->db());
  // Another connection keeps reading across the restore.
  auto reader = Store::open(database->location());
  EXPECT_EQ(CityStore(*reader).count(), 6);
  add_city(*store, "Kiel");
  store->db().execute("DELETE FROM letter_addressees");
  EXPECT_EQ(CityStore(*reader).count(), 7);

  BackupContents c = backup->restore(path);
  EXPECT_EQ(c.table_rows.at("cities"), 6);
  EXPECT_EQ(first_difference(copy, dump_tables(store->db())), "");
  EXPECT_EQ(CityStore(*reader).count(), 6);
  EXPECT_EQ(first_difference(copy, dump_tables(reader->db())), "");
  // Both connections write on.
  add_city(*store, "Kiel");
  add_city(*reader, "Lübeck");
  EXPECT_EQ(CityStore(*store).count(), 8);
}

TEST_F(PostgresBackupTest, RestoreWaitsForTheWriterAndReplacesItsWorkWhole) {
  std::string path = dir.file("copy.backup");
  backup->write(path);
  auto copy = dump_tables(store->db());
  std::latch writing(1);
  std::thread writer([&] {
    auto other = Store::open(database->location());
    other->db().write_transaction([&] {
      add_city(*other, "Kiel");
      writing.count_down();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    });
  });
  writing.wait();
  backup->restore(path);  // waits for the writer's locks, then replaces its city too
  writer.join();
  EXPECT_EQ(first_difference(copy, dump_tables(store->db())), "");
}

TEST_F(PostgresBackupTest, InspectRefusesWhatIsNotAnIntactTwinningArchive) {
  std::string message;
  EXPECT_EQ(code_of([&] { backup->inspect(dir.file("missing.backup")); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { backup->inspect(dir.path().string()); }), ErrorCode::kInvalidInput);

  std::string text = dir.write("notes.txt", std::string(8192, 'x'));
  EXPECT_EQ(code_of([&] { backup->inspect(text); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("is not a Twinning backup"), std::string::npos) << message;

  // The archive of another database.
  testing::ScratchDatabase other_db(Backend::kPostgres, dir, "other");
  auto other = open_database(other_db.location());
  other->execute_script("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello')");
  std::string foreign = dir.file("foreign.backup");
  testing::run_program(
      {"pg_dump", "--format=custom", "--file=" + foreign, "--dbname=" + other_db.location()});
  EXPECT_EQ(code_of([&] { backup->inspect(foreign); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("it has no Twinning tables"), std::string::npos) << message;

  // A truncated archive: its data cannot be read to the end.
  std::string good = dir.file("good.backup");
  backup->write(good);
  std::string truncated = dir.file("truncated.backup");
  std::filesystem::copy_file(good, truncated);
  std::filesystem::resize_file(truncated, std::filesystem::file_size(good) * 2 / 3);
  EXPECT_EQ(code_of([&] { backup->inspect(truncated); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("is not a Twinning backup"), std::string::npos) << message;

  // An archive of a newer schema.
  store->db().execute("INSERT INTO schema_migrations VALUES (999, '999_future', '2099-01-01')");
  std::string newer = dir.file("newer.backup");
  EXPECT_EQ(code_of([&] { backup->write(newer); }, &message), ErrorCode::kConflict);
  EXPECT_NE(message.find("schema version 999, newer than this twinning binary knows (" +
                         std::to_string(testing::newest_schema_version()) + ")"),
            std::string::npos)
      << message;
  EXPECT_FALSE(std::filesystem::exists(newer));
}

TEST_F(PostgresBackupTest, ARefusedRestoreChangesNothing) {
  std::string good = dir.file("good.backup");
  backup->write(good);
  add_city(*store, "Kiel");
  auto before = dump_tables(store->db());
  std::string text = dir.write("notes.txt", "city1,country1\n");
  EXPECT_EQ(code_of([&] { backup->restore(text); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of([&] { store->db().write_transaction([&] { backup->restore(good); }); }),
            ErrorCode::kConflict);
  EXPECT_EQ(code_of([&] { backup->write(dir.file("no/such/dir/copy.backup")); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(first_difference(before, dump_tables(store->db())), "");
}

TEST_F(PostgresBackupTest, IsTheBackupOfPostgreSqlDatabases) {
  auto b = backup_for(store->db());
  EXPECT_NE(dynamic_cast<PostgresBackup*>(b.get()), nullptr);
  EXPECT_EQ(b->write(dir.file("via-backup-for.backup")).table_rows.at("cities"), 6);
}

}  // namespace
}  // namespace twinning::store
