#include "store/sqlite/sqlite_database.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "model/error.h"

namespace twinning::store {

struct SqliteDatabase::Cached {
  sqlite3_stmt* stmt = nullptr;
  // param_slot[k] = SQLite parameter index of "$k+1", or 0 if unused.
  std::vector<int> param_slot;
  ~Cached() { sqlite3_finalize(stmt); }
};

// The database holds every letter and password hash: it and its -wal,
// -shm and -journal files are readable by their owner only. Creates a
// missing database file 0600 (SQLite gives the files it creates beside it
// the database file's mode), and takes the group's and others' bits off
// existing ones that this process's user owns. Never opens an existing
// database file: closing a descriptor of a file drops every POSIX lock this
// process holds on it, which would undo the locks of SQLite's other
// connections. In-memory and URI names are left alone.
static void make_private(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);  // a new, empty file: nobody holds locks on it yet
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::string file = path + suffix;
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0 && st.st_uid == ::geteuid()) {
      ::chmod(file.c_str(), st.st_mode & 0700);
    }
  }
}

SqliteDatabase::SqliteDatabase(const std::string& path) : path_(path) {
  // Memory statistics take a global mutex on every allocation; we do not use
  // them. Must be configured before SQLite initialises, hence once, first.
  static const int configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return sqlite3_initialize();
  }();
  (void)configured;
  make_private(path);
  int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorCode::kUnavailable, "cannot open database '" + path + "': " + msg, "--db");
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  try {
    // cache_size: 32 MB of page cache (default 2 MB) keeps a whole-registry
    // import (the world list's database is ~9 MB) from re-reading pages.
    execute_script(
        "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;");
  } catch (const Error& e) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorCode::kUnavailable,
                "cannot open database '" + path + "': " + std::string(e.what()), "--db");
  }
}

SqliteDatabase::~SqliteDatabase() {
  cache_.clear();
  if (db_) sqlite3_close_v2(db_);
}

void SqliteDatabase::fail(int rc, std::string_view sql) {
  std::string msg = sqlite3_errmsg(db_);
  int primary = rc & 0xFF;
  if (primary == SQLITE_CONSTRAINT) throw Error(ErrorCode::kConflict, msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
      primary == SQLITE_CANTOPEN || primary == SQLITE_FULL || primary == SQLITE_READONLY ||
      primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    throw Error(ErrorCode::kUnavailable, "database '" + path_ + "': " + msg);
  }
  throw Error(ErrorCode::kInvalidInput,
              "SQL error: " + msg + " in: " + std::string(sql.substr(0, 200)));
}

SqliteDatabase::Cached& SqliteDatabase::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) {
    sqlite3_reset(it->second->stmt);
    sqlite3_clear_bindings(it->second->stmt);
    return *it->second;
  }
  auto c = std::make_unique<Cached>();
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &c->stmt, nullptr);
  if (rc != SQLITE_OK) fail(rc, sql);
  int n = sqlite3_bind_parameter_count(c->stmt);
  for (int i = 1; i <= n; ++i) {
    const char* name = sqlite3_bind_parameter_name(c->stmt, i);
    if (!name || name[0] != '$') {
      throw Error(ErrorCode::kInvalidInput,
                  "SQL parameters must be written $1..$n: " + std::string(sql.substr(0, 200)));
    }
    int k = std::stoi(name + 1);
    if (k < 1) throw Error(ErrorCode::kInvalidInput, "bad SQL parameter " + std::string(name));
    if (static_cast<int>(c->param_slot.size()) < k) c->param_slot.resize(k, 0);
    c->param_slot[k - 1] = i;
  }
  auto& ref = *c;
  cache_.emplace(std::string(sql), std::move(c));
  return ref;
}

void SqliteDatabase::bind(Cached& c, const Params& params) {
  if (params.size() < c.param_slot.size()) {
    throw Error(ErrorCode::kInvalidInput, "SQL statement needs " +
                                              std::to_string(c.param_slot.size()) +
                                              " parameters, got " + std::to_string(params.size()));
  }
  for (std::size_t k = 0; k < c.param_slot.size(); ++k) {
    int slot = c.param_slot[k];
    if (!slot) continue;
    const auto& s = params[k].storage();
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(s)) {
      rc = sqlite3_bind_null(c.stmt, slot);
    } else if (auto* i = std::get_if<std::int64_t>(&s)) {
      rc = sqlite3_bind_int64(c.stmt, slot, *i);
    } else if (auto* d = std::get_if<double>(&s)) {
      rc = sqlite3_bind_double(c.stmt, slot, *d);
    } else if (auto* t = std::get_if<std::string>(&s)) {
      rc = sqlite3_bind_text64(c.stmt, slot, t->data(), t->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) fail(rc, sqlite3_sql(c.stmt));
  }
}

namespace {

Row read_row(sqlite3_stmt* stmt) {
  int n = sqlite3_column_count(stmt);
  std::vector<Value> values;
  values.reserve(n);
  for (int i = 0; i < n; ++i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER:
        values.emplace_back(static_cast<long long>(sqlite3_column_int64(stmt, i)));
        break;
      case SQLITE_FLOAT:
        values.emplace_back(sqlite3_column_double(stmt, i));
        break;
      case SQLITE_NULL:
        values.emplace_back();
        break;
      default: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        values.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(stmt, i)));
      }
    }
  }
  return Row(std::move(values));
}

}  // namespace

std::int64_t SqliteDatabase::execute(std::string_view sql, const Params& params) {
  Cached& c = prepare(sql);
  bind(c, params);
  int rc;
  while ((rc = sqlite3_step(c.stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    sqlite3_reset(c.stmt);
    fail(rc, sql);
  }
  sqlite3_reset(c.stmt);
  return sqlite3_changes64(db_);
}

std::int64_t SqliteDatabase::insert(std::string_view sql, const Params& params) {
  if (execute(sql, params) == 0) return 0;  // ON CONFLICT DO NOTHING: no new row
  return sqlite3_last_insert_rowid(db_);
}

void SqliteDatabase::query_each(std::string_view sql, const Params& params,
                                const std::function<void(const Row&)>& on_row) {
  Cached& c = prepare(sql);
  bind(c, params);
  struct Reset {
    sqlite3_stmt* s;
    ~Reset() { sqlite3_reset(s); }
  } reset{c.stmt};
  int rc;
  while ((rc = sqlite3_step(c.stmt)) == SQLITE_ROW) on_row(read_row(c.stmt));
  if (rc != SQLITE_DONE) fail(rc, sql);
}

std::vector<Row> SqliteDatabase::query(std::string_view sql, const Params& params) {
  std::vector<Row> rows;
  query_each(sql, params, [&](const Row& r) { rows.push_back(r); });
  return rows;
}

void SqliteDatabase::execute_script(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    int primary = rc & 0xFF;
    if (primary == SQLITE_CONSTRAINT) throw Error(ErrorCode::kConflict, msg);
    throw Error(primary == SQLITE_ERROR ? ErrorCode::kInvalidInput : ErrorCode::kUnavailable,
                "database '" + path_ + "': " + msg);
  }
}

void SqliteDatabase::begin_write() { execute("BEGIN IMMEDIATE", {}); }

void SqliteDatabase::commit() {
  try {
    execute("COMMIT", {});
  } catch (...) {
    rollback();
    throw;
  }
}

void SqliteDatabase::rollback() noexcept {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace twinning::store
