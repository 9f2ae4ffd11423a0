#include "store/postgres/postgres_database.h"

#include <cctype>
#include <charconv>
#include <pqxx/pqxx>
#include <unordered_map>

#include "model/error.h"

namespace twinning::store {
namespace {

// A SELECT returning more rows than this is re-read through a cursor.
constexpr int kProbeRows = 2000;
// Rows per FETCH on the cursor path.
constexpr int kCursorBatch = 1000;

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

}  // namespace

struct PostgresDatabase::Impl {
  std::string url;
  std::string location;
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<pqxx::nontransaction> tx;
  std::unordered_map<std::string, std::unique_ptr<Prepared>> prepared;
  int statement_serial = 0;  // never reused, even after a statement failed to prepare
  int cursor_serial = 0;

  const Prepared& prepare(std::string_view sql);
  pqxx::result run(std::string_view sql, const Params& params);
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
  try {
    const Prepared& p = prepare(sql);
    TextParams text(params, p.parameters);
    return tx->exec_prepared(p.name, text.dynamic());
  } catch (...) {
    fail(sql);
  }
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
  try {
    impl_->tx->exec(std::string(sql));
  } catch (...) {
    impl_->fail(sql);
  }
}

void PostgresDatabase::begin_write() {
  try {
    impl_->tx->exec("BEGIN");
  } catch (...) {
    impl_->fail("BEGIN");
  }
}

void PostgresDatabase::commit() {
  try {
    impl_->tx->exec("COMMIT");
  } catch (...) {
    rollback();
    impl_->fail("COMMIT");
  }
}

void PostgresDatabase::rollback() noexcept {
  try {
    impl_->tx->exec("ROLLBACK");
  } catch (...) {
    // The connection may be gone; the server rolls back on its own then.
  }
}

}  // namespace twinning::store
