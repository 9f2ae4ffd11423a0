#include "store/database_backup.h"

#include "model/error.h"
#include "store/sqlite/sqlite_backup.h"

namespace twinning::store {
namespace {

[[noreturn]] void unsupported() {
  throw_invalid(
      "backup and restore of a PostgreSQL database are not supported yet; use pg_dump and "
      "pg_restore",
      "--db");
}

}  // namespace

std::unique_ptr<DatabaseBackup> backup_for(Database& db) {
  if (db.dialect() != Dialect::kSqlite) unsupported();
  return std::make_unique<SqliteBackup>(static_cast<SqliteDatabase&>(db));
}

void require_backup_support(std::string_view location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) unsupported();
}

}  // namespace twinning::store
