// DatabaseBackup for SQLite, over the online backup API: a backup is a page
// by page copy of one consistent snapshot into a single self-contained file
// (rollback journal, no -wal beside it); a restore copies a backup's pages
// into the live database in one write transaction, which WAL readers of
// other connections see commit at once. Not thread-safe (it uses the
// connection it is given). Copying is forbidden.
#pragma once

#include "store/database_backup.h"
#include "store/sqlite/sqlite_database.h"

namespace twinning::store {

class SqliteBackup final : public DatabaseBackup {
 public:
  // Works on `db`, which must outlive this object.
  explicit SqliteBackup(SqliteDatabase& db) : db_(db) {}

  BackupContents write(const std::string& path) override;
  BackupContents inspect(const std::string& path) override;
  BackupContents restore(const std::string& path) override;

 private:
  // Throws Error(kInvalidInput, "FILE") if `path` is the live database's
  // file, Error(kConflict) if the connection is inside a transaction.
  void check_usable_with(const std::string& path, const char* verb);

  SqliteDatabase& db_;
};

}  // namespace twinning::store
