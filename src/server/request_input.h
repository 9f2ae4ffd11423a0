// Reading what a client sent, strictly: JSON bodies (media type, nesting
// depth, an object, no unknown fields, typed fields) and query parameters
// (no unknown names, typed values, page size limits). Every fault throws
// Error(kInvalidInput) naming the field, which the server answers with 400:
// bad input never reaches a use case half-parsed and never causes a 500.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/http_message.h"

namespace twinning::server {

constexpr int kMaxJsonDepth = 32;
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

// The body of `request` as a JSON object. Throws Error(kInvalidInput) with
// field "Content-Type" unless the media type is application/json, field
// "body" for malformed JSON, nesting deeper than kMaxJsonDepth, or a value
// that is not an object.
nlohmann::json parse_json_object(const Request& request);

// Typed access to the fields of a JSON object that accepts only the listed
// field names. Getters return nullopt for an absent field and throw
// Error(kInvalidInput) naming the field for a value of the wrong type, or for
// null unless the getter is a nullable_ one.
class JsonFields {
 public:
  // Takes the object (by value: a temporary from parse_json_object is
  // fine). Throws Error(kInvalidInput) naming the first field not in
  // `allowed`.
  JsonFields(nlohmann::json object, std::initializer_list<std::string_view> allowed);

  bool has(std::string_view name) const;
  std::optional<std::string> text(std::string_view name) const;
  std::string required_text(std::string_view name) const;
  std::optional<double> number(std::string_view name) const;
  std::optional<std::int64_t> integer(std::string_view name) const;
  std::optional<bool> boolean(std::string_view name) const;
  std::optional<std::vector<std::string>> text_list(std::string_view name) const;
  // Absent: nullopt; null: an empty inner optional; else the value.
  std::optional<std::optional<std::string>> nullable_text(std::string_view name) const;
  std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view name) const;
  // The raw value, or nullptr if absent.
  const nlohmann::json* raw(std::string_view name) const;

 private:
  const nlohmann::json* present(std::string_view name) const;  // nullptr if absent
  nlohmann::json object_;
};

struct Page {
  int limit = kDefaultPageSize;
  int offset = 0;
};

// The query parameters of a request, accepting only the listed names (each
// at most once, unless listed as repeatable: "?seed=1&seed=2").
class QueryParams {
 public:
  // Throws Error(kInvalidInput) naming an unknown or repeated parameter, or
  // field "query" for a malformed query string.
  QueryParams(const Request& request, std::initializer_list<std::string_view> allowed,
              std::initializer_list<std::string_view> repeatable = {});

  // The (first) value of `name`.
  std::optional<std::string> text(std::string_view name) const;
  // Every value of `name`, in the order given; empty if absent.
  std::vector<std::string> texts(std::string_view name) const;
  // Throws Error(kInvalidInput) naming the parameter unless it is an integer
  // within [min, max].
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min,
                                      std::int64_t max) const;
  // Throws Error(kInvalidInput) naming the parameter unless it is a finite
  // number within [min, max].
  std::optional<double> number(std::string_view name, double min, double max) const;
  // "true"/"false" (also "1"/"0").
  std::optional<bool> boolean(std::string_view name) const;
  // `limit` (1..kMaxPageSize, default kDefaultPageSize) and `offset` (>= 0).
  Page page() const;
  // The value of `name` if it is one of `choices`, else `fallback` when
  // absent. Throws Error(kInvalidInput) naming it for another value.
  std::string choice(std::string_view name, std::initializer_list<std::string_view> choices,
                     std::string_view fallback) const;

 private:
  Fields values_;
};

// {"items": items, "total": total, "limit": .., "offset": ..}; total may be
// null when unknown.
nlohmann::json page_json(nlohmann::json items, const nlohmann::json& total, const Page& page);

// Applies a page to an in-memory list.
template <class T>
std::vector<T> slice(const std::vector<T>& all, const Page& page) {
  if (page.offset >= static_cast<int>(all.size())) return {};
  auto begin = all.begin() + page.offset;
  auto end = all.size() - page.offset > static_cast<std::size_t>(page.limit) ? begin + page.limit
                                                                             : all.end();
  return std::vector<T>(begin, end);
}

}  // namespace twinning::server
