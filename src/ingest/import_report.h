// What an import did, row by row accounted: every row read was imported as a
// new link, merged into an existing one, or rejected with its line and
// reason. rows_read == links_created + links_merged + rows_rejected.
//
// A "row" is one listed partnership: a CSV data line, or one P190 (twinned
// administrative body) statement of a Wikidata item. When a whole Wikidata
// item is rejected (no resolvable country, no label), its one reject entry
// accounts for all of its statements, so rows_rejected can exceed
// rejects.size() there; an item without statements still gets its entry.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace twinning::ingest {

struct ImportReject {
  int line = 0;        // 1-based line: of the CSV record, or where the JSON entity starts
  std::string item;    // Wikidata id of the entity ("Q914"), "" for CSV
  std::string reason;  // "unknown country 'Atlantis'"
  int rows = 1;        // rows this entry rejects (an item's statements; may be 0)
};

struct ImportReport {
  std::string file;
  std::string format;  // "wikipedia-csv", "wikidata"
  int rows_read = 0;
  int links_created = 0;
  int links_merged = 0;   // the pair was already linked (other side's listing, earlier import)
  int links_updated = 0;  // merged links that gained a missing start or end date
  int rows_rejected = 0;
  int entities_read = 0;  // Wikidata: JSON entities in the file (countries included)
  int cities_created = 0;
  int cities_matched = 0;  // city mentions resolved to an existing city
  int cities_updated = 0;  // existing cities given missing coordinates or a Wikidata id
  int names_added = 0;     // new names (Wikidata labels and aliases)
  int listings_added = 0;  // new "city X lists this link" facts
  std::vector<ImportReject> rejects;
  double seconds = 0;

  // True if the import wrote nothing (a repeated import).
  bool changed_nothing() const {
    return links_created == 0 && links_updated == 0 && cities_created == 0 && cities_updated == 0 &&
           names_added == 0 && listings_added == 0;
  }
};

void to_json(nlohmann::json& j, const ImportReject& r);
void to_json(nlohmann::json& j, const ImportReport& r);

}  // namespace twinning::ingest
