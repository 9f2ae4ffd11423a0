// Schema migrations: numbered SQL files embedded in the binary
// (src/store/migrations/<dialect>/NNN_name.sql), applied in order, each in its
// own transaction, recorded in table schema_migrations.
#pragma once

#include <vector>

#include "store/database.h"

namespace twinning::store {

struct MigrationInfo {
  int version = 0;
  std::string name;
};

// Applies every migration of the database's dialect that is not yet recorded.
// Safe to call from several processes at once: each migration is checked and
// applied inside one write transaction. Returns the migrations it applied
// (empty when the schema was current). Throws Error(kConflict) if the
// database records a version newer than this binary knows.
std::vector<MigrationInfo> apply_migrations(Database& db);

// The migrations this binary carries for `dialect`, in order.
std::vector<MigrationInfo> known_migrations(Dialect dialect);

}  // namespace twinning::store
