#include "registry/registry.h"

#include <algorithm>

#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/country_store.h"

namespace twinning::registry {
namespace {

void require_registry_writer(const store::Store& store) {
  if (!store.actor().can_write_registry()) {
    throw Error(ErrorCode::kForbidden, "only coordinators and admins may change the registry");
  }
}

}  // namespace

CityView city_view(store::Store& store, CityId id) {
  CityView view;
  view.city = store::CityStore(store).require(id);
  store::LinkStore links(store);
  for (auto& p : links.partners(id)) {
    TwinView t;
    t.events = links.events(p.link.id);
    t.listed_by = links.listed_by(p.link.id);
    t.partner = std::move(p);
    view.twins.push_back(std::move(t));
  }
  return view;
}

City find_city(store::Store& store, CityId id) { return store::CityStore(store).require(id); }

CityListing list_cities(store::Store& store, const store::CityListQuery& query,
                        std::string_view country_field) {
  store::CityListQuery checked = query;
  if (!checked.country.empty())
    checked.country = find_country(store, query.country, country_field).iso2;
  store::CityStore cities(store);
  return CityListing{cities.list(checked), cities.count(checked)};
}

Country find_country(store::Store& store, std::string_view code, std::string_view field) {
  return store::CountryStore(store).require(code, field);
}

std::vector<Country> list_countries(store::Store& store, const CountryFilter& filter) {
  std::vector<std::pair<std::string, Country>> keyed;
  for (auto& c : store::CountryStore(store).all()) {
    if (filter.un_member && c.un_member != *filter.un_member) continue;
    if (filter.region && c.region != *filter.region) continue;
    std::string key = filter.order == CountryOrder::kIso2 ? c.iso2 : name_key(c.name);
    keyed.emplace_back(std::move(key), std::move(c));
  }
  bool descending = filter.order == CountryOrder::kNameDescending;
  std::stable_sort(keyed.begin(), keyed.end(), [descending](const auto& a, const auto& b) {
    return descending ? b.first < a.first : a.first < b.first;
  });
  std::vector<Country> out;
  out.reserve(keyed.size());
  for (auto& [key, c] : keyed) out.push_back(std::move(c));
  return out;
}

int un_member_count(store::Store& store) { return store::CountryStore(store).un_member_count(); }

LinkView link_view(store::Store& store, LinkId id) {
  store::LinkStore links(store);
  LinkView v;
  v.link = links.require(id);
  v.cities = store::CityStore(store).summaries({v.link.city_a, v.link.city_b});
  v.listed_by = links.listed_by(id);
  return v;
}

std::vector<LinkEvent> link_events(store::Store& store, LinkId id) {
  store::LinkStore links(store);
  links.require(id);
  return links.events(id);
}

std::pair<LinkView, bool> add_link(store::Store& store, const Link& link) {
  require_registry_writer(store);
  auto [id, created] = store::LinkStore(store).create(link);
  return {link_view(store, id), created};
}

std::pair<LinkEvent, bool> add_link_event(store::Store& store, CityId a, CityId b,
                                          const PartialDate& date, const std::string& text,
                                          const std::string& source) {
  require_registry_writer(store);
  auto link = store::LinkStore(store).find(a, b);
  if (!link) {
    throw_not_found(
        "cities #" + std::to_string(a) + " and #" + std::to_string(b) + " are not linked", "city");
  }
  return record_link_event(store, link->id, date, text, source);
}

std::pair<LinkEvent, bool> record_link_event(store::Store& store, LinkId link_id,
                                             const PartialDate& date, const std::string& text,
                                             const std::string& source) {
  require_registry_writer(store);
  return store::LinkStore(store).add_event(LinkEvent{0, link_id, date, text, source});
}

City create_city(store::Store& store, const City& city) {
  require_registry_writer(store);
  store::CityStore cities(store);
  return store.db().write_transaction([&] { return cities.require(cities.create(city)); });
}

City update_city(store::Store& store, CityId id, const CityDetails& details) {
  require_registry_writer(store);
  store::CityStore cities(store);
  return store.db().write_transaction([&] {
    cities.update(id, details);
    return cities.require(id);
  });
}

City add_city_name(store::Store& store, CityId id, const CityName& name) {
  require_registry_writer(store);
  store::CityStore cities(store);
  return store.db().write_transaction([&] {
    cities.add_name(id, name);
    return cities.require(id);
  });
}

LinkView update_link(store::Store& store, LinkId id, const LinkChanges& changes) {
  require_registry_writer(store);
  store::LinkStore links(store);
  return store.db().write_transaction([&] {
    Link link = links.require(id);
    if (changes.kind) link.kind = *changes.kind;
    if (changes.since) link.since = *changes.since;
    if (changes.until) link.until = *changes.until;
    if (changes.status) link.status = *changes.status;
    if (changes.source) link.source = *changes.source;
    if (changes.notes) link.notes = *changes.notes;
    links.update(link);
    return link_view(store, id);
  });
}

std::map<CityId, std::string> names_in_language(store::Store& store, const std::string& lang) {
  bool code = (lang.size() == 2 || lang.size() == 3) &&
              std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!code)
    throw_invalid("lang must be a language code of two or three lower-case letters, e.g. ru",
                  "lang");
  std::map<CityId, std::string> names;
  // Ordered by city, the preferred kind first: the first row of a city wins.
  for (auto& n : store::CityStore(store).current_names_in(lang))
    names.try_emplace(n.city_id, std::move(n.name));
  return names;
}

RegistryStats registry_stats(store::Store& store) {
  auto& db = store.db();
  RegistryStats s;
  s.cities = store::CityStore(store).count();
  s.links = store::LinkStore(store).count();
  s.un_members = store::CountryStore(store).un_member_count();
  s.countries_with_cities = db.query_one("SELECT COUNT(DISTINCT country) FROM cities")->integer(0);
  s.un_members_with_cities =
      db.query_one(
            "SELECT COUNT(*) FROM countries k WHERE k.un_member = 1 AND EXISTS (SELECT 1 FROM "
            "cities c WHERE c.country = k.iso2)")
          ->integer(0);
  s.link_events = db.query_one("SELECT COUNT(*) FROM link_events")->integer(0);
  s.cities_without_coordinates =
      db.query_one("SELECT COUNT(*) FROM cities WHERE lat IS NULL")->integer(0);
  db.query_each(
      "SELECT country, COUNT(*) AS n FROM cities GROUP BY country ORDER BY n DESC, country LIMIT "
      "10",
      {}, [&](const store::Row& r) { s.top_countries.emplace_back(r.text(0), r.integer(1)); });
  return s;
}

}  // namespace twinning::registry
