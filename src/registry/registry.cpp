#include "registry/registry.h"

#include <algorithm>

#include "model/error.h"
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

std::pair<LinkId, bool> add_link(store::Store& store, const Link& link) {
  require_registry_writer(store);
  return store::LinkStore(store).create(link);
}

std::int64_t add_link_event(store::Store& store, CityId a, CityId b, const PartialDate& date,
                            const std::string& text, const std::string& source) {
  require_registry_writer(store);
  auto link = store::LinkStore(store).find(a, b);
  if (!link) {
    throw_not_found(
        "cities #" + std::to_string(a) + " and #" + std::to_string(b) + " are not linked", "city");
  }
  return record_link_event(store, link->id, date, text, source);
}

std::int64_t record_link_event(store::Store& store, LinkId link_id, const PartialDate& date,
                               const std::string& text, const std::string& source) {
  require_registry_writer(store);
  return store::LinkStore(store).add_event(LinkEvent{0, link_id, date, text, source});
}

CityId create_city(store::Store& store, const City& city) {
  require_registry_writer(store);
  return store::CityStore(store).create(city);
}

void update_city(store::Store& store, CityId id, const CityDetails& details) {
  require_registry_writer(store);
  store::CityStore(store).update(id, details);
}

void add_city_name(store::Store& store, CityId id, const CityName& name) {
  require_registry_writer(store);
  store::CityStore(store).add_name(id, name);
}

Link update_link(store::Store& store, LinkId id, const LinkChanges& changes) {
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
    return links.require(id);
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
