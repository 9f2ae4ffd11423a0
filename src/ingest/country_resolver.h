// Maps the country strings found in imported data ("England", "Republic of
// Ireland", "Georgia (country)", "RU", "Rauma, Norway") to ISO 3166-1
// alpha-2 codes. The aliases are a table in data/country_aliases.csv
// (compiled in), not code. Immutable after construction; safe to share
// across threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/country.h"

namespace twinning::ingest {

class CountryResolver {
 public:
  // Builds the resolver from the registry's countries (names, official
  // names, alpha-2 and alpha-3 codes) and the embedded alias table.
  // Throws Error(kInvalidInput) if the alias table names an unknown code.
  explicit CountryResolver(const std::vector<Country>& countries);

  // The alpha-2 code for `text`, compared by name_key (case and accents
  // ignored): an alias, then a country name or code, then — for "Place,
  // Country" — the part after the last comma. nullopt if nothing matches or
  // `text` is blank.
  std::optional<std::string> resolve(std::string_view text) const;

  // True if `iso2` is a known code.
  bool known(std::string_view iso2) const;

 private:
  std::unordered_map<std::string, std::string> by_key_;
  std::unordered_map<std::string, std::string> iso2_;
};

// The countries of the embedded reference table data/countries.csv
// (world-countries 5.1.0, ODbL; VAT is not a UN member). Throws
// Error(kInvalidInput) naming the line if the table is malformed.
std::vector<Country> reference_countries();

}  // namespace twinning::ingest

namespace twinning::store {
class Store;
}

namespace twinning::ingest {

// Loads reference_countries() into the registry (insert or update).
// Idempotent. Returns the number of countries loaded.
int load_reference_countries(store::Store& store);

// Loads them only into a registry that has no countries yet (a fresh
// database), leaving an existing list as it is. Returns the number loaded
// (0 when there were countries).
int load_reference_countries_if_empty(store::Store& store);

}  // namespace twinning::ingest
