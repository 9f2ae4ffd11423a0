#include "store/database.h"

#include <charconv>
#include <cmath>

#include "model/error.h"

namespace twinning::store {

std::int64_t Row::integer(std::size_t i) const { return opt_integer(i).value_or(0); }

double Row::real(std::size_t i) const { return opt_real(i).value_or(0.0); }

std::string Row::text(std::size_t i) const { return opt_text(i).value_or(std::string()); }

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  const auto& s = values_.at(i).storage();
  if (auto* v = std::get_if<std::int64_t>(&s)) return *v;
  if (auto* v = std::get_if<double>(&s)) return static_cast<std::int64_t>(std::llround(*v));
  if (auto* v = std::get_if<std::string>(&s)) {
    std::int64_t out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec == std::errc()) return out;
    return 0;
  }
  return std::nullopt;
}

std::optional<double> Row::opt_real(std::size_t i) const {
  const auto& s = values_.at(i).storage();
  if (auto* v = std::get_if<double>(&s)) return *v;
  if (auto* v = std::get_if<std::int64_t>(&s)) return static_cast<double>(*v);
  if (auto* v = std::get_if<std::string>(&s)) {
    double out = 0;
    std::from_chars(v->data(), v->data() + v->size(), out);
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  const auto& s = values_.at(i).storage();
  if (auto* v = std::get_if<std::string>(&s)) return *v;
  if (auto* v = std::get_if<std::int64_t>(&s)) return std::to_string(*v);
  if (auto* v = std::get_if<double>(&s)) {
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *v);
    return std::string(buf, p);
  }
  return std::nullopt;
}

namespace {

// The default bulk insert: one prepared INSERT per row, as it is added.
class RowByRowInsert final : public BulkInsert {
 public:
  RowByRowInsert(Database& db, const std::string& table, const std::vector<std::string>& columns,
                 bool returns_id)
      : db_(db), returns_id_(returns_id) {
    sql_ = "INSERT INTO " + table + " (";
    std::string values;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql_ += (i ? ", " : "") + columns[i];
      values += (i ? ", $" : "$") + std::to_string(i + 1);
    }
    sql_ += ") VALUES (" + values + ")";
  }

  std::int64_t add(Params row) override {
    if (returns_id_) return db_.insert(sql_, row);
    db_.execute(sql_, row);
    return 0;
  }
  Params* buffered(std::int64_t) override { return nullptr; }
  std::size_t pending() const override { return 0; }
  void flush() override {}

 private:
  Database& db_;
  bool returns_id_;
  std::string sql_;
};

}  // namespace

std::unique_ptr<BulkInsert> Database::bulk_insert(std::string table,
                                                  std::vector<std::string> columns,
                                                  bool returns_id) {
  return std::make_unique<RowByRowInsert>(*this, table, columns, returns_id);
}

std::optional<Row> Database::query_one(std::string_view sql, const Params& params) {
  std::optional<Row> first;
  query_each(sql, params, [&](const Row& r) {
    if (!first) first = r;
  });
  return first;
}

}  // namespace twinning::store
