// src/maintenance/ — keeping an installation safe: whole-database backup
// and restore. It owns when a copy may be taken or put back and what is
// audited. It must not know the registers' contents.
//
// The use cases behind `twinning backup FILE` and `twinning restore FILE`
// (PRODUCT.md section 5, "nothing lost"): a whole-database copy to a file,
// and putting such a copy back in place of the live database. The engine's
// half is store/database_backup.h (SQLite and PostgreSQL).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/database_backup.h"
#include "store/store.h"

namespace twinning::maintenance {

struct BackupReport {
  std::string database;  // the live database (Database::location())
  std::string file;      // the backup file
  store::BackupContents contents;
  int schema_after = 0;  // restore: the schema version after migrating
};

// {"database", "file", "bytes", "schema_version", "tables": {name: rows},
// "rows"} (+ "schema_after" for a restore).
void to_json(nlohmann::json& j, const BackupReport& r);

// Writes a consistent copy of the whole database to `file`, replacing it
// all or nothing (mode 0600: it holds every office's letters), then records
// the backup in the live database's audit log. Admins only. Returns what the
// copy holds. Throws Error(kForbidden) for other roles, and as
// store::backup_for and DatabaseBackup::write.
BackupReport backup_database(store::Store& store, const std::string& file);

// DANGEROUS: replaces everything in the live database by the backup `file`
// (checked first: an intact Twinning database, schema not newer than this
// binary) in one step under the write lock, applies the migrations the
// backup predates, and records the restore in the restored audit log.
// Admins only. Returns what was restored. Throws Error(kForbidden) for other
// roles, and as store::backup_for, DatabaseBackup::restore and
// apply_migrations; on any error before the copy nothing has changed.
BackupReport restore_database(store::Store& store, const std::string& file);

}  // namespace twinning::maintenance
