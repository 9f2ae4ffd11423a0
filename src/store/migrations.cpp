#include "store/migrations.h"

#include <algorithm>
#include <string>

#include "model/error.h"
#include "model/partial_date.h"
#include "resources/resources.h"
#include "store/clock.h"

namespace twinning::store {
namespace {

struct Migration {
  MigrationInfo info;
  std::string_view sql;
};

std::vector<Migration> migrations_for(Dialect dialect) {
  std::string prefix = dialect == Dialect::kSqlite ? "src/store/migrations/sqlite/"
                                                   : "src/store/migrations/postgres/";
  std::vector<Migration> out;
  for (const auto& r : resources::all()) {
    if (r.path.rfind(prefix, 0) != 0) continue;
    std::string file(r.path.substr(prefix.size()));
    Migration m;
    m.info.version = std::stoi(file.substr(0, file.find('_')));
    m.info.name = file.substr(0, file.size() - 4);  // without ".sql"
    m.sql = r.content;
    out.push_back(m);
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.info.version < b.info.version; });
  return out;
}

}  // namespace

std::vector<MigrationInfo> known_migrations(Dialect dialect) {
  std::vector<MigrationInfo> out;
  for (const auto& m : migrations_for(dialect)) out.push_back(m.info);
  return out;
}

std::vector<MigrationInfo> apply_migrations(Database& db) {
  db.execute_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  auto all = migrations_for(db.dialect());
  int newest_known = all.empty() ? 0 : all.back().info.version;
  std::vector<MigrationInfo> applied;
  for (const auto& m : all) {
    bool done = db.write_transaction([&] {
      if (db.dialect() == Dialect::kPostgres) {
        db.execute("SELECT pg_advisory_xact_lock(7450118)");
      }
      auto newest = db.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      if (newest && newest->integer(0) > newest_known) {
        throw_conflict("database schema version " + std::to_string(newest->integer(0)) +
                       " is newer than this twinning binary knows (" +
                       std::to_string(newest_known) + ")");
      }
      if (db.query_one("SELECT 1 FROM schema_migrations WHERE version = $1",
                       {m.info.version})) {
        return false;
      }
      db.execute_script(m.sql);
      db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                 {m.info.version, m.info.name, now_utc_iso()});
      return true;
    });
    if (done) applied.push_back(m.info);
  }
  return applied;
}

}  // namespace twinning::store
