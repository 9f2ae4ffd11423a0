// One file of over 500 lines, on purpose: it is PostgresDatabase's
// implementation behind its pimpl, and every part of it — the prepared
// statement cache and parameter encoding, the cursor path of large SELECTs,
// the bulk writer (Impl::Bulk) with its background thread and id blocks, the
// foreign keys a bulk load suspends, the transaction calls — works on
// Impl's private state (its two connections, statements, background queue).
// Split, Impl would move into a header that only these parts read; none of
// the helpers here is used elsewhere.
#include "store/postgres/postgres_database.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "model/error.h"

namespace twinning::store {
namespace {

// A SELECT returning more rows than this is re-read through a cursor.
constexpr int kProbeRows = 2000;
// Rows per FETCH on the cursor path.
constexpr int kCursorBatch = 1000;
// Ids a bulk insert reserves per round trip: the first block, doubled on
// each refill up to the last. Ids reserved and not used are lost, as those of
// a rolled-back insert are: at most kMaxIdBlock - 1 per bulk insert.
constexpr std::int64_t kFirstIdBlock = 16;
constexpr std::int64_t kMaxIdBlock = 256;
// A flush of at least this many rows makes a bulk insert a bulk load: its
// table's foreign keys are suspended until the commit (Impl::suspend_keys).
constexpr std::size_t kBulkLoadRows = 1000;

// Type OIDs of pg_type that map to integers and reals; everything else reads
// as text.
enum class ColumnKind { kInteger, kReal, kBoolean, kText };

ColumnKind kind_of(pqxx::oid type) {
  switch (type) {
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
    case 26:  // oid
      return ColumnKind::kInteger;
    case 700:   // float4
    case 701:   // float8
    case 1700:  // numeric
      return ColumnKind::kReal;
    case 16:  // bool
      return ColumnKind::kBoolean;
    default:
      return ColumnKind::kText;
  }
}

std::vector<ColumnKind> column_kinds(const pqxx::result& r) {
  std::vector<ColumnKind> kinds;
  kinds.reserve(r.columns());
  for (pqxx::row_size_type i = 0; i < r.columns(); ++i) kinds.push_back(kind_of(r.column_type(i)));
  return kinds;
}

Row to_row(const pqxx::row& row, const std::vector<ColumnKind>& kinds) {
  std::vector<Value> values;
  values.reserve(kinds.size());
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const pqxx::field f = row[static_cast<pqxx::row_size_type>(i)];
    if (f.is_null()) {
      values.emplace_back();
      continue;
    }
    std::string_view text(f.c_str(), f.size());
    switch (kinds[i]) {
      case ColumnKind::kInteger: {
        long long v = 0;
        std::from_chars(text.data(), text.data() + text.size(), v);
        values.emplace_back(v);
        break;
      }
      case ColumnKind::kReal: {
        double v = 0;
        std::from_chars(text.data(), text.data() + text.size(), v);
        values.emplace_back(v);
        break;
      }
      case ColumnKind::kBoolean:
        values.emplace_back(text == "t");
        break;
      case ColumnKind::kText:
        values.emplace_back(std::string(text));
        break;
    }
  }
  return Row(std::move(values));
}

// The highest $n in `sql` outside quoted strings and identifiers.
int highest_parameter(std::string_view sql) {
  int highest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '1' && sql[i + 1] <= '9') {
      int n = 0;
      std::size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
      highest = std::max(highest, n);
      i = j - 1;
    }
  }
  return highest;
}

// Parameter values as libpq wants them: text, or a null pointer for NULL.
class TextParams {
 public:
  TextParams(const Params& params, int count) {
    if (static_cast<int>(params.size()) < count) {
      throw Error(ErrorCode::kInvalidInput, "SQL statement needs " + std::to_string(count) +
                                                " parameters, got " +
                                                std::to_string(params.size()));
    }
    texts_.reserve(count);
    for (int i = 0; i < count; ++i) {
      const auto& s = params[i].storage();
      if (std::holds_alternative<std::monostate>(s)) {
        texts_.emplace_back();
        nulls_.push_back(true);
        continue;
      }
      nulls_.push_back(false);
      if (auto* v = std::get_if<std::int64_t>(&s)) {
        texts_.push_back(std::to_string(*v));
      } else if (auto* d = std::get_if<double>(&s)) {
        char buf[32];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        texts_.emplace_back(buf, p);
      } else {
        const auto& t = std::get<std::string>(s);
        if (t.find('\0') != std::string::npos) {
          throw Error(ErrorCode::kInvalidInput,
                      "text with a NUL character cannot be stored in PostgreSQL");
        }
        texts_.push_back(t);
      }
    }
    for (int i = 0; i < count; ++i) pointers_.push_back(nulls_[i] ? nullptr : texts_[i].c_str());
  }

  auto dynamic() const { return pqxx::prepare::make_dynamic_params(pointers_); }

 private:
  std::vector<std::string> texts_;
  std::vector<bool> nulls_;
  std::vector<const char*> pointers_;
};

bool starts_with_select(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  if (sql.size() - i < 6) return false;
  std::string head;
  for (std::size_t k = 0; k < 6; ++k) {
    head += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i + k])));
  }
  return head == "SELECT";
}

bool has_locking_clause(std::string_view sql) {
  std::string upper;
  upper.reserve(sql.size());
  for (char c : sql) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper.find("FOR UPDATE") != std::string::npos ||
         upper.find("FOR SHARE") != std::string::npos ||
         upper.find("FOR NO KEY UPDATE") != std::string::npos;
}

struct Prepared {
  std::string name;
  int parameters = 0;
};

// Runs tasks in order on a thread of its own: the statements of bulk
// inserts, so that the importer builds its next rows while the server writes
// the last ones. The first failure is kept: the tasks after it are dropped,
// and submit() and wait() throw it until discard().
class BackgroundTasks {
 public:
  BackgroundTasks() : thread_([this] { loop(); }) {}
  ~BackgroundTasks() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
      queue_.clear();
    }
    changed_.notify_all();
    thread_.join();
  }
  BackgroundTasks(const BackgroundTasks&) = delete;
  BackgroundTasks& operator=(const BackgroundTasks&) = delete;

  // Queues `task`, waiting while kMaxQueued others wait: bounds the memory.
  void submit(std::function<void()> task) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kMaxQueued || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    queue_.push_back(std::move(task));
    changed_.notify_all();
  }

  // Returns when every queued task has run; throws a kept failure.
  void wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.empty() && !running_; });
    if (failure_) std::rethrow_exception(failure_);
  }

  // True if no task runs or waits and none failed.
  bool idle() {
    std::lock_guard lock(mutex_);
    return queue_.empty() && !running_ && !failure_;
  }

  // Drops the queued tasks, waits for the running one and forgets a failure.
  void discard() noexcept {
    std::unique_lock lock(mutex_);
    queue_.clear();
    changed_.wait(lock, [&] { return !running_; });
    failure_ = nullptr;
  }

 private:
  static constexpr std::size_t kMaxQueued = 8;

  void loop() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      std::function<void()> task = std::move(queue_.front());
      queue_.pop_front();
      if (failure_) continue;
      running_ = true;
      lock.unlock();
      std::exception_ptr failed;
      try {
        task();
      } catch (...) {
        failed = std::current_exception();
      }
      task = nullptr;
      lock.lock();
      running_ = false;
      if (failed) failure_ = failed;
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> queue_;
  bool running_ = false;
  bool stop_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: it starts with the members above in place
};

}  // namespace

struct PostgresDatabase::Impl {
  std::string url;
  std::string location;
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<pqxx::nontransaction> tx;
  std::unordered_map<std::string, std::unique_ptr<Prepared>> prepared;
  int statement_serial = 0;  // never reused, even after a statement failed to prepare
  int cursor_serial = 0;

  // Bulk inserts' statements, once there are any; they alone use the
  // connection while they run: every other use settle()s first.
  std::unique_ptr<BackgroundTasks> background;
  // A second connection to reserve ids on, so that a reservation never
  // waits for rows being written; null until needed, and after it failed.
  std::unique_ptr<pqxx::connection> id_conn;
  std::unique_ptr<pqxx::nontransaction> id_tx;
  bool id_conn_failed = false;

  // Foreign keys dropped for a bulk load in this transaction, to be added
  // back (and so checked, all rows at once) before it commits.
  struct SuspendedKey {
    std::string table, name, definition;
  };
  std::vector<SuspendedKey> suspended_keys;
  std::unordered_set<std::string> suspended_tables;

  class Bulk;

  // Drops `table`'s foreign keys for the rest of the transaction: checking
  // each row (a lookup and a row lock in the referenced table) is about half
  // of the server's work in a large import, and one join at the commit
  // (restore_keys) checks them all. DROP CONSTRAINT locks the table and the
  // tables it references against every other use, reads included, until the
  // transaction ends; a rollback restores the keys as they were.
  void suspend_keys(const std::string& table);
  // Adds the suspended keys back, under their names, each checked over the
  // whole table: a row referencing nothing fails here (kConflict).
  void restore_keys();

  // Waits for the bulk statements still running; throws the error of one
  // that failed (until the transaction is rolled back).
  void settle() {
    if (background) background->wait();
  }
  // At the end of a transaction, with nothing running: stops the thread and
  // closes the id connection, which a pooled connection would keep idle.
  void end_bulk() noexcept {
    background.reset();
    suspended_keys.clear();
    suspended_tables.clear();
    try {
      id_tx.reset();
      id_conn.reset();
    } catch (...) {
      // Closing a broken connection may report the breakage; nothing to do.
    }
    id_conn_failed = false;
  }
  const Prepared& prepare(std::string_view sql);
  // settle()s, then runs a statement, prepared once per connection and SQL text.
  pqxx::result run(std::string_view sql, const Params& params);
  // run() without settle(): for the background tasks themselves.
  pqxx::result run_now(std::string_view sql, const Params& params);
  // Runs `sql` (a nextval() query of one parameter) with run() while no bulk
  // statement runs, else on the id connection (or with run() where there
  // can be none).
  pqxx::result run_for_ids(const std::string& sql, const Params& params);
  void stream_with_cursor(std::string_view sql, const Params& params, bool in_transaction,
                          const std::function<void(const Row&)>& on_row);
  [[noreturn]] void fail(std::string_view sql);
};

std::string redact_postgres_url(const std::string& url) {
  std::string out = url;
  auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    auto authority_end = out.find_first_of("/?", scheme + 3);
    if (authority_end == std::string::npos) authority_end = out.size();
    auto at = out.rfind('@', authority_end);
    if (at != std::string::npos && at > scheme) {
      auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // password=... among the query parameters
  auto q = out.find('?');
  if (q != std::string::npos) {
    std::string query = out.substr(q + 1), kept;
    std::size_t start = 0;
    while (start <= query.size()) {
      auto amp = query.find('&', start);
      if (amp == std::string::npos) amp = query.size();
      std::string part = query.substr(start, amp - start);
      if (!part.empty() && part.rfind("password=", 0) != 0) {
        if (!kept.empty()) kept += '&';
        kept += part;
      }
      start = amp + 1;
    }
    out = out.substr(0, q) + (kept.empty() ? "" : "?" + kept);
  }
  return out;
}

PostgresDatabase::PostgresDatabase(const std::string& url) : impl_(std::make_unique<Impl>()) {
  impl_->url = url;
  impl_->location = redact_postgres_url(url);
  try {
    impl_->conn = std::make_unique<pqxx::connection>(url);
    impl_->conn->set_client_encoding("UTF8");
    impl_->tx = std::make_unique<pqxx::nontransaction>(*impl_->conn);
  } catch (const std::exception& e) {
    std::string msg = e.what();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw Error(ErrorCode::kUnavailable,
                "cannot connect to PostgreSQL at '" + impl_->location + "': " + msg, "--db");
  }
}

PostgresDatabase::~PostgresDatabase() {
  try {
    impl_->background.reset();
    impl_->id_tx.reset();
    impl_->id_conn.reset();
    impl_->tx.reset();
    impl_->prepared.clear();
    impl_->conn.reset();
  } catch (...) {
    // Closing a broken connection may report the breakage; nothing to do.
  }
}

std::string PostgresDatabase::location() const { return impl_->location; }

const std::string& PostgresDatabase::connection_url() const { return impl_->url; }

void PostgresDatabase::Impl::fail(std::string_view sql) {
  auto snippet = [&] { return std::string(sql.substr(0, 200)); };
  auto trimmed = [](std::string msg) {
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return msg;
  };
  try {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const pqxx::broken_connection& e) {
    throw Error(ErrorCode::kUnavailable,
                "lost the connection to PostgreSQL at '" + location + "': " + trimmed(e.what()));
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    std::string cls = state.substr(0, 2);
    std::string msg = trimmed(e.what());
    if (cls == "23") throw Error(ErrorCode::kConflict, msg);
    if (cls == "40") {
      throw Error(ErrorCode::kUnavailable,
                  "the database could not serialise concurrent writes; retry: " + msg);
    }
    if (cls == "08" || cls == "53" || cls == "57" || cls == "58" || cls == "XX") {
      throw Error(ErrorCode::kUnavailable, "PostgreSQL at '" + location + "': " + msg);
    }
    if (cls == "22") throw Error(ErrorCode::kInvalidInput, msg);
    throw Error(ErrorCode::kInvalidInput, "SQL error: " + msg + " in: " + snippet());
  } catch (const pqxx::in_doubt_error& e) {
    throw Error(ErrorCode::kUnavailable,
                "PostgreSQL at '" + location + "': commit in doubt: " + trimmed(e.what()));
  } catch (const pqxx::usage_error& e) {
    throw Error(ErrorCode::kInvalidInput, "database usage error: " + trimmed(e.what()));
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kUnavailable, "PostgreSQL at '" + location + "': " + trimmed(e.what()));
  }
}

const Prepared& PostgresDatabase::Impl::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = prepared.find(key);
  if (it != prepared.end()) return *it->second;
  auto p = std::make_unique<Prepared>();
  p->name = "twinning_" + std::to_string(++statement_serial);
  p->parameters = highest_parameter(sql);
  conn->prepare(p->name, key);
  auto& ref = *p;
  prepared.emplace(std::move(key), std::move(p));
  return ref;
}

pqxx::result PostgresDatabase::Impl::run(std::string_view sql, const Params& params) {
  settle();
  return run_now(sql, params);
}

pqxx::result PostgresDatabase::Impl::run_now(std::string_view sql, const Params& params) {
  try {
    const Prepared& p = prepare(sql);
    TextParams text(params, p.parameters);
    return tx->exec_prepared(p.name, text.dynamic());
  } catch (...) {
    fail(sql);
  }
}

void PostgresDatabase::Impl::suspend_keys(const std::string& table) {
  if (!suspended_tables.insert(table).second) return;
  auto keys = run(
      "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
      "WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname",
      {table});
  for (const auto& key : keys) {
    SuspendedKey k{table, key[0].as<std::string>(), key[1].as<std::string>()};
    run("ALTER TABLE " + tx->quote_name(table) + " DROP CONSTRAINT " + tx->quote_name(k.name), {});
    suspended_keys.push_back(std::move(k));
  }
}

void PostgresDatabase::Impl::restore_keys() {
  for (const auto& k : suspended_keys) {
    run("ALTER TABLE " + tx->quote_name(k.table) + " ADD CONSTRAINT " + tx->quote_name(k.name) +
            " " + k.definition,
        {});
  }
  suspended_keys.clear();
  suspended_tables.clear();
}

pqxx::result PostgresDatabase::Impl::run_for_ids(const std::string& sql, const Params& params) {
  // While nothing is written in the background, this connection is free.
  if (!background || background->idle()) return run(sql, params);
  if (!id_conn_failed) {
    try {
      if (!id_conn) {
        id_conn = std::make_unique<pqxx::connection>(url);
        id_tx = std::make_unique<pqxx::nontransaction>(*id_conn);
      }
      TextParams text(params, static_cast<int>(params.size()));
      return id_tx->exec_params(sql, text.dynamic());
    } catch (...) {
      // No second connection (the server's limit), or a sequence it cannot
      // see (created in this transaction): reserve on this one.
      id_conn_failed = true;
      id_tx.reset();
      id_conn.reset();
    }
  }
  return run(sql, params);
}

namespace {

// Appends `v` to `out` as an element of an array literal: NULL, a number,
// or a double-quoted string with '"' and '\\' escaped.
void append_array_element(std::string& out, const Value& v) {
  const auto& s = v.storage();
  if (std::holds_alternative<std::monostate>(s)) {
    out += "NULL";
  } else if (auto* i = std::get_if<std::int64_t>(&s)) {
    char buf[24];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *i);
    out.append(buf, p);
  } else if (auto* d = std::get_if<double>(&s)) {
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *d);
    out.append(buf, p);
  } else {
    out += '"';
    for (char c : std::get<std::string>(s)) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
}

}  // namespace

// Buffers rows and writes each flush's with one statement, whatever their
// number: INSERT ... SELECT * FROM unnest($1::type[], ...), one array
// parameter per column. Prepared once, it is parsed and planned once, and the
// server reads each array with one call of the element type's input. The
// statement runs in the background (Impl::background) while the caller goes
// on. Ids come from the table's identity sequence, reserved in blocks on the
// id connection.
class PostgresDatabase::Impl::Bulk final : public BulkInsert {
 public:
  Bulk(Impl& db, std::string table, std::vector<std::string> columns, bool returns_id)
      : db_(db), table_(std::move(table)), columns_(std::move(columns)), returns_id_(returns_id) {
    if (returns_id_) columns_.insert(columns_.begin(), "id");
  }

  std::int64_t add(Params row) override {
    if (row.size() + (returns_id_ ? 1 : 0) != columns_.size()) {
      throw Error(ErrorCode::kInvalidInput, "bulk insert into " + table_ + ": " +
                                                std::to_string(row.size()) + " values for " +
                                                std::to_string(columns_.size()) + " columns");
    }
    for (const Value& v : row) {
      auto* text = std::get_if<std::string>(&v.storage());
      if (text && text->find('\0') != std::string::npos) {
        throw Error(ErrorCode::kInvalidInput,
                    "text with a NUL character cannot be stored in PostgreSQL");
      }
    }
    if (statement_.empty()) prepare();
    std::int64_t id = 0;
    if (returns_id_) {
      id = next_id();
      index_.emplace(id, rows_.size());
      ids_.push_back(id);
    }
    rows_.push_back(std::move(row));
    return id;
  }

  Params* buffered(std::int64_t id) override {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &rows_[it->second];
  }

  std::size_t pending() const override { return rows_.size(); }

  void flush() override {
    if (rows_.empty()) return;
    index_.clear();
    std::vector<Params> rows = std::move(rows_);
    std::vector<std::int64_t> ids = std::move(ids_);
    rows_.clear();
    ids_.clear();
    if (rows.size() >= kBulkLoadRows) db_.suspend_keys(table_);
    if (!db_.background) db_.background = std::make_unique<BackgroundTasks>();
    db_.background->submit(
        [&db = db_, sql = statement_, width = columns_.size(), rows = std::move(rows),
         ids = std::move(ids)] { db.run_now(sql, column_arrays(rows, ids, width)); });
  }

 private:
  // One array literal per column: the ids first if there are any.
  static Params column_arrays(const std::vector<Params>& rows, const std::vector<std::int64_t>& ids,
                              std::size_t width) {
    Params arrays;
    arrays.reserve(width);
    std::size_t first = ids.empty() ? 0 : 1;
    std::string array;
    for (std::size_t c = 0; c < width; ++c) {
      array.assign(1, '{');
      for (std::size_t r = 0; r < rows.size(); ++r) {
        if (r) array += ',';
        append_array_element(array, c < first ? Value(ids[r]) : rows[r][c - first]);
      }
      array += '}';
      arrays.emplace_back(std::move(array));
    }
    return arrays;
  }

  // Builds the statement, INSERT INTO table (columns) SELECT * FROM
  // unnest($1::type[], ...), from the columns' types in the catalog, and the
  // id reservation from the table's sequence.
  void prepare() {
    std::unordered_map<std::string, std::string> types;
    for (const auto& r :
         db_.run("SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
                 "WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped",
                 {table_})) {
      types.emplace(r[0].as<std::string>(), r[1].as<std::string>());
    }
    std::string names, arrays;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      auto type = types.find(columns_[c]);
      if (type == types.end()) {
        throw Error(ErrorCode::kInvalidInput,
                    "bulk insert: no column " + columns_[c] + " in " + table_);
      }
      names += (c ? ", " : "") + columns_[c];
      arrays += (c ? ", $" : "$") + std::to_string(c + 1) + "::" + type->second + "[]";
    }
    if (returns_id_) {
      // The sequence named as a constant: resolved once per statement, not
      // once per id.
      auto seq = db_.run("SELECT pg_get_serial_sequence($1, 'id')", {table_});
      if (seq.empty() || seq[0][0].is_null()) {
        throw Error(ErrorCode::kInvalidInput, "bulk insert: " + table_ + ".id has no sequence");
      }
      std::string quoted;
      for (char c : seq[0][0].as<std::string>()) {
        quoted += c == '\'' ? std::string("''") : std::string(1, c);
      }
      reserve_sql_ = "SELECT nextval('" + quoted + "'::regclass) FROM generate_series(1, $1)";
    }
    statement_ = "INSERT INTO " + table_ + " (" + names + ") SELECT * FROM unnest(" + arrays + ")";
  }

  std::int64_t next_id() {
    if (reserved_next_ == reserved_.size()) {
      auto r = db_.run_for_ids(reserve_sql_, {id_block_});
      reserved_.clear();
      for (const auto& row : r) reserved_.push_back(row[0].as<std::int64_t>());
      std::sort(reserved_.begin(), reserved_.end());
      reserved_next_ = 0;
      id_block_ = std::min(id_block_ * 2, kMaxIdBlock);
    }
    return reserved_[reserved_next_++];
  }

  Impl& db_;
  std::string table_;
  std::vector<std::string> columns_;  // "id" first when returns_id_
  bool returns_id_;
  std::string statement_;                                // built by prepare()
  std::string reserve_sql_;                              // reserves the next block of ids
  std::vector<Params> rows_;                             // buffered, without their ids
  std::vector<std::int64_t> ids_;                        // ids of rows_
  std::unordered_map<std::int64_t, std::size_t> index_;  // id -> position in rows_
  std::vector<std::int64_t> reserved_;                   // reserved ids, ascending
  std::size_t reserved_next_ = 0;                        // the next one to hand out
  std::int64_t id_block_ = kFirstIdBlock;
};

std::unique_ptr<BulkInsert> PostgresDatabase::bulk_insert(std::string table,
                                                          std::vector<std::string> columns,
                                                          bool returns_id) {
  return std::make_unique<Impl::Bulk>(*impl_, std::move(table), std::move(columns), returns_id);
}

std::int64_t PostgresDatabase::execute(std::string_view sql, const Params& params) {
  return static_cast<std::int64_t>(impl_->run(sql, params).affected_rows());
}

std::int64_t PostgresDatabase::insert(std::string_view sql, const Params& params) {
  std::string with_returning(sql);
  while (!with_returning.empty() &&
         (std::isspace(static_cast<unsigned char>(with_returning.back())) ||
          with_returning.back() == ';')) {
    with_returning.pop_back();
  }
  with_returning += " RETURNING id";
  auto r = impl_->run(with_returning, params);
  if (r.empty() || r[0][0].is_null()) return 0;
  return r[0][0].as<std::int64_t>();
}

std::vector<Row> PostgresDatabase::query(std::string_view sql, const Params& params) {
  auto r = impl_->run(sql, params);
  auto kinds = column_kinds(r);
  std::vector<Row> rows;
  rows.reserve(r.size());
  for (const auto& row : r) rows.push_back(to_row(row, kinds));
  return rows;
}

void PostgresDatabase::query_each(std::string_view sql, const Params& params,
                                  const std::function<void(const Row&)>& on_row) {
  if (!starts_with_select(sql) || has_locking_clause(sql)) {
    for (const Row& row : query(sql, params)) on_row(row);
    return;
  }
  std::string probe = "SELECT * FROM (" + std::string(sql) + ") AS twinning_probe LIMIT " +
                      std::to_string(kProbeRows + 1);
  auto r = impl_->run(probe, params);
  if (r.size() <= static_cast<std::size_t>(kProbeRows)) {
    auto kinds = column_kinds(r);
    for (const auto& row : r) on_row(to_row(row, kinds));
    return;
  }
  r.clear();
  impl_->stream_with_cursor(sql, params, in_transaction(), on_row);
}

void PostgresDatabase::Impl::stream_with_cursor(std::string_view sql, const Params& params,
                                                bool in_transaction,
                                                const std::function<void(const Row&)>& on_row) {
  settle();
  // A cursor lives in a transaction; outside a write transaction, open a
  // read-only one for the scan.
  bool own_transaction = !in_transaction;
  std::string cursor = "twinning_cursor_" + std::to_string(++cursor_serial);
  struct Cleanup {
    Impl* db;
    bool own;
    std::string cursor;
    bool declared = false;
    bool done = false;
    ~Cleanup() {
      if (done) return;
      try {
        if (own) {
          db->tx->exec("ROLLBACK");
        } else if (declared) {
          db->tx->exec("CLOSE " + cursor);
        }
      } catch (...) {
        // The original exception is the one worth reporting.
      }
    }
  } cleanup{this, own_transaction, cursor};
  try {
    if (own_transaction) tx->exec("BEGIN READ ONLY");
    TextParams text(params, highest_parameter(sql));
    tx->exec_params("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + std::string(sql),
                    text.dynamic());
    cleanup.declared = true;
  } catch (...) {
    fail(sql);
  }
  std::string fetch = "FETCH FORWARD " + std::to_string(kCursorBatch) + " FROM " + cursor;
  while (true) {
    pqxx::result batch;
    try {
      batch = tx->exec(fetch);
    } catch (...) {
      fail(sql);
    }
    auto kinds = column_kinds(batch);
    for (const auto& row : batch) on_row(to_row(row, kinds));
    if (batch.size() < static_cast<std::size_t>(kCursorBatch)) break;
  }
  try {
    tx->exec(own_transaction ? std::string("COMMIT") : "CLOSE " + cursor);
    cleanup.done = true;
  } catch (...) {
    fail(sql);
  }
}

void PostgresDatabase::execute_script(std::string_view sql) {
  impl_->settle();
  try {
    impl_->tx->exec(std::string(sql));
  } catch (...) {
    impl_->fail(sql);
  }
}

void PostgresDatabase::begin_write() {
  impl_->settle();
  try {
    impl_->tx->exec("BEGIN");
  } catch (...) {
    impl_->fail("BEGIN");
  }
}

void PostgresDatabase::commit() {
  try {
    impl_->settle();  // a bulk insert that failed fails the commit
    impl_->restore_keys();
    impl_->tx->exec("COMMIT");
  } catch (...) {
    rollback();
    impl_->fail("COMMIT");
  }
  impl_->end_bulk();
}

void PostgresDatabase::rollback() noexcept {
  if (impl_->background) impl_->background->discard();
  try {
    impl_->tx->exec("ROLLBACK");
  } catch (...) {
    // The connection may be gone; the server rolls back on its own then.
  }
  impl_->end_bulk();
}

}  // namespace twinning::store
