#include "maintenance/backup.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "model/error.h"
#include "store/audit_log.h"
#include "store/city_store.h"
#include "support/table_dump.h"
#include "support/test_support.h"

namespace twinning::maintenance {
namespace {

using testing::dump_tables;
using testing::dump_tables_of_file;
using testing::first_difference;

class BackupTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  CityId volgograd = add_city("Volgograd", "RU");

  CityId add_city(const std::string& name, const std::string& cc) {
    City c;
    c.name = name;
    c.country = cc;
    return store::CityStore(*store).create(c);
  }
  std::vector<store::AuditEntry> entries(const std::string& entity) {
    return store::AuditLog(*store).list({entity, "", "", 0, 100});
  }
};

TEST_F(BackupTest, ABackupIsAuditedInTheLiveDatabaseNotInTheCopy) {
  auto live = dump_tables(store->db());
  std::string file = dir.file("copy.db");
  BackupReport r = backup_database(*store, file);
  EXPECT_EQ(r.file, file);
  EXPECT_EQ(r.database, dir.file("test.db"));
  EXPECT_EQ(r.contents.table_rows.at("cities"), 1);
  EXPECT_EQ(first_difference(live, dump_tables_of_file(file)), "");
  auto audit = entries("database");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "backup");
  EXPECT_EQ(audit[0].entity_id, file);
  EXPECT_EQ(audit[0].after["bytes"], r.contents.bytes);
  EXPECT_EQ(audit[0].after["tables"]["cities"], 1);
  nlohmann::json j = r;
  EXPECT_EQ(j["schema_version"], testing::newest_schema_version());
  EXPECT_EQ(j["rows"], [&] {
    std::int64_t n = 0;
    for (const auto& [t, rows] : r.contents.table_rows) n += rows;
    return n;
  }());
}

TEST_F(BackupTest, RestoreReplacesEverythingAndAuditsItselfInTheRestoredLog) {
  std::string file = dir.file("copy.db");
  backup_database(*store, file);
  auto copy = dump_tables_of_file(file);
  add_city("Coventry", "GB");
  BackupReport r = restore_database(*store, file);
  EXPECT_EQ(r.schema_after, testing::newest_schema_version());
  auto now = dump_tables(store->db());
  // Everything is the copy's, plus the restore's own audit entry (the
  // backup's entry was made after the copy and is gone with the rest).
  ASSERT_EQ(now["audit_log"].size(), copy["audit_log"].size() + 1);
  EXPECT_NE(now["audit_log"].back().find("'restore'"), std::string::npos);
  now["audit_log"].pop_back();
  EXPECT_EQ(first_difference(copy, now), "");
  auto audit = entries("database");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "restore");
  EXPECT_EQ(audit[0].after["tables"]["cities"], 1);
}

TEST_F(BackupTest, AnOlderBackupIsMigratedAfterTheRestore) {
  // A copy from before the letters, users and campaigns schemas (migrations
  // 3 to 5), geocoding (8), mail (9, 10) and letter languages (11): only the registry of
  // migration 1.
  std::string file = dir.file("old.db");
  backup_database(*store, file);
  store::open_database(file)->execute_script(
      "DROP TABLE mail_mailboxes; DROP TABLE mail_messages; DROP TABLE mail_deliveries; "
      "DROP TABLE office_mail_accounts; "
      "DROP TABLE campaign_titles; "
      "DROP TABLE campaign_events; DROP TABLE campaign_countries; DROP TABLE campaign_contacts; "
      "DROP TABLE campaign_originators; DROP TABLE campaign_asks; DROP TABLE campaigns; "
      "DROP TABLE login_attempts; DROP TABLE api_tokens; DROP TABLE sessions; DROP TABLE users; "
      "DROP TABLE letter_attachments; DROP TABLE letter_links; DROP TABLE letter_addressees; "
      "DROP TABLE letters; DROP TABLE office_counters; DROP TABLE office_requisites; "
      "DROP TABLE offices; DROP TABLE geocode_reviews; "
      "ALTER TABLE cities DROP COLUMN coordinates_source; "
      "ALTER TABLE cities DROP COLUMN geonames_id; "
      "DELETE FROM schema_migrations WHERE version > 1; "
      "PRAGMA journal_mode=DELETE");
  BackupReport r = restore_database(*store, file);
  EXPECT_EQ(r.contents.schema_version, 1);
  EXPECT_EQ(r.schema_after, testing::newest_schema_version());
  EXPECT_FALSE(r.contents.table_rows.count("letters"));
  EXPECT_EQ(store->db().query_one("SELECT COUNT(*) FROM letters")->integer(0), 0);
  EXPECT_EQ(store->db().query_one("SELECT MAX(version) FROM schema_migrations")->integer(0),
            testing::newest_schema_version());
}

TEST_F(BackupTest, OnlyAdminsMayBackUpOrRestore) {
  std::string file = dir.file("copy.db");
  backup_database(*store, file);
  auto before = dump_tables(store->db());
  for (Role role : {Role::kCoordinator, Role::kCorrespondent, Role::kViewer}) {
    store->set_actor(Actor{7, "someone", role, volgograd, std::nullopt});
    for (auto* use_case : {&backup_database, &restore_database}) {
      try {
        use_case(*store, dir.file("other.db"));
        ADD_FAILURE() << role_name(role);
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kForbidden) << role_name(role);
      }
    }
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("other.db")));
  EXPECT_EQ(first_difference(before, dump_tables(store->db())), "");
}

}  // namespace
}  // namespace twinning::maintenance
