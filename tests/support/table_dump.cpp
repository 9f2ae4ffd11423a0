#include "support/table_dump.h"

#include <filesystem>
#include <system_error>

#include "model/error.h"

namespace twinning::testing {
namespace {

std::string sql_name(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

TableRows dump_postgres_tables(store::Database& db) {
  TableRows out;
  auto& schema = out["pg_schema"];
  for (const auto& r : db.query(
           "SELECT 'column|' || table_name || '|' || column_name || '|' || data_type || '|' || "
           "is_nullable || '|' || COALESCE(column_default, '') FROM information_schema.columns "
           "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position")) {
    schema.push_back(r.text(0));
  }
  for (const auto& r : db.query("SELECT 'index|' || indexname || '|' || indexdef FROM pg_indexes "
                                "WHERE schemaname = 'public' ORDER BY indexname")) {
    schema.push_back(r.text(0));
  }
  for (const auto& r :
       db.query("SELECT 'constraint|' || conrelid::regclass::text || '|' || conname || '|' || "
                "pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = 'public'::regnamespace ORDER BY 1")) {
    schema.push_back(r.text(0));
  }
  auto& sequences = out["pg_sequences"];
  for (const auto& r : db.query("SELECT sequencename || '|' || COALESCE(last_value, 0) "
                                "FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")) {
    sequences.push_back(r.text(0));
  }
  for (const auto& t :
       db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
    auto& rows = out[t.text(0)];
    // The row's text form (NULL and '' differ in it); types are in pg_schema.
    for (const auto& r :
         db.query("SELECT CAST(t AS text) FROM public." + sql_name(t.text(0)) + " t ORDER BY 1")) {
      rows.push_back(r.text(0));
    }
  }
  return out;
}

}  // namespace

TableRows dump_tables(store::Database& db) {
  if (db.dialect() == store::Dialect::kPostgres) return dump_postgres_tables(db);
  TableRows out;
  auto& schema = out["sqlite_master"];
  for (const auto& r : db.query("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master "
                                "ORDER BY type, name")) {
    schema.push_back(r.text(0) + "|" + r.text(1) + "|" + r.text(2) + "|" + r.text(3));
  }
  for (const auto& t :
       db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    std::string table = t.text(0);
    auto& rows = out[table];
    auto columns = db.query("SELECT name FROM pragma_table_info($1) ORDER BY cid", {table});
    if (columns.empty()) continue;
    // typeof() tells integers, reals, text and blobs apart; quote() renders
    // each value losslessly (reals that 15 digits do not round-trip in full).
    std::string row;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      std::string c = sql_name(columns[i].text(0));
      row += (i ? " || '|' || " : "") + ("typeof(" + c + ") || ':' || quote(" + c + ")");
    }
    std::string sql = "SELECT " + row + " FROM " + sql_name(table) + " ORDER BY ";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + sql_name(columns[i].text(0));
    }
    for (const auto& r : db.query(sql)) rows.push_back(r.text(0));
  }
  return out;
}

TableRows dump_tables_of_file(const std::string& path) {
  std::string copy = path + ".dump-copy";
  std::error_code ec;
  std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) throw_not_found("cannot copy '" + path + "': " + ec.message());
  TableRows rows;
  {
    auto db = store::open_database(copy);
    rows = dump_tables(*db);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(copy + suffix, ec);
  return rows;
}

std::string first_difference(const TableRows& a, const TableRows& b) {
  for (const auto& [table, rows] : a) {
    auto it = b.find(table);
    if (it == b.end()) return "table " + table + " is only in the first";
    const auto& other = it->second;
    for (std::size_t i = 0; i < rows.size() || i < other.size(); ++i) {
      if (i >= other.size()) return "table " + table + ": row " + rows[i] + " is only in the first";
      if (i >= rows.size()) {
        return "table " + table + ": row " + other[i] + " is only in the second";
      }
      if (rows[i] != other[i]) {
        return "table " + table + ": row " + std::to_string(i + 1) + " is " + rows[i] +
               " in the first, " + other[i] + " in the second";
      }
    }
  }
  for (const auto& [table, rows] : b) {
    if (!a.count(table)) return "table " + table + " is only in the second";
  }
  return "";
}

}  // namespace twinning::testing
