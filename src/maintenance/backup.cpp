#include "maintenance/backup.h"

#include "model/error.h"
#include "store/audit_log.h"
#include "store/migrations.h"

namespace twinning::maintenance {
namespace {

void require_admin(const store::Store& store, const char* what) {
  if (store.actor().role != Role::kAdmin) {
    throw Error(ErrorCode::kForbidden, std::string("only admins may ") + what + " the database");
  }
}

nlohmann::json audit_summary(const BackupReport& r) {
  nlohmann::json j = r;
  j.erase("database");
  return j;
}

}  // namespace

void to_json(nlohmann::json& j, const BackupReport& r) {
  std::int64_t rows = 0;
  for (const auto& [table, n] : r.contents.table_rows) rows += n;
  j = {{"database", r.database},
       {"file", r.file},
       {"bytes", r.contents.bytes},
       {"schema_version", r.contents.schema_version},
       {"tables", r.contents.table_rows},
       {"rows", rows}};
  if (r.schema_after) j["schema_after"] = r.schema_after;
}

BackupReport backup_database(store::Store& store, const std::string& file) {
  require_admin(store, "back up");
  auto backup = store::backup_for(store.db());
  BackupReport report{store.db().location(), file, backup->write(file), 0};
  // Recorded after the copy: the entry says that a copy exists.
  store.db().write_transaction([&] {
    store::AuditLog(store).record("backup", "database", file, nullptr, audit_summary(report));
  });
  return report;
}

BackupReport restore_database(store::Store& store, const std::string& file) {
  require_admin(store, "restore");
  auto backup = store::backup_for(store.db());
  BackupReport report{store.db().location(), file, backup->restore(file), 0};
  store::apply_migrations(store.db());
  auto known = store::known_migrations(store.db().dialect());
  report.schema_after = known.empty() ? 0 : known.back().version;
  store.db().write_transaction([&] {
    store::AuditLog(store).record("restore", "database", file, nullptr, audit_summary(report));
  });
  return report;
}

}  // namespace twinning::maintenance
