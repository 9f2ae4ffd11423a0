// Every row of every table of a database, rendered as comparable text:
// the evidence that two databases hold the same data (a backup and its
// original, a database before and after a refused write). Free functions
// without GoogleTest, so that the fuzz targets share them; thread-safe for
// different connections.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/database.h"

namespace twinning::testing {

// Table name -> its rows, each value rendered losslessly with its type
// ("integer:42|real:48.7086|text:'Volgograd'|null:NULL"), sorted by every
// column in order so that row order on disk does not matter. Covers every table in
// sqlite_master, SQLite's own (sqlite_sequence) included, plus the schema
// itself under the key "sqlite_master" (type, name and SQL of every table,
// index and trigger). On PostgreSQL: every table of the schema "public"
// (each row in its text form), its columns, indexes and constraints under
// "pg_schema", and the sequences' positions under "pg_sequences". Throws as
// Database::query.
using TableRows = std::map<std::string, std::vector<std::string>>;
TableRows dump_tables(store::Database& db);

// dump_tables() of the SQLite file at `path`, read from a copy so that the
// file itself stays byte for byte as it was (opening it as a Database would
// switch it to WAL). Throws Error(kNotFound) if it cannot be read.
TableRows dump_tables_of_file(const std::string& path);

// The first difference between two dumps ("table letters: row 3 is ... in
// the first, ... in the second"), or "" when they are equal.
std::string first_difference(const TableRows& a, const TableRows& b);

}  // namespace twinning::testing
