#include "store/database_backup.h"

#include "store/postgres/postgres_backup.h"
#include "store/sqlite/sqlite_backup.h"

namespace twinning::store {

std::unique_ptr<DatabaseBackup> backup_for(Database& db) {
  if (db.dialect() == Dialect::kPostgres) {
    return std::make_unique<PostgresBackup>(static_cast<PostgresDatabase&>(db));
  }
  return std::make_unique<SqliteBackup>(static_cast<SqliteDatabase&>(db));
}

}  // namespace twinning::store
