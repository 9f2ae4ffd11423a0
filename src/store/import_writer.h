// The write side of an import: new cities with their official names, further
// names, new twin links and who lists them, added in bulk through
// Database::bulk_insert (on PostgreSQL many rows per statement instead of
// one round trip per row), and the few changes an import makes to existing
// rows (missing coordinates and dates, Wikidata ids). It decides in memory
// whether a name or a listing is new. Nothing is audited: the importer
// records one entry for the whole import.
//
// It lives inside the importer's write transaction. Rows may be buffered
// until flush(): queries do not see them before, so call flush() before
// reading the tables it writes, and before the transaction commits (rows
// still buffered when it is destroyed are dropped). Rows may also be written
// in the background (BulkInsert::flush): a failure then comes out of a later
// call. Once a flush() has failed, every later call throws that error again,
// so that an importer which treats some errors as faults of one row still
// fails as a whole and its transaction rolls back. Not thread-safe; copying
// is forbidden.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "model/city.h"
#include "model/link.h"
#include "store/store.h"

namespace twinning::store {

class ImportWriter {
 public:
  explicit ImportWriter(Store& store);
  ~ImportWriter();
  ImportWriter(const ImportWriter&) = delete;
  ImportWriter& operator=(const ImportWriter&) = delete;

  // Every method throws as Database::execute when a write fails.

  // A new city officially named `name`, with `name_key` = name_key(name),
  // in country `iso2`, with the given coordinates (both or neither) and
  // Wikidata id ("" for none). Returns its id. Preconditions, not checked:
  // as CityStore::create, and the Wikidata id is no other city's.
  CityId add_city(const std::string& name, const std::string& name_key, const std::string& iso2,
                  std::optional<double> lat, std::optional<double> lng,
                  const std::string& wikidata_id = {});

  // Sets the coordinates of city `id` (in range).
  void set_coordinates(CityId id, double lat, double lng);

  // Sets the Wikidata id of city `id` (no other city's).
  void set_wikidata_id(CityId id, const std::string& qid);

  // Adds `name` (name, lang and kind; its key `name_key`) to city `id`
  // unless the city has the same name, lang and kind already. Returns true
  // if it was added.
  bool add_name(CityId id, const CityName& name, const std::string& name_key);

  // A new link between cities a < b, not linked yet, with the kind, dates,
  // status, source and notes of `attributes`. Returns its id.
  LinkId add_link(CityId a, CityId b, const Link& attributes);

  // Sets the start and end dates of link `id` where they are unknown and
  // given. Returns true if either was set.
  bool fill_dates(LinkId id, const std::optional<PartialDate>& since,
                  const std::optional<PartialDate>& until);

  // Records that city `listed_by` lists link `id` in `source`, unless that
  // is recorded already. Returns true if it is new. The first listing of a
  // source reads the registry's listings of that source (one query).
  bool add_listing(LinkId id, CityId listed_by, const std::string& source);

  // Writes every buffered row.
  void flush();

 private:
  struct PairHash {
    std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& p) const {
      return std::hash<std::int64_t>()(p.first * 0x9E3779B97F4A7C15LL ^ p.second);
    }
  };
  using PairSet = std::unordered_set<std::pair<std::int64_t, std::int64_t>, PairHash>;

  // Throws the error of an earlier failed flush, if any.
  void check() const;
  // Flushes when many rows wait.
  void flush_if_full();
  PairSet& listings_of(const std::string& source);

  Store& store_;
  std::string now_;  // created_at and updated_at of every new row
  std::unique_ptr<BulkInsert> cities_, names_, links_, listings_;
  std::unordered_set<CityId> own_cities_;      // created here: their names are all known
  std::unordered_set<std::string> own_names_;  // "city\tname\tlang\tkind" of own cities
  std::unordered_map<std::string, PairSet> known_listings_;  // source -> (link, listed_by)
  std::exception_ptr failure_;                               // of a flush
  std::size_t flush_rows_;  // pending rows that make the next flush
};

}  // namespace twinning::store
