// What an import did, row by row accounted: every row read was imported as a
// new link, merged into an existing one, or rejected with its line and
// reason. rows_read == links_created + links_merged + rows_rejected.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace twinning::ingest {

struct ImportReject {
  int line = 0;        // 1-based line (CSV) or entity number (JSON lines)
  std::string reason;  // "unknown country 'Atlantis'"
};

struct ImportReport {
  std::string file;
  std::string format;  // "wikipedia-csv", "wikidata"
  int rows_read = 0;
  int links_created = 0;
  int links_merged = 0;  // the pair was already linked (other side's listing, earlier import)
  int rows_rejected = 0;
  int cities_created = 0;
  int cities_matched = 0;  // city mentions resolved to an existing city
  int listings_added = 0;  // new "city X lists this link" facts
  std::vector<ImportReject> rejects;
  double seconds = 0;

  // True if the import wrote nothing (a repeated import).
  bool changed_nothing() const {
    return links_created == 0 && cities_created == 0 && listings_added == 0;
  }
};

void to_json(nlohmann::json& j, const ImportReject& r);
void to_json(nlohmann::json& j, const ImportReport& r);

}  // namespace twinning::ingest
