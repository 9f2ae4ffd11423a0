#include "ingest/import_session.h"

#include "model/error.h"
#include "model/text.h"
#include "store/audit_log.h"
#include "store/city_store.h"
#include "store/link_store.h"

namespace twinning::ingest {
namespace {

std::uint64_t pair_key(CityId a, CityId b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b);
}

}  // namespace

ImportSession::ImportSession(store::Store& store, ImportReport& report)
    : store_(store), report_(report) {
  if (!store.actor().can_write_registry()) {
    throw Error(ErrorCode::kForbidden, "only coordinators and admins may import data");
  }
  auto& db = store.db();
  db.query_each("SELECT id, name_key, country, lat FROM cities", {}, [&](const store::Row& r) {
    city_index_.emplace(r.text(1) + '\t' + r.text(2), r.integer(0));
    has_coordinates_[r.integer(0)] = !r.is_null(3);
  });
  db.query_each("SELECT id, city_a, city_b FROM links", {}, [&](const store::Row& r) {
    link_index_.emplace(pair_key(r.integer(1), r.integer(2)), r.integer(0));
  });
}

CityId ImportSession::city(const std::string& name, const std::string& iso2,
                           std::optional<double> lat, std::optional<double> lng) {
  const std::string& key = this->key(name);
  auto [it, inserted] = city_index_.try_emplace(key + '\t' + iso2, 0);
  if (!inserted) {
    ++report_.cities_matched;
    if (lat && lng && !has_coordinates_[it->second]) {
      store_.db().execute("UPDATE cities SET lat = $2, lng = $3 WHERE id = $1",
                          {it->second, *lat, *lng});
      has_coordinates_[it->second] = true;
    }
    return it->second;
  }
  it->second = store::CityStore(store_).insert_imported(name, key, iso2, lat, lng);
  has_coordinates_[it->second] = lat.has_value();
  ++report_.cities_created;
  return it->second;
}

const std::string& ImportSession::key(const std::string& name) {
  auto [it, inserted] = keys_.try_emplace(name);
  if (inserted) it->second = name_key(name);
  return it->second;
}

void ImportSession::set_wikidata_id(CityId city, const std::string& qid) {
  store_.db().execute("UPDATE cities SET wikidata_id = $2 WHERE id = $1 AND wikidata_id IS NULL",
                      {city, qid});
}

LinkId ImportSession::link(CityId a, CityId b, CityId listed_by, const std::string& source,
                           const Link& attributes) {
  auto [it, inserted] = link_index_.try_emplace(pair_key(a, b), 0);
  store::LinkStore links(store_);
  if (inserted) {
    if (a > b) std::swap(a, b);
    it->second = links.insert_imported(a, b, source);
    Link l = attributes;
    l.id = it->second;
    bool has_attributes = l.kind != LinkKind::kTwin || l.since || l.until ||
                          l.status != LinkStatus::kActive || !l.notes.empty() ||
                          (!l.source.empty() && l.source != source);
    if (has_attributes) {
      store_.db().execute(
          "UPDATE links SET kind=$2, since=$3, until=$4, status=$5, notes=$6, source=$7 "
          "WHERE id=$1",
          {l.id, link_kind_name(l.kind), l.since ? store::Value(l.since->to_string()) : store::Value(),
           l.until ? store::Value(l.until->to_string()) : store::Value(),
           link_status_name(l.status), l.notes, l.source.empty() ? source : l.source});
    }
    ++report_.links_created;
  } else {
    ++report_.links_merged;
    if (attributes.since) {
      store_.db().execute("UPDATE links SET since = $2 WHERE id = $1 AND since IS NULL",
                          {it->second, attributes.since->to_string()});
    }
    if (attributes.until) {
      store_.db().execute("UPDATE links SET until = $2 WHERE id = $1 AND until IS NULL",
                          {it->second, attributes.until->to_string()});
    }
  }
  if (links.add_listing(it->second, listed_by, source)) ++report_.listings_added;
  return it->second;
}

void ImportSession::reject(int line, std::string reason) {
  ++report_.rows_rejected;
  report_.rejects.push_back(ImportReject{line, std::move(reason)});
}

void ImportSession::finish() {
  if (report_.changed_nothing()) return;
  nlohmann::json summary = report_;
  summary.erase("rejects");
  summary.erase("seconds");
  store::AuditLog(store_).record("import", "import", report_.file, nullptr, summary);
}

}  // namespace twinning::ingest
