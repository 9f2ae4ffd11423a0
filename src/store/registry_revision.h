// A cheap marker of the registry's state (cities, their names and
// countries, and the twin links), for caches of values derived from the
// whole registry — the twin graph of the analytics, the map — to tell
// whether they are still current without reading the registry again.
//
// It is built from what every registry write leaves behind: the largest
// city and link ids (new rows, the importer's unaudited bulk path
// included) and the number and largest id of the audit entries of cities,
// links, imports and restores (every other change of a city or link is
// audited in the same transaction). The count catches an audited change
// whose entry became visible after one with a larger id (PostgreSQL
// sequences are not handed out in commit order). Rows are never deleted
// from these tables, so equal revisions mean an equal registry; the
// reference countries are not covered (they change only with the binary,
// and a server restarts then).
//
// Reading one costs one query over primary keys and the audit entity index:
// microseconds, independent of the registry's size.
#pragma once

#include <cstdint>
#include <string>

#include "store/store.h"

namespace twinning::store {

struct RegistryRevision {
  std::int64_t max_city_id = 0;
  std::int64_t max_link_id = 0;
  std::int64_t registry_audits = 0;  // audit entries of cities, links, imports, restores
  std::int64_t max_registry_audit_id = 0;

  bool operator==(const RegistryRevision&) const = default;
  // "c12-l40-a7.93": for logs and ETags.
  std::string to_string() const;
};

// The registry's current revision as seen by `store`'s connection. Throws
// as Database::query.
RegistryRevision registry_revision(Store& store);

}  // namespace twinning::store
