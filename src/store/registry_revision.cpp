#include "store/registry_revision.h"

namespace twinning::store {

std::string RegistryRevision::to_string() const {
  return "c" + std::to_string(max_city_id) + "-l" + std::to_string(max_link_id) + "-a" +
         std::to_string(registry_audits) + "." + std::to_string(max_registry_audit_id);
}

RegistryRevision registry_revision(Store& store) {
  // The entities named here are those whose writes can change a city or a
  // link (store/city_store.cpp, store/link_store.cpp, ingest's import
  // session, maintenance's restore).
  auto row = store.db().query_one(
      "SELECT (SELECT max(id) FROM cities), (SELECT max(id) FROM links), "
      "count(*), max(id) FROM audit_log "
      "WHERE entity = 'city' OR entity = 'link' OR entity = 'import' OR entity = 'database'",
      {});
  RegistryRevision r;
  if (!row) return r;
  r.max_city_id = row->opt_integer(0).value_or(0);
  r.max_link_id = row->opt_integer(1).value_or(0);
  r.registry_audits = row->opt_integer(2).value_or(0);
  r.max_registry_audit_id = row->opt_integer(3).value_or(0);
  return r;
}

}  // namespace twinning::store
