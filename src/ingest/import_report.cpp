#include "ingest/import_report.h"

namespace twinning::ingest {

void to_json(nlohmann::json& j, const ImportReject& r) {
  j = {{"line", r.line}, {"reason", r.reason}};
  if (!r.item.empty()) {
    j["item"] = r.item;
    j["rows"] = r.rows;
  }
}

void to_json(nlohmann::json& j, const ImportReport& r) {
  j = {{"file", r.file},
       {"format", r.format},
       {"rows_read", r.rows_read},
       {"links_created", r.links_created},
       {"links_merged", r.links_merged},
       {"links_updated", r.links_updated},
       {"rows_rejected", r.rows_rejected},
       {"cities_created", r.cities_created},
       {"cities_matched", r.cities_matched},
       {"cities_updated", r.cities_updated},
       {"names_added", r.names_added},
       {"listings_added", r.listings_added},
       {"rejects", r.rejects},
       {"seconds", r.seconds}};
  if (r.format == "wikidata") j["entities_read"] = r.entities_read;
}

}  // namespace twinning::ingest
