// The countries table: ISO 3166-1 codes, names, UN membership and region.
// Filled by ingest::load_reference_countries from the reference table
// compiled into the binary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/country.h"
#include "store/store.h"

namespace twinning::store {

class CountryStore {
 public:
  explicit CountryStore(Store& store) : store_(store) {}

  // Inserts or updates `countries` (keyed by iso2) in one transaction.
  // Idempotent. Throws as Database::execute.
  void upsert_all(const std::vector<Country>& countries);

  // The country with ISO alpha-2 `iso2` (case-insensitive), or nullopt.
  std::optional<Country> get(std::string_view iso2);
  // As get(), but throws Error(kNotFound) naming `field`.
  Country require(std::string_view iso2, std::string_view field = "country");
  // All countries ordered by iso2.
  std::vector<Country> all();
  // Number of UN member states in the table (193 with the bundled data).
  int un_member_count();

 private:
  Store& store_;
};

}  // namespace twinning::store
