#include <string>

#include "model/error.h"
#include "store/database.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace twinning::store {

std::unique_ptr<Database> open_database(const std::string& location) {
  if (location.empty()) throw_invalid("empty database location", "--db");
  if (location.rfind("postgres://", 0) == 0 || location.rfind("postgresql://", 0) == 0) {
    return std::make_unique<PostgresDatabase>(location);
  }
  if (location.find("://") != std::string::npos) {
    throw_invalid("unknown database location '" + location +
                      "': expected a file path or a postgresql:// URL",
                  "--db");
  }
  return std::make_unique<SqliteDatabase>(location);
}

}  // namespace twinning::store
