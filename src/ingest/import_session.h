// src/ingest/ — bringing the world's data in and out: the Wikipedia CSV and
// Wikidata JSON importers, geocoding against the bundled gazetteer, the
// quality report, the exporters, country-name resolution. It owns how
// outside records map onto the registry and what an import reports. It
// writes through store::ImportWriter and the registry's rules; it must not
// know letters, campaigns or the faces.
//
// The write side shared by all importers: inside the caller's write
// transaction it finds or creates cities by (official name key, country) or
// by Wikidata id, and links by city pair, using in-memory indexes loaded
// once, and counts what it did into an ImportReport. It writes through a
// store::ImportWriter, which may buffer rows until finish() (on PostgreSQL,
// a few round trips per ten thousand rows). One audit entry summarises the
// import. Not thread-safe; lives for one import.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "ingest/import_report.h"
#include "model/city.h"
#include "model/link.h"
#include "store/import_writer.h"
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
  // cities_matched (and cities_updated). Preconditions: non-empty valid
  // name, known iso2.
  CityId city(const std::string& name, const std::string& iso2, std::optional<double> lat,
              std::optional<double> lng);

  // The city of Wikidata item `qid`: the city carrying that id; else the
  // city `name` in `iso2` unless it carries another item's id (then two
  // places share a name, and a new city is created); else a new city. The
  // result carries `qid` afterwards. Counts as city(). Preconditions as city().
  CityId item_city(const std::string& qid, const std::string& name, const std::string& iso2,
                   std::optional<double> lat, std::optional<double> lng);

  // The city carrying Wikidata id `qid`, if any.
  std::optional<CityId> find_item(const std::string& qid);

  // name_key(name), memoised for the import's repeated names.
  const std::string& key(const std::string& name);

  // Records another name of `city` unless it has it already (same name,
  // lang and kind); counts names_added. Precondition: valid non-empty name,
  // kind other than "official".
  void add_name(CityId city, const CityName& name);

  // Links a and b (a != b) unless already linked; counts links_created or
  // links_merged; records that `listed_by` lists the link in `source`.
  // `attributes` (kind, dates, status, source, notes) apply only to a new
  // link, whose source is attributes.source as given; an existing link whose
  // dates are unknown takes the given dates.
  LinkId link(CityId a, CityId b, CityId listed_by, const std::string& source,
              const Link& attributes);

  // Records a rejected entry that accounts for `rows` rows (1 for a CSV
  // line; a Wikidata item's statement count). `item` is "" for CSV.
  void reject(int line, std::string reason, std::string item = {}, int rows = 1);

  // Writes the rows still buffered and the summary audit entry (none if the
  // import changed nothing). Call it last, inside the transaction: rows not
  // written by then are lost.
  void finish();

 private:
  CityId create_city(const std::string& name, const std::string& iso2, std::optional<double> lat,
                     std::optional<double> lng);
  // Counts a match and fills missing coordinates; true if it did.
  bool matched(CityId id, std::optional<double> lat, std::optional<double> lng);
  void load_items();

  store::Store& store_;
  ImportReport& report_;
  store::ImportWriter writer_;
  std::unordered_map<std::string, CityId> city_index_;  // name_key + '\t' + iso2
  std::unordered_map<std::uint64_t, LinkId> link_index_;
  std::unordered_map<CityId, bool> has_coordinates_;
  std::unordered_map<std::string, std::string> keys_;
  std::string lookup_;  // scratch for city_index_ lookups
  bool items_loaded_ = false;
  std::unordered_map<std::string, CityId> city_of_item_;  // Wikidata id -> city
  std::unordered_map<CityId, std::string> item_of_city_;
};

}  // namespace twinning::ingest
