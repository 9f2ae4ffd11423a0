#include "store/city_store.h"

#include <algorithm>
#include <cmath>

#include "model/error.h"
#include "model/model_json.h"
#include "model/text.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/country_store.h"

namespace twinning::store {
namespace {

constexpr const char* kCityColumns =
    "id, name, country, lat, lng, population, head_name, head_title, postal_address, phone, fax, "
    "email, languages, wikidata_id, coordinates_source, geonames_id";

constexpr std::size_t kCityColumnCount =
    std::count(std::string_view(kCityColumns).begin(), std::string_view(kCityColumns).end(), ',') +
    1;
static_assert(kCityColumnCount == 16, "city_from_row reads exactly the columns of kCityColumns");

// "c.id, c.name, ..." for a comma-separated column list.
std::string prefixed_columns(std::string_view columns, std::string_view prefix) {
  std::string out;
  for (std::string_view rest = columns; !rest.empty();) {
    std::size_t comma = rest.find(',');
    std::string_view column = trim(rest.substr(0, comma));
    out += (out.empty() ? "" : ", ") + std::string(prefix) + std::string(column);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

const char* kNameKinds[] = {"official", "local", "alternate", "former"};

void check_text(const std::string& value, const char* field) {
  if (!is_valid_utf8(value)) throw_invalid(std::string(field) + " is not valid UTF-8", field);
}

void check_coordinates(std::optional<double> lat, std::optional<double> lng) {
  if (lat.has_value() != lng.has_value()) {
    throw_invalid("give both lat and lng, or neither", lat ? "lng" : "lat");
  }
  if (lat && (!std::isfinite(*lat) || *lat < -90 || *lat > 90)) {
    throw_invalid("latitude " + std::to_string(*lat) + " is outside -90..90", "lat");
  }
  if (lng && (!std::isfinite(*lng) || *lng < -180 || *lng > 180)) {
    throw_invalid("longitude " + std::to_string(*lng) + " is outside -180..180", "lng");
  }
}

void check_name(const CityName& n) {
  if (trim(n.name).empty()) throw_invalid("a city name may not be empty", "name");
  check_text(n.name, "name");
  bool known = false;
  for (const char* k : kNameKinds) known |= n.kind == k;
  if (!known) {
    throw_invalid(
        "unknown name kind '" + n.kind + "': expected official, local, alternate or former",
        "kind");
  }
  if (n.valid_from && n.valid_to && n.valid_to < n.valid_from) {
    throw_invalid("name '" + n.name + "' ends before it begins", "valid_to");
  }
}

City city_from_row(const Row& r) {
  City c;
  c.id = r.integer(0);
  c.name = r.text(1);
  c.country = r.text(2);
  c.lat = r.opt_real(3);
  c.lng = r.opt_real(4);
  c.population = r.opt_integer(5);
  c.head_name = r.text(6);
  c.head_title = r.text(7);
  c.postal_address = r.text(8);
  c.phone = r.text(9);
  c.fax = r.text(10);
  c.email = r.text(11);
  c.languages = split_list(r.text(12), ';');
  c.wikidata_id = r.text(13);
  c.coordinates_source = parse_coordinates_source(r.text(14));
  c.geonames_id = r.opt_integer(15);
  return c;
}

CitySummary summary_from_row(const Row& r) {
  return CitySummary{r.integer(0), r.text(1), r.text(2), r.opt_real(3), r.opt_real(4)};
}

Value opt_text(const std::string& s) { return s.empty() ? Value() : Value(s); }

}  // namespace

void to_json(nlohmann::json& j, const CitySummary& c) {
  j = {{"id", c.id}, {"name", c.name}, {"country", c.country}};
  j["lat"] = c.lat ? nlohmann::json(*c.lat) : nlohmann::json(nullptr);
  j["lng"] = c.lng ? nlohmann::json(*c.lng) : nlohmann::json(nullptr);
}

void CityStore::insert_name(CityId id, const CityName& n) {
  store_.db().execute(
      "INSERT INTO city_names (city_id, name, name_key, lang, kind, valid_from, valid_to) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (city_id, name, lang, kind) DO NOTHING",
      {id, n.name, name_key(n.name), n.lang, n.kind,
       n.valid_from ? Value(n.valid_from->to_string()) : Value(),
       n.valid_to ? Value(n.valid_to->to_string()) : Value()});
}

CityId CityStore::create(const City& city) {
  if (trim(city.name).empty()) throw_invalid("a city needs a name", "name");
  check_text(city.name, "name");
  for (const auto* f : {&city.head_name, &city.head_title, &city.postal_address, &city.phone,
                        &city.fax, &city.email}) {
    check_text(*f, "city details");
  }
  check_coordinates(city.lat, city.lng);
  if (city.population && *city.population < 0) throw_invalid("population < 0", "population");
  for (const auto& n : city.names) check_name(n);
  Database& db = store_.db();
  return db.write_transaction([&] {
    CountryStore(store_).require(city.country, "country");
    std::string now = now_utc_iso();
    CityId id = db.insert(
        "INSERT INTO cities (name, name_key, country, lat, lng, population, head_name, "
        "head_title, postal_address, phone, fax, email, languages, wikidata_id, created_at, "
        "updated_at, coordinates_source, geonames_id) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15,$16,$17)",
        {std::string(trim(city.name)), name_key(city.name), city.country, city.lat, city.lng,
         city.population, city.head_name, city.head_title, city.postal_address, city.phone,
         city.fax, city.email, join_list(city.languages, ";"), opt_text(city.wikidata_id), now,
         std::string(coordinates_source_name(city.coordinates_source)), city.geonames_id});
    insert_name(id, CityName{std::string(trim(city.name)), "", "official", {}, {}});
    for (const auto& n : city.names) insert_name(id, n);
    AuditLog(store_).record("create", "city", std::to_string(id), nullptr, *get(id));
    return id;
  });
}

std::optional<City> CityStore::get(CityId id) {
  // One round trip: the city's columns on every row of its names (one row
  // with NULL name columns if it has none). Undated names first, spelled
  // out: SQLite sorts NULL first, PostgreSQL last.
  static const std::string sql = std::string("SELECT ") + prefixed_columns(kCityColumns, "c.") +
                                 ", n.name, n.lang, n.kind, n.valid_from, n.valid_to "
                                 "FROM cities c LEFT JOIN city_names n ON n.city_id = c.id "
                                 "WHERE c.id = $1 "
                                 "ORDER BY CASE n.kind WHEN 'official' THEN 0 WHEN 'local' THEN 1 "
                                 "WHEN 'alternate' THEN 2 ELSE 3 END, "
                                 "CASE WHEN n.valid_from IS NULL THEN 0 ELSE 1 END, n.valid_from, "
                                 "n.id";
  auto rows = store_.db().query(sql, {id});
  if (rows.empty()) return std::nullopt;
  City c = city_from_row(rows.front());
  constexpr std::size_t kName = kCityColumnCount;
  for (const Row& r : rows) {
    auto kind = r.opt_text(kName + 2);
    if (!kind) continue;  // the LEFT JOIN's row of a city without names
    CityName n;
    n.name = r.text(kName);
    n.lang = r.text(kName + 1);
    n.kind = *kind;
    if (auto f = r.opt_text(kName + 3)) n.valid_from = parse_partial_date(*f);
    if (auto t = r.opt_text(kName + 4)) n.valid_to = parse_partial_date(*t);
    c.names.push_back(std::move(n));
  }
  return c;
}

City CityStore::require(CityId id) {
  auto c = get(id);
  if (!c) throw_not_found("no city with id " + std::to_string(id), "city");
  return *c;
}

std::vector<CitySummary> CityStore::find_official(const std::string& key,
                                                  const std::string& country) {
  std::vector<CitySummary> out;
  store_.db().query_each(
      "SELECT id, name, country, lat, lng FROM cities WHERE name_key = $1 AND country = $2 "
      "ORDER BY id",
      {key, country}, [&](const Row& r) { out.push_back(summary_from_row(r)); });
  return out;
}

std::optional<CityId> CityStore::find_by_wikidata(const std::string& qid) {
  auto row = store_.db().query_one("SELECT id FROM cities WHERE wikidata_id = $1", {qid});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::vector<NameMatch> CityStore::names_matching(const std::string& key, bool substring,
                                                 int limit) {
  std::vector<NameMatch> out;
  auto add = [&](const Row& r) {
    out.push_back(NameMatch{r.integer(0), r.text(1), r.text(2), r.text(3)});
  };
  if (substring) {
    std::string pattern;
    for (char c : key) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    store_.db().query_each(
        "SELECT city_id, name, name_key, kind FROM city_names WHERE name_key LIKE $1 ESCAPE '\\' "
        "ORDER BY CASE kind WHEN 'official' THEN 0 ELSE 1 END, city_id LIMIT $2",
        {"%" + pattern + "%", limit}, add);
  } else {
    store_.db().query_each(
        "SELECT city_id, name, name_key, kind FROM city_names WHERE name_key = $1 "
        "ORDER BY CASE kind WHEN 'official' THEN 0 ELSE 1 END, city_id LIMIT $2",
        {key, limit}, add);
  }
  return out;
}

std::vector<NameMatch> CityStore::current_names_in(const std::string& lang) {
  std::vector<NameMatch> out;
  store_.db().query_each(
      "SELECT city_id, name, name_key, kind FROM city_names WHERE lang = $1 AND kind <> 'former' "
      "AND valid_to IS NULL ORDER BY city_id, CASE kind WHEN 'local' THEN 0 WHEN 'official' THEN 1 "
      "ELSE 2 END, id",
      {lang}, [&](const Row& r) {
        out.push_back(NameMatch{r.integer(0), r.text(1), r.text(2), r.text(3)});
      });
  return out;
}

void CityStore::for_each_name(const std::function<void(const NameMatch&)>& fn) {
  store_.db().query_each("SELECT city_id, name, name_key, kind FROM city_names", {},
                         [&](const Row& r) {
                           fn(NameMatch{r.integer(0), r.text(1), r.text(2), r.text(3)});
                         });
}

void CityStore::for_each(const std::function<void(const CitySummary&)>& fn) {
  store_.db().query_each("SELECT id, name, country, lat, lng FROM cities ORDER BY id", {},
                         [&](const Row& r) { fn(summary_from_row(r)); });
}

std::vector<CitySummary> CityStore::list(const CityListQuery& q) {
  // The ORDER BY comes from a fixed set of texts, never from the caller.
  std::string order;
  const char* dir = q.descending ? " DESC" : "";
  switch (q.sort) {
    case CitySort::kId:
      order = std::string("id") + dir;
      break;
    case CitySort::kName:
      order = std::string("name_key") + dir + ", id" + dir;
      break;
    case CitySort::kCountry:
      order = std::string("country") + dir + ", name_key" + dir + ", id" + dir;
      break;
  }
  std::vector<CitySummary> out;
  store_.db().query_each(
      "SELECT id, name, country, lat, lng FROM cities WHERE ($1 = '' OR country = $1) "
      "ORDER BY " +
          order + " LIMIT $2 OFFSET $3",
      {q.country, q.limit, q.offset}, [&](const Row& r) { out.push_back(summary_from_row(r)); });
  return out;
}

std::int64_t CityStore::count(const CityListQuery& q) {
  return store_.db()
      .query_one("SELECT COUNT(*) FROM cities WHERE ($1 = '' OR country = $1)", {q.country})
      ->integer(0);
}

std::vector<CitySummary> CityStore::summaries(const std::vector<CityId>& ids) {
  std::vector<CitySummary> out;
  out.reserve(ids.size());
  for (CityId id : ids) {
    auto row =
        store_.db().query_one("SELECT id, name, country, lat, lng FROM cities WHERE id = $1", {id});
    if (row) out.push_back(summary_from_row(*row));
  }
  return out;
}

void CityStore::update(CityId id, const CityDetails& d) {
  Database& db = store_.db();
  db.write_transaction([&] {
    City before = require(id);
    City after = before;
    if (d.name) {
      if (trim(*d.name).empty()) throw_invalid("a city needs a name", "name");
      check_text(*d.name, "name");
      after.name = std::string(trim(*d.name));
    }
    if (d.country) after.country = CountryStore(store_).require(*d.country, "country").iso2;
    if (d.lat || d.lng) {
      after.lat = d.lat ? d.lat : after.lat;
      after.lng = d.lng ? d.lng : after.lng;
      check_coordinates(after.lat, after.lng);
      // Coordinates a person sets are theirs: no automatic pass replaces
      // them, and they no longer come from a gazetteer place.
      if (after.lat != before.lat || after.lng != before.lng) {
        after.coordinates_source = CoordinatesSource::kManual;
        after.geonames_id.reset();
      }
    }
    if (d.population) {
      if (*d.population < 0) throw_invalid("population < 0", "population");
      after.population = d.population;
    }
    auto set = [](std::string& field, const std::optional<std::string>& v, const char* name) {
      if (!v) return;
      check_text(*v, name);
      field = *v;
    };
    set(after.head_name, d.head_name, "head_name");
    set(after.head_title, d.head_title, "head_title");
    set(after.postal_address, d.postal_address, "postal_address");
    set(after.phone, d.phone, "phone");
    set(after.fax, d.fax, "fax");
    set(after.email, d.email, "email");
    set(after.wikidata_id, d.wikidata_id, "wikidata_id");
    if (d.languages) after.languages = *d.languages;
    db.execute(
        "UPDATE cities SET name=$2, name_key=$3, country=$4, lat=$5, lng=$6, population=$7, "
        "head_name=$8, head_title=$9, postal_address=$10, phone=$11, fax=$12, email=$13, "
        "languages=$14, wikidata_id=$15, updated_at=$16, coordinates_source=$17, "
        "geonames_id=$18 WHERE id=$1",
        {id, after.name, name_key(after.name), after.country, after.lat, after.lng,
         after.population, after.head_name, after.head_title, after.postal_address, after.phone,
         after.fax, after.email, join_list(after.languages, ";"), opt_text(after.wikidata_id),
         now_utc_iso(), std::string(coordinates_source_name(after.coordinates_source)),
         after.geonames_id});
    if (after.name != before.name) {
      db.execute("UPDATE city_names SET name=$2, name_key=$3 WHERE city_id=$1 AND kind='official'",
                 {id, after.name, name_key(after.name)});
    }
    AuditLog(store_).record("update", "city", std::to_string(id), before, *get(id));
  });
}

void CityStore::add_name(CityId id, const CityName& name) {
  check_name(name);
  if (name.kind == "official") {
    throw_invalid("the official name is changed with a city update, not added", "kind");
  }
  store_.db().write_transaction([&] {
    City before = require(id);
    insert_name(id, name);
    AuditLog(store_).record("add_name", "city", std::to_string(id), before, *get(id));
  });
}

void to_json(nlohmann::json& j, const CityPlacement& p) {
  j = {{"lat", p.lat ? nlohmann::json(*p.lat) : nlohmann::json(nullptr)},
       {"lng", p.lng ? nlohmann::json(*p.lng) : nlohmann::json(nullptr)},
       {"population", p.population ? nlohmann::json(*p.population) : nlohmann::json(nullptr)},
       {"coordinates_source", coordinates_source_name(p.coordinates_source)},
       {"geonames_id", p.geonames_id ? nlohmann::json(*p.geonames_id) : nlohmann::json(nullptr)}};
}

std::vector<CityPlacement> CityStore::placements() {
  std::vector<CityPlacement> out;
  store_.db().query_each(
      "SELECT id, name, country, lat, lng, population, coordinates_source, geonames_id "
      "FROM cities ORDER BY id",
      {}, [&](const Row& r) {
        out.push_back(CityPlacement{r.integer(0), r.text(1), r.text(2), r.opt_real(3),
                                    r.opt_real(4), r.opt_integer(5),
                                    parse_coordinates_source(r.text(6)), r.opt_integer(7)});
      });
  return out;
}

void CityStore::place(const CityPlacement& before, const CityPlacement& after,
                      std::string_view action) {
  check_coordinates(after.lat, after.lng);
  if (after.population && *after.population < 0) throw_invalid("population < 0", "population");
  Database& db = store_.db();
  db.write_transaction([&] {
    db.execute(
        "UPDATE cities SET lat=$2, lng=$3, population=$4, coordinates_source=$5, geonames_id=$6, "
        "updated_at=$7 WHERE id=$1",
        {after.id, after.lat, after.lng, after.population,
         std::string(coordinates_source_name(after.coordinates_source)), after.geonames_id,
         now_utc_iso()});
    AuditLog(store_).record(action, "city", std::to_string(after.id), before, after);
  });
}

std::int64_t CityStore::count() {
  return store_.db().query_one("SELECT COUNT(*) FROM cities")->integer(0);
}

}  // namespace twinning::store
