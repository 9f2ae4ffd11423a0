// DatabaseBackup for PostgreSQL, over PostgreSQL's own client programs
// (Debian's postgresql-client): a backup is a pg_dump archive (custom
// format) of one consistent snapshot of the database; a restore turns the
// archive into SQL with pg_restore (which is also how an archive is checked:
// read to the end, every table's rows counted from its COPY data) and runs
// it with psql in ONE transaction
// that first drops and recreates the schema "public", so that other
// connections see the old content or the new, never a mix (they wait on
// the dropped tables' locks meanwhile). The password of the connection URL
// reaches the programs as PGPASSWORD, never on their command line.
//
// Not thread-safe (it uses the connection it is given). Copying is forbidden.
#pragma once

#include "store/database_backup.h"
#include "store/postgres/postgres_database.h"

namespace twinning::store {

class PostgresBackup final : public DatabaseBackup {
 public:
  // Works on `db`, which must outlive this object.
  explicit PostgresBackup(PostgresDatabase& db) : db_(db) {}

  // As DatabaseBackup::write; throws Error(kUnavailable) if pg_dump cannot
  // be run or fails (the database unreachable).
  BackupContents write(const std::string& path) override;
  // As DatabaseBackup::inspect: reads the whole archive (pg_restore), so
  // that a truncated or damaged one is refused; the rows of every table are
  // counted from its data.
  BackupContents inspect(const std::string& path) override;
  // As DatabaseBackup::restore; the write lock is the lock on every table
  // (lock_timeout 10 s).
  BackupContents restore(const std::string& path) override;

 private:
  // Throws Error(kConflict) if the connection is inside a transaction.
  void check_not_in_transaction(const char* verb);
  // Turns the archive at `path` into the SQL script `script` (pg_restore)
  // and returns what it holds. Throws as inspect().
  BackupContents read_archive(const std::string& path, const std::string& script);

  PostgresDatabase& db_;
};

}  // namespace twinning::store
