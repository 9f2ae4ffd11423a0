// CLI commands `backup FILE` and `restore FILE` (maintenance/backup.h).
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "maintenance/backup.h"

namespace twinning::cli {
namespace {

// "9.1 MB, schema 3, 17 tables, 52,345 rows (cities 12,000, links 20,000, letters 12)".
std::string describe(const maintenance::BackupReport& r) {
  auto grouped = [](std::int64_t n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(i, ",");
    return s;
  };
  std::int64_t rows = 0;
  for (const auto& [table, n] : r.contents.table_rows) rows += n;
  char size[32];
  std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(r.contents.bytes) / 1e6);
  std::string out = std::string(size) + ", schema " + std::to_string(r.contents.schema_version) +
                    ", " + std::to_string(r.contents.table_rows.size()) + " tables, " +
                    grouped(rows) + " rows (";
  bool first = true;
  for (const char* table : {"cities", "links", "letters", "campaigns"}) {
    auto it = r.contents.table_rows.find(table);
    if (it == r.contents.table_rows.end()) continue;
    out += (first ? "" : ", ") + std::string(table) + " " + grouped(it->second);
    first = false;
  }
  return out + ")";
}

}  // namespace

void add_backup_commands(CLI::App& app, Context& ctx) {
  auto backup_file = std::make_shared<std::string>();
  auto* backup = app.add_subcommand(
      "backup",
      "Write a consistent copy of the whole database to FILE (SQLite: a database file; "
      "PostgreSQL: a pg_dump archive; replaced all or nothing, mode 0600)");
  backup->add_option("FILE", *backup_file, "The backup file to write")->required();
  add_json_flag(backup, ctx);
  backup->callback([&ctx, backup_file] {
    auto report = maintenance::backup_database(ctx.store(), *backup_file);
    if (ctx.json) return ctx.print_json(report);
    std::cout << "backed up " << report.database << " to " << report.file << ": "
              << describe(report) << '\n';
  });

  auto restore_file = std::make_shared<std::string>();
  auto* restore = app.add_subcommand(
      "restore",
      "Replace the whole database by the backup FILE (checked first; all or nothing), then "
      "bring its schema up to date");
  restore->add_option("FILE", *restore_file, "The backup file to restore")->required();
  add_json_flag(restore, ctx);
  restore->callback([&ctx, restore_file] {
    // Opened without migrating: a live database too damaged to migrate can
    // still be replaced.
    store::Store live(store::open_database(ctx.db_location));
    auto report = maintenance::restore_database(live, *restore_file);
    if (ctx.json) return ctx.print_json(report);
    std::cout << "restored " << report.database << " from " << report.file << ": "
              << describe(report);
    if (report.schema_after != report.contents.schema_version) {
      std::cout << "; schema brought up to " << report.schema_after;
    }
    std::cout << '\n';
  });
}

}  // namespace twinning::cli
