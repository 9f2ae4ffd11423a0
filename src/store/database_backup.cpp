#include "store/database_backup.h"

#include "model/error.h"
#include "store/migrations.h"
#include "store/postgres/postgres_backup.h"
#include "store/sqlite/sqlite_backup.h"

namespace twinning::store {

void require_known_schema_version(Dialect dialect, int schema_version, const std::string& path) {
  auto known = known_migrations(dialect);
  int newest_known = known.empty() ? 0 : known.back().version;
  if (schema_version > newest_known) {
    throw_conflict("'" + path + "' has schema version " + std::to_string(schema_version) +
                       ", newer than this twinning binary knows (" + std::to_string(newest_known) +
                       "); restore it with a newer twinning",
                   "FILE");
  }
}

std::unique_ptr<DatabaseBackup> backup_for(Database& db) {
  if (db.dialect() == Dialect::kPostgres) {
    return std::make_unique<PostgresBackup>(static_cast<PostgresDatabase&>(db));
  }
  return std::make_unique<SqliteBackup>(static_cast<SqliteDatabase&>(db));
}

}  // namespace twinning::store
