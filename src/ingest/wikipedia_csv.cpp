#include "ingest/wikipedia_csv.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>

#include "ingest/country_resolver.h"
#include "ingest/csv_reader.h"
#include "ingest/import_session.h"
#include "model/error.h"
#include "model/text.h"
#include "store/country_store.h"

namespace twinning::ingest {
namespace {

// Column positions; -1 when the file has no such column.
struct Columns {
  int city1 = -1, country1 = -1, lat1 = -1, lng1 = -1;
  int city2 = -1, country2 = -1, lat2 = -1, lng2 = -1;
  int kind = -1, since = -1, until = -1, status = -1, source = -1, notes = -1;
};

Columns find_columns(const std::vector<std::string>& header) {
  Columns c;
  auto at = [&](std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  c.city1 = at("city1");
  c.country1 = at("country1");
  c.lat1 = at("lat1");
  c.lng1 = at("lng1");
  c.city2 = at("city2");
  c.country2 = at("country2");
  c.lat2 = at("lat2");
  c.lng2 = at("lng2");
  c.kind = at("kind");
  c.since = at("since");
  c.until = at("until");
  c.status = at("status");
  c.source = at("source");
  c.notes = at("notes");
  if (c.city1 < 0 || c.country1 < 0 || c.city2 < 0 || c.country2 < 0) {
    throw_invalid(
        "line 1: header must name the columns city1,country1,city2,country2 (lat1,lng1,lat2,lng2 "
        "optional)",
        "line 1");
  }
  if ((c.lat1 < 0) != (c.lng1 < 0) || (c.lat2 < 0) != (c.lng2 < 0)) {
    throw_invalid("line 1: latitude and longitude columns must come in pairs", "line 1");
  }
  return c;
}

int line_of_offset(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

void require_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return;
  // Find the first bad line for the message.
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (!is_valid_utf8(text.substr(start, end - start))) {
      int line = line_of_offset(text, start);
      throw_invalid("line " + std::to_string(line) + ": not valid UTF-8",
                    "line " + std::to_string(line));
    }
    start = end + 1;
  }
  throw_invalid("file is not valid UTF-8");
}

// Parses a coordinate; nullopt for an empty field. Throws a row reason.
std::optional<double> parse_coordinate(const std::string& s, double limit, const char* what) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) {
    throw std::invalid_argument(std::string(what) + " '" + s + "' is not a number");
  }
  if (v < -limit || v > limit) {
    throw std::invalid_argument(std::string(what) + " " + s + " is out of range");
  }
  return v;
}

struct Side {
  std::string name;
  std::string iso2;
  std::optional<double> lat, lng;
};

// Reads one side of a pair; throws std::invalid_argument with the reason to
// reject the row.
Side read_side(const std::vector<std::string>& f, int city_col, int country_col, int lat, int lng,
               const CountryResolver& resolver, const char* which) {
  Side s;
  std::string name(trim(f[city_col]));
  std::string country(trim(f[country_col]));
  if (name.empty()) throw std::invalid_argument(std::string("empty ") + which);
  if (country.empty()) {
    // Repair "Varna, Bulgaria" written in the city field with no country.
    auto comma = name.rfind(',');
    if (comma != std::string::npos) {
      if (auto iso = resolver.resolve(name.substr(comma + 1))) {
        country = name.substr(comma + 1);
        name = std::string(trim(std::string_view(name).substr(0, comma)));
      }
    }
    if (country.empty()) {
      throw std::invalid_argument(std::string("empty country of ") + which + " '" + name + "'");
    }
  }
  auto iso = resolver.resolve(country);
  if (!iso) throw std::invalid_argument("unknown country '" + country + "'");
  s.name = name;
  s.iso2 = *iso;
  if (lat >= 0) {
    s.lat = parse_coordinate(f[lat], 90, "latitude");
    s.lng = parse_coordinate(f[lng], 180, "longitude");
    if (s.lat.has_value() != s.lng.has_value()) {
      throw std::invalid_argument("only one of latitude and longitude is given");
    }
  }
  return s;
}

std::string field_or_empty(const std::vector<std::string>& f, int i) {
  return i >= 0 ? std::string(trim(f[i])) : std::string();
}

}  // namespace

ImportReport import_wikipedia_csv(store::Store& store, std::string_view text,
                                  const std::string& source_name) {
  auto started = std::chrono::steady_clock::now();
  ImportReport report;
  report.file = source_name;
  report.format = "wikipedia-csv";

  // Structural checks and parsing happen before anything is written.
  if (trim(text).empty()) {
    throw_invalid("line 1: empty file: expected a header line city1,country1,...", "line 1");
  }
  require_utf8(text);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  CsvReader reader(text);
  std::vector<std::string> header;
  reader.next(header);
  for (auto& h : header) h = std::string(trim(h));
  Columns cols = find_columns(header);
  struct Record {
    int line;
    std::vector<std::string> fields;
  };
  std::vector<Record> records;
  std::vector<std::string> fields;
  while (reader.next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != header.size()) {
      int line = reader.line();
      throw_invalid("line " + std::to_string(line) + ": " + std::to_string(fields.size()) +
                        " fields, expected " + std::to_string(header.size()),
                    "line " + std::to_string(line));
    }
    records.push_back(Record{reader.line(), std::move(fields)});
  }

  CountryResolver resolver(store::CountryStore(store).all());
  store.db().write_transaction([&] {
    ImportSession session(store, report);
    for (const Record& rec : records) {
      ++report.rows_read;
      const auto& f = rec.fields;
      try {
        Side a = read_side(f, cols.city1, cols.country1, cols.lat1, cols.lng1, resolver, "city1");
        Side b = read_side(f, cols.city2, cols.country2, cols.lat2, cols.lng2, resolver, "city2");
        if (a.iso2 == b.iso2 && session.key(a.name) == session.key(b.name)) {
          throw std::invalid_argument("self-link: '" + a.name + "' (" + a.iso2 +
                                      ") is listed as its own partner");
        }
        Link attributes;
        if (auto k = field_or_empty(f, cols.kind); !k.empty()) attributes.kind = parse_link_kind(k);
        attributes.since = parse_optional_date(field_or_empty(f, cols.since), "since");
        attributes.until = parse_optional_date(field_or_empty(f, cols.until), "until");
        if (auto s = field_or_empty(f, cols.status); !s.empty()) {
          attributes.status = parse_link_status(s);
        }
        // An export's source column is the link's source as it was, even
        // when empty; other files are the source of their own links.
        attributes.source = cols.source >= 0 ? field_or_empty(f, cols.source) : source_name;
        attributes.notes = field_or_empty(f, cols.notes);
        if (attributes.since && attributes.until && *attributes.until < *attributes.since) {
          throw std::invalid_argument("link ends before it starts");
        }
        for (const Side* s : {&a, &b}) {
          if (!is_valid_utf8(s->name)) throw std::invalid_argument("name is not valid UTF-8");
        }
        CityId ida = session.city(a.name, a.iso2, a.lat, a.lng);
        CityId idb = session.city(b.name, b.iso2, b.lat, b.lng);
        session.link(ida, idb, ida, source_name, attributes);
      } catch (const std::invalid_argument& e) {
        session.reject(rec.line, e.what());
      } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidInput) throw;
        session.reject(rec.line, e.what());
      }
    }
    session.finish();
  });
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

ImportReport import_wikipedia_csv_file(store::Store& store, const std::string& path) {
  std::string text = read_file(path);
  return import_wikipedia_csv(store, text, base_name(path));
}

}  // namespace twinning::ingest
