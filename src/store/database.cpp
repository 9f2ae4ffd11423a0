#include "store/database.h"

#include <charconv>
#include <cmath>

#include "model/error.h"

namespace twinning::store {

std::int64_t Row::integer(std::size_t i) const {
  return opt_integer(i).value_or(0);
}

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

std::optional<Row> Database::query_one(std::string_view sql, const Params& params) {
  std::optional<Row> first;
  query_each(sql, params, [&](const Row& r) {
    if (!first) first = r;
  });
  return first;
}

}  // namespace twinning::store
