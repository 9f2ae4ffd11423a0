#include "store/sqlite/sqlite_backup.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include "model/error.h"
#include "store/atomic_file.h"

namespace twinning::store {
namespace {

const std::string kField = "FILE";

// A connection to a backup file (or a file that claims to be one), opened
// without the pragmas of SqliteDatabase so that it changes nothing.
class RawConnection {
 public:
  RawConnection(const std::string& path, int flags) : path_(path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw_not_found("cannot read '" + path + "': " + msg, kField);
    }
    sqlite3_extended_result_codes(db_, 1);
  }
  ~RawConnection() { sqlite3_close_v2(db_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  sqlite3* handle() { return db_; }

  // The first column of every row of `sql`, as text (NULL as "").
  std::vector<std::string> column(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
    std::vector<std::string> out;
    if (rc == SQLITE_OK) {
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        out.emplace_back(p ? p : "", sqlite3_column_bytes(stmt, 0));
      }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) fail(rc);
    return out;
  }

  [[noreturn]] void fail(int rc) {
    int primary = rc & 0xFF;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
      throw_invalid("'" + path_ + "' is not a Twinning backup: " + sqlite3_errmsg(db_), kField);
    }
    throw_not_found("cannot read '" + path_ + "': " + sqlite3_errmsg(db_), kField);
  }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

// Copies every page of `from` into `to` in one step. Returns SQLite's code.
int copy_pages(sqlite3* to, sqlite3* from) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return sqlite3_extended_errcode(to);
  int rc = sqlite3_backup_step(b, -1);
  int finish = sqlite3_backup_finish(b);
  return rc == SQLITE_DONE ? finish : rc;
}

std::optional<std::pair<dev_t, ino_t>> file_identity(const std::string& path) {
  struct stat st {};
  if (path.empty() || path == ":memory:" || stat(path.c_str(), &st) != 0) return std::nullopt;
  return std::make_pair(st.st_dev, st.st_ino);
}

}  // namespace

void SqliteBackup::check_usable_with(const std::string& path, const char* verb) {
  if (db_.in_transaction()) {
    throw_conflict(std::string("cannot ") + verb + " inside a transaction");
  }
  auto live = file_identity(db_.location());
  if (live && live == file_identity(path)) {
    throw_invalid("'" + path + "' is the live database itself; " + verb + " another file", kField);
  }
}

BackupContents SqliteBackup::write(const std::string& path) {
  check_usable_with(path, "back up to");
  BackupContents contents;
  // 0600: a backup holds every letter of every office.
  replace_file_atomically(
      path,
      [&](const std::string& temp) {
        {
          RawConnection copy(temp, SQLITE_OPEN_READWRITE);
          int rc = copy_pages(copy.handle(), db_.handle());
          if (rc != SQLITE_OK) {
            throw Error(ErrorCode::kUnavailable, "cannot back up '" + db_.location() + "' to '" +
                                                     path + "': " + sqlite3_errstr(rc));
          }
          // The copy carries the live database's WAL flag; make it one
          // self-contained file.
          copy.column("PRAGMA journal_mode=DELETE");
        }
        contents = inspect(temp);
      },
      kField, 0600);
  return contents;
}

BackupContents SqliteBackup::inspect(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    throw_not_found("cannot read '" + path + "': " + std::strerror(errno), kField);
  }
  if (!S_ISREG(st.st_mode)) throw_invalid("'" + path + "' is not a file", kField);
  RawConnection file(path, SQLITE_OPEN_READONLY);
  auto not_twinning = [&](const std::string& why) {
    throw_invalid("'" + path + "' is not a Twinning backup: " + why, kField);
  };
  // integrity_check reads every page: a damaged copy is refused before it
  // can replace anything.
  auto check = file.column("PRAGMA integrity_check");
  if (check.empty() || check[0] != "ok") {
    not_twinning("it is damaged (" + (check.empty() ? std::string("no answer") : check[0]) + ")");
  }
  if (file.column("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
                  "('schema_migrations', 'cities', 'links')")
          .size() != 3) {
    not_twinning("it has no Twinning tables");
  }
  auto first = file.column("SELECT name FROM schema_migrations WHERE version = 1");
  if (first.empty() || first[0] != "001_registry") not_twinning("it records no Twinning schema");

  BackupContents contents;
  contents.bytes = st.st_size;
  contents.schema_version =
      std::stoi(file.column("SELECT MAX(CAST(version AS INTEGER)) FROM schema_migrations")[0]);
  require_known_schema_version(Dialect::kSqlite, contents.schema_version, path);
  for (const auto& table : file.column("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                       "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
    std::string quoted = "\"";
    for (char c : table) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    contents.table_rows[table] =
        std::stoll(file.column("SELECT COUNT(*) FROM " + quoted + "\"")[0]);
  }
  return contents;
}

BackupContents SqliteBackup::restore(const std::string& path) {
  check_usable_with(path, "restore from");
  BackupContents contents = inspect(path);
  RawConnection file(path, SQLITE_OPEN_READONLY);
  auto page_size = [](auto& conn) { return conn.column("PRAGMA page_size")[0]; };
  std::string live_page_size = db_.query_one("PRAGMA page_size")->text(0);
  if (page_size(file) != live_page_size) {
    // A WAL database cannot change its page size in place.
    throw_invalid("'" + path + "' has pages of " + page_size(file) + " bytes, the live database " +
                      live_page_size + "; restore it into a new database file",
                  kField);
  }
  int rc = copy_pages(db_.handle(), file.handle());
  if (rc != SQLITE_OK) {
    throw Error(ErrorCode::kUnavailable, "cannot restore '" + db_.location() + "' from '" + path +
                                             "' (nothing was changed): " + sqlite3_errstr(rc));
  }
  // The copied header carries the backup's journal mode; the live database
  // stays in WAL.
  db_.execute_script("PRAGMA journal_mode=WAL");
  return contents;
}

}  // namespace twinning::store
