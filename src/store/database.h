// The SQL connection every store is written against: one connection to either
// a SQLite file or a PostgreSQL server, with `$1..$n` parameters in both
// dialects. Repositories (CityStore, LinkStore, ...) are written once in the
// SQL both engines accept; only migrations come as a dialect pair.
//
// A Database is one connection and is NOT safe for concurrent use: give each
// thread its own (the server keeps a pool). Copying is forbidden.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace twinning::store {

enum class Dialect { kSqlite, kPostgres };

// A SQL parameter or column value: NULL, 64-bit integer, double, or text.
class Value {
 public:
  using Storage = std::variant<std::monostate, std::int64_t, double, std::string>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(int v) : v_(std::int64_t{v}) {}
  Value(long v) : v_(std::int64_t{v}) {}
  Value(long long v) : v_(static_cast<std::int64_t>(v)) {}
  Value(unsigned v) : v_(std::int64_t{v}) {}
  Value(bool v) : v_(std::int64_t{v ? 1 : 0}) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  template <class T>
  Value(const std::optional<T>& o) {
    if (o) *this = Value(*o);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  const Storage& storage() const { return v_; }

 private:
  Storage v_;
};

using Params = std::vector<Value>;

// One result row. Accessors convert between integer, real and text the way
// SQL does; a NULL reads as 0 / 0.0 / "" unless the opt_ accessor is used.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const { return values_.at(i).is_null(); }
  std::int64_t integer(std::size_t i) const;
  double real(std::size_t i) const;
  std::string text(std::size_t i) const;
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  std::optional<double> opt_real(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;

 private:
  std::vector<Value> values_;
};

// Rows added to one table in bulk (Database::bulk_insert): the write path of
// importers, which add tens of thousands of rows in one transaction. How the
// rows travel is the backend's affair: the default, which SQLite uses,
// inserts each row as it is added (a cached prepared statement, in process);
// PostgreSQL buffers them, reserving their ids from the table's sequence,
// and writes each flush()'s rows with one statement that runs while the
// caller goes on: a few round trips per ten thousand rows instead of one
// per row, and the server writes while the importer reads on.
//
// A buffered row is invisible to queries, and a row of another table that
// references it must not be written before it: flush this BulkInsert before
// the referencing one. Whatever the Database runs after a flush() (a query,
// another statement, the commit) runs after the flushed rows are written.
// Use inside a write transaction, and flush() before it commits: rows still
// buffered when the object is destroyed are dropped. Must not outlive its
// Database. Not thread-safe; copying is forbidden.
class BulkInsert {
 public:
  BulkInsert() = default;
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;
  virtual ~BulkInsert() = default;

  // Adds a row: one value per column, in the order bulk_insert() named them.
  // Returns the row's id when the table's generated key column `id` is
  // returned (bulk_insert's `returns_id`), else 0. Throws Error(kInvalidInput)
  // at once, writing nothing, for a value the backend cannot store (text with
  // a NUL character on PostgreSQL). Any other error is thrown as
  // Database::execute by the call that writes the row: this one, or flush()
  // (see there).
  virtual std::int64_t add(Params row) = 0;

  // The buffered row with id `id` (returns_id only), to be changed in place
  // before it is written; nullptr if no such row is buffered (never added
  // here, or written already: change it with SQL then).
  virtual Params* buffered(std::int64_t id) = 0;

  // The number of rows added and not yet written.
  virtual std::size_t pending() const = 0;

  // Writes every buffered row, or has them written: the writing may go on
  // after flush() returns, and then an error of it (as Database::execute) is
  // thrown by the next flush() or call on the Database, the commit at the
  // latest, and by every one after it until the transaction is rolled back.
  // The buffer is empty afterwards, on success or failure.
  virtual void flush() = 0;
};

class Database {
 public:
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;

  // A description of where the data lives, for messages ("twinning.db",
  // "postgresql://host:5432/db" without the password).
  virtual std::string location() const = 0;

  // Runs one statement with parameters $1..$n bound from `params`. Returns
  // the number of rows it inserted, updated or deleted. Throws
  // twinning::Error: kConflict on a constraint violation (unique, foreign
  // key, check), kUnavailable if the database cannot be reached or is busy
  // beyond its timeout, kInvalidInput for SQL the engine rejects (a bug).
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;

  // Runs an INSERT of one row into a table whose key column is `id` and
  // returns the new row's id, or 0 if no row was inserted (ON CONFLICT DO
  // NOTHING). Errors as execute().
  virtual std::int64_t insert(std::string_view sql, const Params& params) = 0;

  // Runs a query and returns every row. Errors as execute().
  virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;

  // Runs a query and calls `on_row` for each row as it is read, without
  // keeping the rows. Errors as execute(); an exception thrown by `on_row`
  // stops the query and propagates.
  virtual void query_each(std::string_view sql, const Params& params,
                          const std::function<void(const Row&)>& on_row) = 0;

  // Runs a script of statements separated by ';' with no parameters
  // (migrations). Errors as execute().
  virtual void execute_script(std::string_view sql) = 0;

  // A bulk insert into `table`'s `columns` (identifiers written in the
  // program, never input). With `returns_id` the table's key column `id` is
  // generated and add() returns it. This default inserts each row as it is
  // added; a backend with costly round trips buffers (see BulkInsert). The
  // caller owns the result; it must not outlive this Database.
  virtual std::unique_ptr<BulkInsert> bulk_insert(std::string table,
                                                  std::vector<std::string> columns,
                                                  bool returns_id);

  // The first row of a query, or nullopt if it returned none.
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});

  // Runs `body` inside one write transaction: everything it writes commits
  // together when it returns, or is rolled back entirely when it throws (the
  // exception propagates). Calls nest: an inner call joins the outer
  // transaction. Write transactions are serialized across connections
  // (SQLite BEGIN IMMEDIATE with a busy timeout; PostgreSQL row locks), so a
  // read-then-write inside `body` sees no interleaved writer on SQLite.
  template <class F>
  auto write_transaction(F&& body) -> decltype(body());

  bool in_transaction() const { return depth_ > 0; }

 protected:
  virtual void begin_write() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

 private:
  int depth_ = 0;
};

// Opens the database at `location`: a file path for SQLite (created if
// missing) or a postgresql:// (postgres://) URL. Applies no migrations; see
// migrations.h. Throws Error(kUnavailable) if it cannot be opened and
// Error(kInvalidInput) for a location it does not understand.
std::unique_ptr<Database> open_database(const std::string& location);

// ---- implementation of the template ----

template <class F>
auto Database::write_transaction(F&& body) -> decltype(body()) {
  if (depth_ == 0) begin_write();
  ++depth_;
  struct Guard {
    Database* db;
    bool done = false;
    ~Guard() {
      if (done) return;
      if (--db->depth_ == 0) db->rollback();
    }
  } guard{this};
  if constexpr (std::is_void_v<decltype(body())>) {
    body();
    guard.done = true;
    if (--depth_ == 0) commit();
  } else {
    auto result = body();
    guard.done = true;
    if (--depth_ == 0) commit();
    return result;
  }
}

}  // namespace twinning::store
