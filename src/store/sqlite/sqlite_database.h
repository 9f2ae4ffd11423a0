// Database over one SQLite file: WAL journal, foreign keys enforced,
// synchronous=FULL (a committed write survives a process kill and a power
// loss), a 10 s busy timeout so that concurrent processes queue for the
// write lock instead of failing. Prepared statements are cached per SQL text.
// Not thread-safe: one SqliteDatabase per thread.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "store/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace twinning::store {

class SqliteDatabase final : public Database {
 public:
  // Opens (creating if missing) the file at `path`; ":memory:" gives a
  // private in-memory database. Throws Error(kUnavailable) if it cannot.
  explicit SqliteDatabase(const std::string& path);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string location() const override { return path_; }
  std::int64_t execute(std::string_view sql, const Params& params) override;
  std::int64_t insert(std::string_view sql, const Params& params) override;
  std::vector<Row> query(std::string_view sql, const Params& params) override;
  void query_each(std::string_view sql, const Params& params,
                  const std::function<void(const Row&)>& on_row) override;
  void execute_script(std::string_view sql) override;

  // The raw handle, for the SQLite-only operations (online backup).
  sqlite3* handle() { return db_; }

 protected:
  void begin_write() override;
  void commit() override;
  void rollback() noexcept override;

 private:
  struct Cached;
  Cached& prepare(std::string_view sql);
  void bind(Cached& c, const Params& params);
  [[noreturn]] void fail(int rc, std::string_view sql);

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Cached>> cache_;
};

}  // namespace twinning::store
