#include "ingest/country_resolver.h"

#include <algorithm>

#include "ingest/csv_reader.h"
#include "model/error.h"
#include "model/text.h"
#include "resources/resources.h"

namespace twinning::ingest {
namespace {

std::string_view embedded(std::string_view path) {
  auto r = resources::find(path);
  if (!r) throw Error(ErrorCode::kUnavailable, std::string(path) + " is missing from this build");
  return *r;
}

// Reads a CSV with a header into rows of named columns.
std::vector<std::vector<std::string>> read_table(std::string_view csv, std::string_view what,
                                                 const std::vector<std::string>& columns) {
  CsvReader reader(csv);
  std::vector<std::string> header, f;
  if (!reader.next(header)) throw_invalid(std::string(what) + " is empty");
  std::vector<std::size_t> idx;
  for (const auto& c : columns) {
    auto it = std::find(header.begin(), header.end(), c);
    if (it == header.end()) throw_invalid(std::string(what) + " lacks column " + c);
    idx.push_back(static_cast<std::size_t>(it - header.begin()));
  }
  std::vector<std::vector<std::string>> rows;
  while (reader.next(f)) {
    if (f.size() != header.size()) {
      throw_invalid(std::string(what) + " line " + std::to_string(reader.line()) + ": " +
                    std::to_string(f.size()) + " fields, expected " +
                    std::to_string(header.size()));
    }
    std::vector<std::string> row;
    for (auto i : idx) row.push_back(f[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::vector<Country> reference_countries() {
  auto rows = read_table(embedded("data/countries.csv"), "data/countries.csv",
                         {"iso2", "iso3", "name_common", "name_official", "un_member", "region",
                          "subregion", "lat", "lng", "languages", "name_rus"});
  std::vector<Country> out;
  for (auto& r : rows) {
    Country c;
    c.iso2 = r[0];
    c.iso3 = r[1];
    c.name = r[2];
    c.name_official = r[3];
    c.un_member = r[4] == "true";
    c.region = r[5];
    c.subregion = r[6];
    c.lat = r[7].empty() ? 0 : std::stod(r[7]);
    c.lng = r[8].empty() ? 0 : std::stod(r[8]);
    c.languages = r[9];
    c.name_ru = r[10];
    out.push_back(std::move(c));
  }
  return out;
}

CountryResolver::CountryResolver(const std::vector<Country>& countries) {
  for (const auto& c : countries) {
    iso2_.emplace(c.iso2, c.iso2);
    for (const auto* s : {&c.iso2, &c.iso3, &c.name, &c.name_official}) {
      if (!s->empty()) by_key_.emplace(name_key(*s), c.iso2);
    }
  }
  auto aliases = read_table(embedded("data/country_aliases.csv"), "data/country_aliases.csv",
                            {"alias", "iso2"});
  for (const auto& a : aliases) {
    if (!iso2_.count(a[1])) {
      throw_invalid("data/country_aliases.csv maps '" + a[0] + "' to unknown code " + a[1]);
    }
    by_key_[name_key(a[0])] = a[1];  // aliases win over names
  }
}

std::optional<std::string> CountryResolver::resolve(std::string_view text) const {
  std::string key = name_key(trim(text));
  while (!key.empty()) {
    auto it = by_key_.find(key);
    if (it != by_key_.end()) return it->second;
    auto comma = key.rfind(',');
    if (comma == std::string::npos) break;
    key = std::string(trim(std::string_view(key).substr(comma + 1)));
  }
  return std::nullopt;
}

bool CountryResolver::known(std::string_view iso2) const {
  return iso2_.count(std::string(iso2)) > 0;
}

}  // namespace twinning::ingest

#include "store/country_store.h"

namespace twinning::ingest {

int load_reference_countries(store::Store& store) {
  auto countries = reference_countries();
  store::CountryStore(store).upsert_all(countries);
  return static_cast<int>(countries.size());
}

int load_reference_countries_if_empty(store::Store& store) {
  if (!store::CountryStore(store).all().empty()) return 0;
  return load_reference_countries(store);
}

}  // namespace twinning::ingest
