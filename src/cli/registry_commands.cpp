// CLI commands of the registry: init, cities, city, link, stats.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "ingest/country_resolver.h"
#include "model/error.h"
#include "model/model_json.h"
#include "model/text.h"
#include "registry/city_lookup.h"
#include "registry/registry.h"
#include "registry/registry_json.h"
#include "store/city_store.h"
#include "store/migrations.h"

namespace twinning::cli {
namespace {

void print_city_view(const registry::CityView& v) {
  const City& c = v.city;
  std::cout << c.name << ", " << c.country << "  (#" << c.id << ")\n";
  for (const auto& n : c.names) {
    if (n.kind == "official") continue;
    std::cout << "  " << n.kind << " name: " << n.name;
    if (!n.lang.empty()) std::cout << " [" << n.lang << "]";
    if (n.valid_from || n.valid_to) {
      std::cout << " (" << (n.valid_from ? n.valid_from->to_string() : "?") << " – "
                << (n.valid_to ? n.valid_to->to_string() : "") << ")";
    }
    std::cout << '\n';
  }
  if (c.lat) std::cout << "  coordinates: " << format_coordinates(c.lat, c.lng) << '\n';
  if (c.population) std::cout << "  population: " << *c.population << '\n';
  if (!c.head_name.empty() || !c.head_title.empty()) {
    std::cout << "  head: " << c.head_title << (c.head_title.empty() ? "" : " ") << c.head_name
              << '\n';
  }
  if (!c.postal_address.empty()) std::cout << "  address: " << c.postal_address << '\n';
  if (!c.phone.empty()) std::cout << "  phone: " << c.phone << '\n';
  if (!c.fax.empty()) std::cout << "  fax: " << c.fax << '\n';
  if (!c.email.empty()) std::cout << "  e-mail: " << c.email << '\n';
  if (!c.languages.empty()) std::cout << "  languages: " << join_list(c.languages, ", ") << '\n';
  std::cout << "  twins (" << v.twins.size() << "):\n";
  for (const auto& t : v.twins) {
    const auto& l = t.partner.link;
    std::cout << "    " << t.partner.name << ", " << t.partner.country << "  (#"
              << t.partner.city_id << ")  " << link_kind_name(l.kind);
    if (l.since) std::cout << " since " << l.since->to_string();
    if (l.until) std::cout << " until " << l.until->to_string();
    if (l.status != LinkStatus::kActive) std::cout << " [" << link_status_name(l.status) << "]";
    std::cout << '\n';
    for (const auto& e : t.events) {
      std::cout << "      " << e.date.to_string() << "  " << e.text << '\n';
    }
  }
}

struct CityOptions {
  std::string name, country, head_name, head_title, address, phone, fax, email, wikidata;
  std::optional<double> lat, lng;
  std::optional<std::int64_t> population;
  std::vector<std::string> languages;
};

void add_city_detail_options(CLI::App* cmd, CityOptions& o) {
  cmd->add_option("--lat", o.lat, "Latitude, decimal degrees");
  cmd->add_option("--lng", o.lng, "Longitude, decimal degrees");
  cmd->add_option("--population", o.population, "Population");
  cmd->add_option("--head", o.head_name, "Head of administration (name)");
  cmd->add_option("--head-title", o.head_title, "Title of the head, e.g. \"Lord Mayor\"");
  cmd->add_option("--address", o.address, "Official postal address");
  cmd->add_option("--phone", o.phone, "Telephone");
  cmd->add_option("--fax", o.fax, "Fax");
  cmd->add_option("--email", o.email, "E-mail");
  cmd->add_option("--language", o.languages,
                  "Correspondence language (BCP 47, e.g. ru); repeat, best first");
  cmd->add_option("--wikidata", o.wikidata, "Wikidata id, e.g. Q914");
}

}  // namespace

void add_registry_commands(CLI::App& app, Context& ctx) {
  // init
  auto* init = app.add_subcommand("init", "Create or upgrade the schema and load the countries");
  add_json_flag(init, ctx);
  init->callback([&ctx] {
    auto& store = ctx.store();
    int n = ingest::load_reference_countries(store);
    auto versions = store::known_migrations(store.db().dialect());
    int version = versions.empty() ? 0 : versions.back().version;
    if (ctx.json) {
      ctx.print_json({{"database", store.db().location()},
                      {"schema_version", version},
                      {"countries", n},
                      {"un_members", registry::un_member_count(store)}});
    } else {
      std::cout << "initialised " << store.db().location() << ": schema version " << version << ", "
                << n << " countries (" << registry::un_member_count(store)
                << " UN member states)\n";
    }
  });

  // cities
  auto* cities = app.add_subcommand("cities", "List, search and add cities");
  struct CitiesOptions {
    std::string country, search;
    int limit = 50, offset = 0;
  };
  auto co = std::make_shared<CitiesOptions>();
  cities->add_option("--country", co->country, "ISO 3166-1 alpha-2 code");
  cities->add_option("--search", co->search, "Text to search in all names (fuzzy)");
  cities->add_option("--limit", co->limit, "At most this many")->check(CLI::Range(1, 100000));
  cities->add_option("--offset", co->offset, "Skip this many (listing only)")
      ->check(CLI::Range(0, 1 << 30));
  add_json_flag(cities, ctx);
  cities->callback([&ctx, cities, co] {
    if (!cities->get_subcommands().empty()) return;
    auto& store = ctx.store();
    std::string iso2 =
        co->country.empty() ? "" : registry::find_country(store, co->country, "--country").iso2;
    nlohmann::json out = nlohmann::json::array();
    if (!co->search.empty()) {
      out = registry::search_cities(store, co->search, iso2, co->limit);
    } else {
      store::CityListQuery q;
      q.country = iso2;
      q.limit = co->limit;
      q.offset = co->offset;
      out = registry::list_cities(store, q, "--country").cities;
    }
    if (ctx.json) return ctx.print_json(out);
    for (const auto& j : out) {
      std::cout << "#" << j["id"].get<std::int64_t>() << "\t" << j["name"].get<std::string>()
                << ", " << j["country"].get<std::string>();
      if (j.contains("matched_name") && j["matched_name"] != j["name"]) {
        std::cout << "\t(" << j["match_kind"].get<std::string>() << " name "
                  << j["matched_name"].get<std::string>() << ")";
      }
      std::cout << '\n';
    }
    if (out.empty()) std::cout << "no cities found\n";
  });

  auto add_opts = std::make_shared<CityOptions>();
  auto* add = cities->add_subcommand("add", "Add a city to the registry");
  add->add_option("NAME", add_opts->name, "Name (as the registry will show it)")->required();
  add->add_option("--country", add_opts->country, "ISO 3166-1 alpha-2 code")->required();
  add_city_detail_options(add, *add_opts);
  add_json_flag(add, ctx);
  add->callback([&ctx, add_opts] {
    auto& store = ctx.store();
    City c;
    c.name = add_opts->name;
    c.country = registry::find_country(store, add_opts->country, "--country").iso2;
    c.lat = add_opts->lat;
    c.lng = add_opts->lng;
    c.population = add_opts->population;
    c.head_name = add_opts->head_name;
    c.head_title = add_opts->head_title;
    c.postal_address = add_opts->address;
    c.phone = add_opts->phone;
    c.fax = add_opts->fax;
    c.email = add_opts->email;
    c.languages = add_opts->languages;
    c.wikidata_id = add_opts->wikidata;
    City created = registry::create_city(store, c);
    if (ctx.json) return ctx.print_json(created);
    std::cout << "added #" << created.id << " " << created.name << ", " << created.country << '\n';
  });

  auto set_opts = std::make_shared<CityOptions>();
  auto set_ref = std::make_shared<std::string>();
  auto* set = cities->add_subcommand("set", "Change a city's details");
  set->add_option("CITY", *set_ref, "City id or \"Name, CC\"")->required();
  set->add_option("--name", set_opts->name, "New official name");
  add_city_detail_options(set, *set_opts);
  add_json_flag(set, ctx);
  set->callback([&ctx, set_opts, set_ref] {
    auto& store = ctx.store();
    CityId id = registry::resolve_city(store, *set_ref, "CITY");
    CityDetails d;
    auto opt = [](const std::string& s) {
      return s.empty() ? std::nullopt : std::optional<std::string>(s);
    };
    d.name = opt(set_opts->name);
    d.lat = set_opts->lat;
    d.lng = set_opts->lng;
    d.population = set_opts->population;
    d.head_name = opt(set_opts->head_name);
    d.head_title = opt(set_opts->head_title);
    d.postal_address = opt(set_opts->address);
    d.phone = opt(set_opts->phone);
    d.fax = opt(set_opts->fax);
    d.email = opt(set_opts->email);
    d.wikidata_id = opt(set_opts->wikidata);
    if (!set_opts->languages.empty()) d.languages = set_opts->languages;
    City after = registry::update_city(store, id, d);
    if (ctx.json) return ctx.print_json(after);
    std::cout << "updated #" << id << '\n';
  });

  struct NameOptions {
    std::string city, text, lang, kind = "alternate", from, to;
  };
  auto no = std::make_shared<NameOptions>();
  auto* name = cities->add_subcommand("name", "Record another name of a city (e.g. a former one)");
  name->add_option("CITY", no->city, "City id or \"Name, CC\"")->required();
  name->add_option("NAME", no->text, "The name")->required();
  name->add_option("--lang", no->lang, "Language (BCP 47), e.g. ru");
  name->add_option("--kind", no->kind, "local, alternate or former");
  name->add_option("--from", no->from, "In use from (YYYY[-MM[-DD]])");
  name->add_option("--to", no->to, "In use until (YYYY[-MM[-DD]])");
  add_json_flag(name, ctx);
  name->callback([&ctx, no] {
    auto& store = ctx.store();
    CityId id = registry::resolve_city(store, no->city, "CITY");
    CityName n{no->text, no->lang, no->kind, parse_optional_date(no->from, "--from"),
               parse_optional_date(no->to, "--to")};
    City after = registry::add_city_name(store, id, n);
    if (ctx.json) return ctx.print_json(after);
    std::cout << "recorded " << no->kind << " name '" << no->text << "' of #" << id << '\n';
  });

  // city CITY
  auto city_ref = std::make_shared<std::string>();
  auto* city = app.add_subcommand("city", "Show a city with its twins and their history");
  city->add_option("CITY", *city_ref, "City id or \"Name, CC\"")->required();
  add_json_flag(city, ctx);
  city->callback([&ctx, city_ref] {
    auto& store = ctx.store();
    auto view = registry::city_view(store, registry::resolve_city(store, *city_ref, "CITY"));
    if (ctx.json) return ctx.print_json(view);
    print_city_view(view);
  });

  // link add | event
  auto* link = app.add_subcommand("link", "Add twin links and their history");
  link->require_subcommand(1);
  struct LinkOptions {
    std::string a, b, kind = "twin", since, until, status = "active", source, notes;
  };
  auto lo = std::make_shared<LinkOptions>();
  auto* ladd = link->add_subcommand("add", "Link two cities (one link per pair, either order)");
  ladd->add_option("CITY1", lo->a, "City id or \"Name, CC\"")->required();
  ladd->add_option("CITY2", lo->b, "City id or \"Name, CC\"")->required();
  ladd->add_option("--kind", lo->kind, "twin, sister, partner or friendship");
  ladd->add_option("--since", lo->since, "Start date YYYY[-MM[-DD]]");
  ladd->add_option("--until", lo->until, "End date YYYY[-MM[-DD]]");
  ladd->add_option("--status", lo->status, "active, suspended or ended");
  ladd->add_option("--source", lo->source, "URL or document the link is known from");
  ladd->add_option("--notes", lo->notes, "Notes");
  add_json_flag(ladd, ctx);
  ladd->callback([&ctx, lo] {
    Link l;
    l.kind = parse_link_kind(lo->kind, "--kind");
    l.since = parse_optional_date(lo->since, "--since");
    l.until = parse_optional_date(lo->until, "--until");
    l.status = parse_link_status(lo->status, "--status");
    l.source = lo->source;
    l.notes = lo->notes;
    auto& store = ctx.store();
    l.city_a = registry::resolve_city(store, lo->a, "CITY1");
    l.city_b = registry::resolve_city(store, lo->b, "CITY2");
    auto [view, created] = registry::add_link(store, l);
    if (ctx.json) {
      nlohmann::json j = view;
      j["created"] = created;
      return ctx.print_json(j);
    }
    std::cout << (created ? "linked" : "already linked") << " (link #" << view.link.id << ")\n";
  });

  struct EventOptions {
    std::string a, b, date, text, source;
  };
  auto eo = std::make_shared<EventOptions>();
  auto* lev = link->add_subcommand("event", "Add a dated event to the history of a link");
  lev->add_option("CITY1", eo->a, "City id or \"Name, CC\"")->required();
  lev->add_option("CITY2", eo->b, "City id or \"Name, CC\"")->required();
  lev->add_option("--date", eo->date, "YYYY[-MM[-DD]]")->required();
  lev->add_option("--text", eo->text, "What happened")->required();
  lev->add_option("--source", eo->source, "Where it is documented");
  add_json_flag(lev, ctx);
  lev->callback([&ctx, eo] {
    PartialDate date = parse_partial_date(eo->date, "--date");
    auto& store = ctx.store();
    CityId a = registry::resolve_city(store, eo->a, "CITY1");
    CityId b = registry::resolve_city(store, eo->b, "CITY2");
    auto [event, created] = registry::add_link_event(store, a, b, date, eo->text, eo->source);
    if (ctx.json) return ctx.print_json({{"event_id", event.id}, {"created", created}});
    std::cout << (created ? "recorded event #" : "already recorded as event #") << event.id << '\n';
  });

  // stats
  auto* stats = app.add_subcommand("stats", "Counts of the registry");
  add_json_flag(stats, ctx);
  stats->callback([&ctx] {
    auto s = registry::registry_stats(ctx.store());
    if (ctx.json) return ctx.print_json(s);
    std::cout << "cities: " << s.cities << "\nlinks: " << s.links
              << "\ncountries with cities: " << s.countries_with_cities
              << "\nUN member states with cities: " << s.un_members_with_cities << " of "
              << s.un_members << "\nlink history events: " << s.link_events
              << "\ncities without coordinates: " << s.cities_without_coordinates
              << "\ncountries with most cities:";
    for (auto& [cc, n] : s.top_countries) std::cout << " " << cc << " " << n;
    std::cout << '\n';
  });
}

}  // namespace twinning::cli
