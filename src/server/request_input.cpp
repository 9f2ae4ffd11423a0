#include "server/request_input.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "model/error.h"
#include "model/text.h"

namespace twinning::server {
namespace {

struct TooDeep {};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const char* type_name(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

[[noreturn]] void wrong_type(std::string_view name, const char* wanted, const nlohmann::json& v) {
  throw_invalid(std::string(name) + " must be " + wanted + ", not " + type_name(v),
                std::string(name));
}

std::string checked_text(std::string_view name, const nlohmann::json& v) {
  if (!v.is_string()) wrong_type(name, "a string", v);
  const auto& s = v.get_ref<const std::string&>();
  if (s.find('\0') != std::string::npos) {
    throw_invalid(std::string(name) + " may not contain a NUL character", std::string(name));
  }
  return s;
}

std::int64_t checked_integer(std::string_view name, const nlohmann::json& v) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<std::int64_t>();
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(u);
    throw_invalid(std::string(name) + " is too large", std::string(name));
  }
  wrong_type(name, "an integer", v);
}

// 0.5, 1, 1e+06: a bound in an error message.
std::string format_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

}  // namespace

nlohmann::json parse_json_object(const Request& request) {
  std::string type = lower(trim(request.header("content-type")));
  auto semi = type.find(';');
  if (std::string(trim(type.substr(0, semi == std::string::npos ? type.size() : semi))) !=
      "application/json") {
    throw_invalid("the body must be JSON, sent with Content-Type: application/json",
                  "Content-Type");
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(request.body,
                              [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
                                if ((event == nlohmann::json::parse_event_t::object_start ||
                                     event == nlohmann::json::parse_event_t::array_start) &&
                                    depth >= kMaxJsonDepth) {
                                  throw TooDeep{};
                                }
                                return true;
                              });
  } catch (const TooDeep&) {
    throw_invalid("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", "body");
  } catch (const nlohmann::json::exception& e) {
    throw_invalid(std::string("malformed JSON: ") + e.what(), "body");
  }
  if (!j.is_object()) throw_invalid("the body must be a JSON object", "body");
  return j;
}

JsonFields::JsonFields(nlohmann::json object, std::initializer_list<std::string_view> allowed)
    : object_(std::move(object)) {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw_invalid("unknown field '" + key + "' (expected: " + list + ")", key);
    }
  }
}

const nlohmann::json* JsonFields::present(std::string_view name) const {
  auto it = object_.find(name);
  return it == object_.end() ? nullptr : &*it;
}

bool JsonFields::has(std::string_view name) const { return present(name) != nullptr; }

const nlohmann::json* JsonFields::raw(std::string_view name) const { return present(name); }

std::optional<std::string> JsonFields::text(std::string_view name) const {
  auto* v = present(name);
  if (!v) return std::nullopt;
  return checked_text(name, *v);
}

std::string JsonFields::required_text(std::string_view name) const {
  auto t = text(name);
  if (!t) throw_invalid(std::string(name) + " is required", std::string(name));
  return *t;
}

std::optional<double> JsonFields::number(std::string_view name) const {
  auto* v = present(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) wrong_type(name, "a number", *v);
  return v->get<double>();
}

std::optional<std::int64_t> JsonFields::integer(std::string_view name) const {
  auto* v = present(name);
  if (!v) return std::nullopt;
  return checked_integer(name, *v);
}

std::optional<bool> JsonFields::boolean(std::string_view name) const {
  auto* v = present(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) wrong_type(name, "true or false", *v);
  return v->get<bool>();
}

std::optional<std::vector<std::string>> JsonFields::text_list(std::string_view name) const {
  auto* v = present(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) wrong_type(name, "an array of strings", *v);
  std::vector<std::string> out;
  for (const auto& e : *v) out.push_back(checked_text(name, e));
  return out;
}

std::optional<std::optional<std::string>> JsonFields::nullable_text(std::string_view name) const {
  auto* v = present(name);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>();
  return std::optional<std::string>(checked_text(name, *v));
}

std::optional<std::optional<std::int64_t>> JsonFields::nullable_integer(
    std::string_view name) const {
  auto* v = present(name);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(checked_integer(name, *v));
}

QueryParams::QueryParams(const Request& request, std::initializer_list<std::string_view> allowed,
                         std::initializer_list<std::string_view> repeatable)
    : values_(parse_query(request.query_text)) {
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const std::string& name = values_[i].first;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw_invalid("unknown query parameter '" + name + "'" +
                        (list.empty() ? std::string(" (this endpoint takes none)")
                                      : " (expected: " + list + ")"),
                    name);
    }
    if (std::find(repeatable.begin(), repeatable.end(), name) != repeatable.end()) continue;
    for (std::size_t k = 0; k < i; ++k) {
      if (values_[k].first == name) {
        throw_invalid("query parameter '" + name + "' given twice", name);
      }
    }
  }
}

std::optional<std::string> QueryParams::text(std::string_view name) const {
  for (const auto& [k, v] : values_) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> QueryParams::texts(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : values_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::optional<double> QueryParams::number(std::string_view name, double min, double max) const {
  auto t = text(name);
  if (!t) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(t->data(), t->data() + t->size(), v);
  if (ec != std::errc() || p != t->data() + t->size() || !std::isfinite(v) || v < min || v > max) {
    throw_invalid(std::string(name) + " must be a number from " + format_number(min) + " to " +
                      format_number(max) + ", not '" + *t + "'",
                  std::string(name));
  }
  return v;
}

std::optional<std::int64_t> QueryParams::integer(std::string_view name, std::int64_t min,
                                                 std::int64_t max) const {
  auto t = text(name);
  if (!t) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(t->data(), t->data() + t->size(), v);
  if (ec != std::errc() || p != t->data() + t->size() || v < min || v > max) {
    throw_invalid(std::string(name) + " must be an integer from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", not '" + *t + "'",
                  std::string(name));
  }
  return v;
}

std::optional<bool> QueryParams::boolean(std::string_view name) const {
  auto t = text(name);
  if (!t) return std::nullopt;
  if (*t == "true" || *t == "1") return true;
  if (*t == "false" || *t == "0") return false;
  throw_invalid(std::string(name) + " must be true or false, not '" + *t + "'", std::string(name));
}

Page QueryParams::page() const {
  Page p;
  p.limit = static_cast<int>(integer("limit", 1, kMaxPageSize).value_or(kDefaultPageSize));
  p.offset = static_cast<int>(integer("offset", 0, 1'000'000'000).value_or(0));
  return p;
}

std::string QueryParams::choice(std::string_view name,
                                std::initializer_list<std::string_view> choices,
                                std::string_view fallback) const {
  auto t = text(name);
  if (!t) return std::string(fallback);
  if (std::find(choices.begin(), choices.end(), *t) != choices.end()) return *t;
  std::string list;
  for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  throw_invalid(std::string(name) + " must be one of " + list + ", not '" + *t + "'",
                std::string(name));
}

nlohmann::json page_json(nlohmann::json items, const nlohmann::json& total, const Page& page) {
  return {{"items", std::move(items)},
          {"total", total},
          {"limit", page.limit},
          {"offset", page.offset}};
}

}  // namespace twinning::server
