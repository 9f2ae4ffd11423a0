#include "ingest/import_session.h"

#include "model/error.h"
#include "model/text.h"
#include "store/audit_log.h"

namespace twinning::ingest {
namespace {

std::uint64_t pair_key(CityId a, CityId b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b);
}

}  // namespace

ImportSession::ImportSession(store::Store& store, ImportReport& report)
    : store_(store), report_(report), writer_(store) {
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

CityId ImportSession::create_city(const std::string& name, const std::string& iso2,
                                  std::optional<double> lat, std::optional<double> lng) {
  CityId id = writer_.add_city(name, key(name), iso2, lat, lng);
  has_coordinates_[id] = lat.has_value();
  ++report_.cities_created;
  return id;
}

bool ImportSession::matched(CityId id, std::optional<double> lat, std::optional<double> lng) {
  ++report_.cities_matched;
  if (!lat || !lng || has_coordinates_[id]) return false;
  writer_.set_coordinates(id, *lat, *lng);
  has_coordinates_[id] = true;
  ++report_.cities_updated;
  return true;
}

CityId ImportSession::city(const std::string& name, const std::string& iso2,
                           std::optional<double> lat, std::optional<double> lng) {
  // Most mentions are of known cities: look up without allocating a key.
  lookup_.assign(key(name)).append(1, '\t').append(iso2);
  if (auto it = city_index_.find(lookup_); it != city_index_.end()) {
    matched(it->second, lat, lng);
    return it->second;
  }
  CityId id = create_city(name, iso2, lat, lng);
  city_index_.emplace(lookup_, id);
  return id;
}

void ImportSession::load_items() {
  if (items_loaded_) return;
  items_loaded_ = true;
  writer_.flush();  // the query must see every city written so far
  store_.db().query_each("SELECT id, wikidata_id FROM cities WHERE wikidata_id IS NOT NULL", {},
                         [&](const store::Row& r) {
                           city_of_item_.emplace(r.text(1), r.integer(0));
                           item_of_city_.emplace(r.integer(0), r.text(1));
                         });
}

std::optional<CityId> ImportSession::find_item(const std::string& qid) {
  load_items();
  auto it = city_of_item_.find(qid);
  if (it == city_of_item_.end()) return std::nullopt;
  return it->second;
}

CityId ImportSession::item_city(const std::string& qid, const std::string& name,
                                const std::string& iso2, std::optional<double> lat,
                                std::optional<double> lng) {
  if (auto id = find_item(qid)) {
    matched(*id, lat, lng);
    return *id;
  }
  CityId id = 0;
  lookup_.assign(key(name)).append(1, '\t').append(iso2);
  auto by_name = city_index_.find(lookup_);
  if (by_name == city_index_.end()) {
    id = city(name, iso2, lat, lng);
  } else if (item_of_city_.contains(by_name->second)) {
    id = create_city(name, iso2, lat, lng);  // a namesake of another item
  } else {
    id = by_name->second;
    if (!matched(id, lat, lng)) ++report_.cities_updated;  // gains its Wikidata id below
  }
  writer_.set_wikidata_id(id, qid);
  city_of_item_[qid] = id;
  item_of_city_[id] = qid;
  return id;
}

const std::string& ImportSession::key(const std::string& name) {
  auto [it, inserted] = keys_.try_emplace(name);
  if (inserted) it->second = name_key(name);
  return it->second;
}

void ImportSession::add_name(CityId city, const CityName& n) {
  if (writer_.add_name(city, n, key(n.name))) ++report_.names_added;
}

LinkId ImportSession::link(CityId a, CityId b, CityId listed_by, const std::string& source,
                           const Link& attributes) {
  auto key = pair_key(a, b);
  auto it = link_index_.find(key);
  if (it == link_index_.end()) {
    if (a > b) std::swap(a, b);
    it = link_index_.emplace(key, writer_.add_link(a, b, attributes)).first;
    ++report_.links_created;
  } else {
    ++report_.links_merged;
    if ((attributes.since || attributes.until) &&
        writer_.fill_dates(it->second, attributes.since, attributes.until)) {
      ++report_.links_updated;
    }
  }
  if (writer_.add_listing(it->second, listed_by, source)) ++report_.listings_added;
  return it->second;
}

void ImportSession::reject(int line, std::string reason, std::string item, int rows) {
  report_.rows_rejected += rows;
  report_.rejects.push_back(ImportReject{line, std::move(item), std::move(reason), rows});
}

void ImportSession::finish() {
  writer_.flush();
  if (report_.changed_nothing()) return;
  nlohmann::json summary = report_;
  summary.erase("rejects");
  summary.erase("seconds");
  store::AuditLog(store_).record("import", "import", report_.file, nullptr, summary);
}

}  // namespace twinning::ingest
