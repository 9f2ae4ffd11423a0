#include "ingest/gazetteer.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "ingest/csv_reader.h"
#include "ingest/files.h"
#include "model/error.h"
#include "model/geo.h"
#include "model/text.h"

namespace twinning::ingest {
namespace {

constexpr const char* kHeader[] = {"geonames_id", "name",       "country", "admin_code",
                                   "feature_code", "population", "lat",     "lng"};
constexpr std::size_t kColumns = std::size(kHeader);

// Punctuation that separates words in place names, read as a space.
bool is_separator(char c) { return c == '-' || c == '.' || c == ',' || c == '\'' || c == '/'; }

std::string collapse_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// "st pölten" -> "saint pölten"; "ste anne" -> "sainte anne".
std::string saint_form(std::string_view words) {
  std::size_t space = words.find(' ');
  if (space == std::string_view::npos) return std::string(words);
  std::string_view first = words.substr(0, space);
  std::string_view rest = words.substr(space);
  if (first == "st" || first == "sankt" || first == "saint" || first == "sv") {
    return "saint" + std::string(rest);
  }
  if (first == "ste" || first == "sainte") return "sainte" + std::string(rest);
  return std::string(words);
}

std::string without_suffix(std::string_view s) {
  for (std::string_view suffix : {" city", " town", " municipality", " village"}) {
    if (s.size() > suffix.size() + 1 && s.substr(s.size() - suffix.size()) == suffix) {
      return std::string(s.substr(0, s.size() - suffix.size()));
    }
  }
  return std::string(s);
}

// The error of line `line` of gazetteer `source`: "FILE line N: what".
[[noreturn]] void throw_at(const std::string& source, int line, const std::string& what) {
  throw_invalid(source + " line " + std::to_string(line) + ": " + what,
                "line " + std::to_string(line));
}

std::int64_t parse_integer(const std::string& text, const char* column, const std::string& source,
                           int line) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    throw_at(source, line, std::string(column) + " '" + text + "' is not a whole number >= 0");
  }
  return value;
}

double parse_degrees(const std::string& text, const char* column, double limit,
                     const std::string& source, int line) {
  char* end = nullptr;
  double value = text.empty() ? NAN : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value) ||
      std::fabs(value) > limit) {
    throw_at(source, line,
             std::string(column) + " '" + text + "' is not a number within ±" +
                 std::to_string(static_cast<int>(limit)));
  }
  return value;
}

// The code points of UTF-8 text, for edit distances.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string compact_key(std::string_view name) {
  std::string key = name_key(name);
  std::string out;
  for (std::size_t i = 0; i < key.size(); ++i) {
    auto c = static_cast<unsigned char>(key[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out.push_back(static_cast<char>(c));
      continue;
    }
    std::string_view rest(key.data() + i, key.size() - i);
    // ’ ‘ (U+2019, U+2018) and ʻ ʼ (U+02BB, U+02BC): apostrophes in romanized names.
    if (rest.starts_with("\xE2\x80\x99") || rest.starts_with("\xE2\x80\x98")) {
      i += 2;
      continue;
    }
    if (rest.starts_with("\xCA\xBB") || rest.starts_with("\xCA\xBC")) {
      i += 1;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

bool similar_keys(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.empty() || b.empty() || a.front() != b.front()) return false;
  auto has_digit = [](std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (has_digit(a) || has_digit(b)) return false;
  std::u32string ca = code_points(a), cb = code_points(b);
  // Doubled letters count as one: "Koori" is "Kōri", "Nahariya" "Nahariyya".
  auto single_letters = [](std::u32string s) {
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
  };
  if (single_letters(ca) == single_letters(cb)) return true;
  std::size_t allowed = std::max(ca.size(), cb.size()) / 6;
  if (allowed == 0) return false;
  std::size_t length_gap = ca.size() > cb.size() ? ca.size() - cb.size() : cb.size() - ca.size();
  return length_gap <= allowed && edit_distance(ca, cb) <= allowed;
}

std::vector<std::string> match_keys(std::string_view name) {
  std::string key = name_key(name);
  std::vector<std::string> out{key};
  auto add = [&](std::string k) {
    k = collapse_spaces(k);
    if (!k.empty() && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  // A qualifier after the name: "adachi (tokyo)", "taizhou, jiangsu".
  std::string base = key;
  if (auto paren = base.find(" ("); paren != std::string::npos && paren > 0) base.resize(paren);
  if (auto comma = base.find(','); comma != std::string::npos && comma > 0) base.resize(comma);
  for (const std::string& form : {key, base}) {
    std::string words = form;
    for (char& c : words) {
      if (is_separator(c)) c = ' ';
    }
    words = collapse_spaces(words);
    add(form);
    add(words);
    add(saint_form(words));
    add(without_suffix(words));
  }
  add(compact_key(name));
  return out;
}

Gazetteer Gazetteer::parse(std::string_view csv_text, const std::string& source) {
  Gazetteer g;
  g.source_ = source;
  CsvReader reader(csv_text);
  std::vector<std::string> f;
  if (!reader.next(f) || f.size() != kColumns ||
      !std::equal(f.begin(), f.end(), std::begin(kHeader))) {
    throw_at(source, 1,
             "the first line must be the header "
             "geonames_id,name,country,admin_code,feature_code,population,lat,lng");
  }
  while (reader.next(f)) {
    int line = reader.line();
    if (f.size() != kColumns) {
      throw_at(source, line, "expected 8 fields, found " + std::to_string(f.size()));
    }
    GazetteerPlace p;
    p.geonames_id = parse_integer(f[0], "geonames_id", source, line);
    p.name = f[1];
    p.country = f[2];
    p.admin_code = f[3];
    p.feature_code = f[4];
    p.population = parse_integer(f[5], "population", source, line);
    p.lat = parse_degrees(f[6], "lat", 90, source, line);
    p.lng = parse_degrees(f[7], "lng", 180, source, line);
    if (trim(p.name).empty() || !is_valid_utf8(p.name)) {
      throw_at(source, line, "the name is empty or not UTF-8");
    }
    if (p.country.size() != 2 || !std::all_of(p.country.begin(), p.country.end(),
                                               [](char c) { return c >= 'A' && c <= 'Z'; })) {
      throw_at(source, line, "country '" + p.country + "' is not an ISO 3166-1 alpha-2 code");
    }
    auto index = static_cast<std::uint32_t>(g.places_.size());
    if (!g.by_id_.emplace(p.geonames_id, index).second) {
      throw_at(source, line, "GeoNames id " + f[0] + " appears twice");
    }
    for (const std::string& key : match_keys(p.name)) {
      g.index_[key + '\t' + p.country].push_back(index);
    }
    g.compact_keys_.push_back(compact_key(p.name));
    g.by_country_[p.country].push_back(index);
    g.places_.push_back(std::move(p));
  }
  return g;
}

Gazetteer Gazetteer::load(const std::string& path) { return parse(read_file(path), path); }

std::string Gazetteer::locate(const std::string& option) {
  if (!option.empty()) return option;
  const char* env = std::getenv("TWINNING_GAZETTEER");
  if (env && *env) return env;
  return (std::filesystem::path(TWINNING_SOURCE_DIR) / "data" / "gazetteer.csv").string();
}

std::vector<const GazetteerPlace*> Gazetteer::candidates(std::string_view name,
                                                         std::string_view country) const {
  std::vector<std::uint32_t> found;
  std::string lookup;
  for (const std::string& key : match_keys(name)) {
    lookup.assign(key).append(1, '\t').append(country);
    auto it = index_.find(lookup);
    if (it != index_.end()) found.insert(found.end(), it->second.begin(), it->second.end());
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<const GazetteerPlace*> out;
  out.reserve(found.size());
  for (std::uint32_t i : found) out.push_back(&places_[i]);
  std::sort(out.begin(), out.end(),
            [](const auto* a, const auto* b) { return a->geonames_id < b->geonames_id; });
  return out;
}

const GazetteerPlace* Gazetteer::find(std::int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &places_[it->second];
}

std::vector<const GazetteerPlace*> Gazetteer::similar_nearby(std::string_view name,
                                                             std::string_view country, double lat,
                                                             double lng, double km) const {
  std::vector<const GazetteerPlace*> out;
  auto places = by_country_.find(std::string(country));
  if (places == by_country_.end()) return out;
  std::string key = compact_key(name);
  double lat_span = km / 111.0 + 0.01;  // degrees of latitude that can lie within km
  for (std::uint32_t i : places->second) {
    const GazetteerPlace& p = places_[i];
    if (std::fabs(p.lat - lat) > lat_span) continue;
    if (!similar_keys(key, compact_keys_[i])) continue;
    if (geo::distance_km(lat, lng, p.lat, p.lng) <= km) out.push_back(&p);
  }
  std::sort(out.begin(), out.end(),
            [](const auto* a, const auto* b) { return a->geonames_id < b->geonames_id; });
  return out;
}

}  // namespace twinning::ingest
