// The write side shared by all importers: inside the caller's write
// transaction it finds or creates cities by (official name key, country) and
// links by city pair, using in-memory indexes loaded once, and counts what
// it did into an ImportReport. One audit entry summarises the import.
// Not thread-safe; lives for one import.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "ingest/import_report.h"
#include "model/link.h"
#include "store/store.h"

namespace twinning::ingest {

class ImportSession {
 public:
  // Loads the indexes. Call inside store.db().write_transaction(). Throws
  // Error(kForbidden) if the Store's actor may not write the registry.
  ImportSession(store::Store& store, ImportReport& report);

  // The id of the city officially named `name` (compared by name_key) in
  // `iso2`, created with the given coordinates if there is none. Fills in
  // coordinates of an existing city that has none. Counts cities_created or
  // cities_matched. Preconditions: non-empty valid name, known iso2.
  CityId city(const std::string& name, const std::string& iso2, std::optional<double> lat,
              std::optional<double> lng);

  // name_key(name), memoised for the import's repeated names.
  const std::string& key(const std::string& name);

  // Sets the Wikidata id of a city (importer of Wikidata entities).
  void set_wikidata_id(CityId city, const std::string& qid);

  // Links a and b (a != b) unless already linked; counts links_created or
  // links_merged; records that `listed_by` lists the link in `source`.
  // `attributes` (kind, dates, status, notes) apply only to a new link; an
  // existing link whose dates are unknown takes the given dates.
  LinkId link(CityId a, CityId b, CityId listed_by, const std::string& source,
              const Link& attributes);

  // Records a rejected row.
  void reject(int line, std::string reason);

  // Writes the summary audit entry (nothing if the import changed nothing).
  void finish();

 private:
  store::Store& store_;
  ImportReport& report_;
  std::unordered_map<std::string, CityId> city_index_;  // name_key + '\t' + iso2
  std::unordered_map<std::uint64_t, LinkId> link_index_;
  std::unordered_map<CityId, bool> has_coordinates_;
  std::unordered_map<std::string, std::string> keys_;
};

}  // namespace twinning::ingest
