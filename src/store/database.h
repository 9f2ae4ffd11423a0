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
