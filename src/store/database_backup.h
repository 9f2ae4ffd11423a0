// Copying a whole Twinning database to a file and back: the engine-specific
// half of `twinning backup` / `twinning restore` (maintenance/backup.h holds
// the use cases). One implementation per dialect: SQLite's uses the online
// backup API (store/sqlite/sqlite_backup.h), PostgreSQL's pg_dump,
// pg_restore and psql (store/postgres/postgres_backup.h).
//
// A DatabaseBackup works on the connection it was made for and is no more
// thread-safe than that connection. Copying is forbidden.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace twinning::store {

// What a backup file holds, as read from it.
struct BackupContents {
  int schema_version = 0;                          // newest migration recorded
  std::int64_t bytes = 0;                          // size of the file
  std::map<std::string, std::int64_t> table_rows;  // rows of every table
};

class DatabaseBackup {
 public:
  DatabaseBackup() = default;
  DatabaseBackup(const DatabaseBackup&) = delete;
  DatabaseBackup& operator=(const DatabaseBackup&) = delete;
  virtual ~DatabaseBackup() = default;

  // Writes a consistent copy of the whole database (as of one moment; writers
  // may go on meanwhile) to `path`, all or nothing: an existing file is
  // replaced only by a complete copy that inspect() accepts. Returns what the
  // copy holds. Throws Error(kInvalidInput, "FILE") if `path` is the live
  // database or cannot be written, Error(kUnavailable) if the database
  // cannot be read.
  virtual BackupContents write(const std::string& path) = 0;

  // Reads the backup at `path` without changing anything and returns what it
  // holds. Throws Error(kNotFound, "FILE") if it cannot be read,
  // Error(kInvalidInput, "FILE") if it is not an intact Twinning database
  // (not a database, damaged, or without Twinning's schema),
  // Error(kConflict, "FILE") if its schema is newer than this binary knows.
  virtual BackupContents inspect(const std::string& path) = 0;

  // DANGEROUS: replaces everything in the live database — every table, the
  // schema, the audit log — by the backup at `path`, in one step under the
  // write lock: other connections see the old content or the new, never a
  // mix, and wait for the write lock meanwhile. The schema is left as old as
  // the backup's (apply migrations afterwards). Returns what was restored.
  // Throws as inspect() before changing anything, Error(kInvalidInput,
  // "FILE") for the live database itself, Error(kConflict) if called inside
  // a transaction, Error(kUnavailable) if the write lock is not granted
  // within the busy timeout or the copy fails (then nothing changed).
  virtual BackupContents restore(const std::string& path) = 0;
};

// Throws Error(kConflict, "FILE") if `schema_version`, that of the backup at
// `path`, is newer than the newest migration of `dialect` this binary knows.
void require_known_schema_version(Dialect dialect, int schema_version, const std::string& path);

// The backup of `db`'s engine, working on `db` (which must outlive it).
std::unique_ptr<DatabaseBackup> backup_for(Database& db);

}  // namespace twinning::store
