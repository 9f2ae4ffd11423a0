#include "store/import_writer.h"

#include <algorithm>

#include "store/clock.h"

namespace twinning::store {
namespace {

// Rows buffered before they are written: bounds the memory of an import of
// any size, and is large enough that a statement's fixed costs do not count.
// The first batches are smaller, so that the server starts writing early.
constexpr std::size_t kFirstFlushRows = 1000;
constexpr std::size_t kFlushRows = 10000;

// Column positions in the rows added below.
constexpr std::size_t kCityLat = 3, kCityLng = 4, kCityWikidata = 5;
constexpr std::size_t kLinkSince = 3, kLinkUntil = 4;

Value date_value(const std::optional<PartialDate>& d) {
  return d ? Value(d->to_string()) : Value();
}

}  // namespace

ImportWriter::ImportWriter(Store& store)
    : store_(store),
      now_(now_utc_iso()),
      cities_(store.db().bulk_insert(
          "cities",
          {"name", "name_key", "country", "lat", "lng", "wikidata_id", "created_at", "updated_at"},
          true)),
      names_(store.db().bulk_insert("city_names", {"city_id", "name", "name_key", "lang", "kind"},
                                    false)),
      links_(store.db().bulk_insert("links",
                                    {"city_a", "city_b", "kind", "since", "until", "status",
                                     "source", "notes", "created_at", "updated_at"},
                                    true)),
      listings_(store.db().bulk_insert("link_listings", {"link_id", "listed_by", "source"}, false)),
      flush_rows_(kFirstFlushRows) {}

ImportWriter::~ImportWriter() = default;

void ImportWriter::check() const {
  if (failure_) std::rethrow_exception(failure_);
}

void ImportWriter::flush() {
  check();
  try {
    // Referenced rows first: names and links refer to cities, listings to
    // links and cities.
    cities_->flush();
    names_->flush();
    links_->flush();
    listings_->flush();
  } catch (...) {
    failure_ = std::current_exception();
    throw;
  }
}

void ImportWriter::flush_if_full() {
  if (cities_->pending() + names_->pending() + links_->pending() + listings_->pending() >=
      flush_rows_) {
    flush();
    flush_rows_ = std::min(flush_rows_ * 2, kFlushRows);
  }
}

CityId ImportWriter::add_city(const std::string& name, const std::string& name_key,
                              const std::string& iso2, std::optional<double> lat,
                              std::optional<double> lng, const std::string& wikidata_id) {
  check();
  CityId id = cities_->add({name, name_key, iso2, lat, lng,
                            wikidata_id.empty() ? Value() : Value(wikidata_id), now_, now_});
  own_cities_.insert(id);
  add_name(id, CityName{name, "", "official", {}, {}}, name_key);
  return id;
}

void ImportWriter::set_coordinates(CityId id, double lat, double lng) {
  check();
  if (Params* row = cities_->buffered(id)) {
    (*row)[kCityLat] = lat;
    (*row)[kCityLng] = lng;
    return;
  }
  store_.db().execute("UPDATE cities SET lat = $2, lng = $3 WHERE id = $1", {id, lat, lng});
}

void ImportWriter::set_wikidata_id(CityId id, const std::string& qid) {
  check();
  if (Params* row = cities_->buffered(id)) {
    (*row)[kCityWikidata] = qid;
    return;
  }
  store_.db().execute("UPDATE cities SET wikidata_id = $2 WHERE id = $1", {id, qid});
}

bool ImportWriter::add_name(CityId id, const CityName& n, const std::string& name_key) {
  check();
  if (!own_cities_.contains(id)) {
    return store_.db().execute(
               "INSERT INTO city_names (city_id, name, name_key, lang, kind) VALUES ($1, $2, $3, "
               "$4, $5) ON CONFLICT (city_id, name, lang, kind) DO NOTHING",
               {id, n.name, name_key, n.lang, n.kind}) > 0;
  }
  std::string key = std::to_string(id);
  key.append(1, '\t').append(n.name).append(1, '\t').append(n.lang).append(1, '\t').append(n.kind);
  if (own_names_.contains(key)) return false;
  names_->add({id, n.name, name_key, n.lang, n.kind});
  own_names_.insert(std::move(key));
  flush_if_full();
  return true;
}

LinkId ImportWriter::add_link(CityId a, CityId b, const Link& l) {
  check();
  LinkId id = links_->add({a, b, std::string(link_kind_name(l.kind)), date_value(l.since),
                           date_value(l.until), std::string(link_status_name(l.status)), l.source,
                           l.notes, now_, now_});
  flush_if_full();
  return id;
}

bool ImportWriter::fill_dates(LinkId id, const std::optional<PartialDate>& since,
                              const std::optional<PartialDate>& until) {
  check();
  if (Params* row = links_->buffered(id)) {
    bool changed = false;
    for (auto [column, date] : {std::pair{kLinkSince, &since}, std::pair{kLinkUntil, &until}}) {
      if (*date && (*row)[column].is_null()) {
        (*row)[column] = (*date)->to_string();
        changed = true;
      }
    }
    return changed;
  }
  std::int64_t updated = 0;
  if (since) {
    updated += store_.db().execute("UPDATE links SET since = $2 WHERE id = $1 AND since IS NULL",
                                   {id, since->to_string()});
  }
  if (until) {
    updated += store_.db().execute("UPDATE links SET until = $2 WHERE id = $1 AND until IS NULL",
                                   {id, until->to_string()});
  }
  return updated > 0;
}

ImportWriter::PairSet& ImportWriter::listings_of(const std::string& source) {
  if (auto it = known_listings_.find(source); it != known_listings_.end()) return it->second;
  // None of this source's listings is buffered yet: the registry has them all.
  PairSet known;
  store_.db().query_each("SELECT link_id, listed_by FROM link_listings WHERE source = $1", {source},
                         [&](const Row& r) { known.emplace(r.integer(0), r.integer(1)); });
  return known_listings_.emplace(source, std::move(known)).first->second;
}

bool ImportWriter::add_listing(LinkId id, CityId listed_by, const std::string& source) {
  check();
  PairSet& known = listings_of(source);
  if (known.contains({id, listed_by})) return false;
  listings_->add({id, listed_by, source});
  known.emplace(id, listed_by);
  flush_if_full();
  return true;
}

}  // namespace twinning::store
