#include "ingest/wikidata_json.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ingest/country_resolver.h"
#include "ingest/files.h"
#include "ingest/import_session.h"
#include "model/error.h"
#include "model/text.h"
#include "store/country_store.h"

namespace twinning::ingest {
namespace {

using nlohmann::json;

[[noreturn]] void fail_at(int line, const std::string& why) {
  throw_invalid("line " + std::to_string(line) + ": " + why, "line " + std::to_string(line));
}

// ---- the parts of an entity the importer uses ----

struct Twin {
  std::string partner;  // item id, "" when `problem` says why there is none
  std::optional<PartialDate> since, until;
  std::string problem;  // reason to reject the statement, or ""
};

struct Item {
  int line = 0;
  std::string id;
  std::string iso2;                                        // P297: the entity is a country
  std::vector<std::string> country_ids;                    // P17 targets, best first
  std::optional<double> lat, lng;                          // P625 on Earth
  std::string name;                                        // the official name
  std::vector<std::pair<std::string, std::string>> names;  // (lang, name) of labels and aliases
  std::vector<Twin> twins;                                 // P190
  std::string problem;  // reason to reject the whole entity, or ""
};

// The value of a snak that has one ("snaktype": "value"), else nullptr.
const json* snak_value(const json& snak) {
  if (!snak.is_object()) return nullptr;
  if (auto t = snak.find("snaktype"); t != snak.end() && *t != "value") return nullptr;
  auto dv = snak.find("datavalue");
  if (dv == snak.end() || !dv->is_object()) return nullptr;
  auto v = dv->find("value");
  return v == dv->end() ? nullptr : &*v;
}

// The value of a statement's main snak, or nullptr.
const json* mainsnak_value(const json& statement) {
  if (!statement.is_object()) return nullptr;
  auto m = statement.find("mainsnak");
  return m == statement.end() ? nullptr : snak_value(*m);
}

// "Q159" from an entity-id value ({"id": "Q159"} or the older {"numeric-id": 159}).
std::optional<std::string> entity_id(const json* value) {
  if (!value || !value->is_object()) return std::nullopt;
  if (auto id = value->find("id"); id != value->end() && id->is_string()) {
    return id->get<std::string>();
  }
  if (auto n = value->find("numeric-id"); n != value->end() && n->is_number_integer()) {
    return "Q" + std::to_string(n->get<long long>());
  }
  return std::nullopt;
}

// The statements of `property`, or an empty array.
const json& statements(const json& entity, const char* property) {
  static const json kNone = json::array();
  auto claims = entity.find("claims");
  if (claims == entity.end() || !claims->is_object()) return kNone;
  auto s = claims->find(property);
  return s != claims->end() && s->is_array() ? *s : kNone;
}

std::string rank(const json& statement) { return statement.value("rank", std::string("normal")); }

// The value of the first snak of qualifier `property`, or nullptr.
const json* qualifier(const json& statement, const char* property) {
  auto q = statement.find("qualifiers");
  if (q == statement.end() || !q->is_object()) return nullptr;
  auto snaks = q->find(property);
  if (snaks == q->end() || !snaks->is_array() || snaks->empty()) return nullptr;
  return snak_value((*snaks)[0]);
}

std::optional<PartialDate> qualifier_date(const json& statement, const char* property,
                                          const char* what) {
  const json* v = qualifier(statement, property);
  if (!v) return std::nullopt;
  if (!v->is_object() || !v->contains("time") || !(*v)["time"].is_string()) {
    throw_invalid(std::string("malformed ") + what + " time", what);
  }
  return parse_wikidata_time((*v)["time"].get<std::string>(), v->value("precision", 11), what);
}

void read_names(const json& entity, Item& item) {
  auto add = [&](const json& label) {
    if (!label.is_object()) return;
    std::string value(trim(label.value("value", std::string())));
    if (!value.empty()) item.names.emplace_back(label.value("language", std::string()), value);
  };
  if (auto labels = entity.find("labels"); labels != entity.end() && labels->is_object()) {
    for (const auto& [lang, label] : labels->items()) add(label);
    // labels is an ordered map: the first entry is the first language code.
    for (const char* preferred : {"en", "mul"}) {
      if (auto l = labels->find(preferred); l != labels->end() && l->is_object()) {
        item.name = std::string(trim(l->value("value", std::string())));
        if (!item.name.empty()) break;
      }
    }
    if (item.name.empty() && !item.names.empty()) item.name = item.names.front().second;
  }
  if (auto aliases = entity.find("aliases"); aliases != entity.end() && aliases->is_object()) {
    for (const auto& [lang, list] : aliases->items()) {
      if (!list.is_array()) continue;
      for (const auto& alias : list) add(alias);
    }
  }
}

void read_country(const json& entity, Item& item) {
  for (const auto& s : statements(entity, "P297")) {
    const json* v = mainsnak_value(s);
    if (rank(s) != "deprecated" && v && v->is_string()) {
      item.iso2 = v->get<std::string>();
      for (char& c : item.iso2) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return;
    }
  }
  std::vector<std::string> preferred, normal;
  for (const auto& s : statements(entity, "P17")) {
    if (rank(s) == "deprecated" || qualifier(s, "P582")) continue;  // wrong, or ended
    auto id = entity_id(mainsnak_value(s));
    if (id) (rank(s) == "preferred" ? preferred : normal).push_back(*id);
  }
  item.country_ids = preferred;
  item.country_ids.insert(item.country_ids.end(), normal.begin(), normal.end());
}

void read_coordinates(const json& entity, Item& item) {
  for (const auto& s : statements(entity, "P625")) {
    const json* v = mainsnak_value(s);
    if (rank(s) == "deprecated" || !v || !v->is_object()) continue;
    std::string globe = v->value("globe", std::string("http://www.wikidata.org/entity/Q2"));
    if (!globe.ends_with("/Q2")) continue;  // the Moon, Mars...
    auto lat = v->find("latitude"), lng = v->find("longitude");
    if (lat == v->end() || lng == v->end() || !lat->is_number() || !lng->is_number()) continue;
    double la = lat->get<double>(), lo = lng->get<double>();
    if (!std::isfinite(la) || !std::isfinite(lo) || std::fabs(la) > 90 || std::fabs(lo) > 180) {
      item.problem =
          "coordinates " + std::to_string(la) + ", " + std::to_string(lo) + " are out of range";
      return;
    }
    item.lat = la;
    item.lng = lo;
    return;
  }
}

void read_twins(const json& entity, Item& item) {
  for (const auto& s : statements(entity, "P190")) {
    Twin t;
    if (rank(s) == "deprecated") {
      t.problem = "deprecated P190 statement";
    } else if (auto id = entity_id(mainsnak_value(s))) {
      t.partner = *id;
      try {
        t.since = qualifier_date(s, "P580", "P580 start");
        t.until = qualifier_date(s, "P582", "P582 end");
        if (t.since && t.until && *t.until < *t.since) {
          t.problem = "link to " + t.partner + " ends (" + t.until->to_string() +
                      ") before it starts (" + t.since->to_string() + ")";
        }
      } catch (const Error& e) {
        t.problem = "link to " + t.partner + ": " + e.what();
      }
    } else {
      t.problem = "P190 statement without an item value";
    }
    item.twins.push_back(std::move(t));
  }
}

Item read_item(const json& entity, int line) {
  Item item;
  item.line = line;
  try {
    if (!entity.is_object()) {
      item.problem = "entity is not a JSON object";
      return item;
    }
    item.id = entity.value("id", std::string());
    if (item.id.empty()) {
      item.problem = "entity has no \"id\"";
      return item;
    }
    if (entity.value("type", std::string("item")) != "item" || item.id[0] != 'Q') {
      item.problem = "not an item (" + entity.value("type", std::string("?")) + ")";
      return item;
    }
    read_country(entity, item);
    read_names(entity, item);
    read_coordinates(entity, item);
    read_twins(entity, item);
  } catch (const json::exception& e) {
    item.problem = std::string("unexpected entity structure: ") + e.what();
  }
  return item;
}

// nlohmann's message without its "[json.exception...] parse error at line
// 1, column 5: " prefix, whose position is relative to the entity.
std::string parse_reason(const json::parse_error& e) {
  std::string what = e.what();
  auto column = what.find("column ");
  auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// Parses every entity; malformed JSON fails the whole import.
std::vector<Item> read_items(std::string_view text) {
  std::vector<Item> items;
  for (const EntityText& e : split_entities(text)) {
    json entity;
    try {
      entity = json::parse(e.json);
    } catch (const json::parse_error& err) {
      std::size_t upto = std::min<std::size_t>(err.byte == 0 ? 0 : err.byte - 1, e.json.size());
      int line = e.line + static_cast<int>(std::count(e.json.begin(), e.json.begin() + upto, '\n'));
      fail_at(line, "malformed JSON: " + parse_reason(err));
    }
    items.push_back(read_item(entity, e.line));
  }
  return items;
}

}  // namespace

std::vector<EntityText> split_entities(std::string_view text) {
  std::vector<EntityText> out;
  std::size_t i = 0, n = text.size();
  int line = 1;
  if (text.starts_with("\xEF\xBB\xBF")) i = 3;  // BOM
  auto skip_space = [&] {
    for (; i < n; ++i) {
      char c = text[i];
      if (c == '\n') {
        ++line;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        break;
      }
    }
  };
  skip_space();
  bool wrapped = i < n && text[i] == '[';
  if (wrapped) ++i;
  while (true) {
    skip_space();
    if (i == n) break;
    char c = text[i];
    if (wrapped && c == ']') {
      ++i;
      skip_space();
      if (i < n) fail_at(line, "text after the closing ']'");
      break;
    }
    if (c != '{') {
      fail_at(line,
              std::string("malformed JSON: expected '{' starting an entity, found '") + c + "'");
    }
    std::size_t start = i;
    int start_line = line;
    int depth = 0;
    bool in_string = false;
    for (; i < n; ++i) {
      char ch = text[i];
      if (ch == '\n') ++line;
      if (in_string) {
        if (ch == '\\' && i + 1 < n) {
          if (text[++i] == '\n') ++line;
        } else if (ch == '"') {
          in_string = false;
        }
      } else if (ch == '"') {
        in_string = true;
      } else if (ch == '{' || ch == '[') {
        ++depth;
      } else if ((ch == '}' || ch == ']') && --depth == 0) {
        ++i;
        break;
      }
    }
    if (depth != 0 || in_string) {
      fail_at(start_line, "malformed JSON: the entity starting here is not closed");
    }
    out.push_back(EntityText{start_line, text.substr(start, i - start)});
    skip_space();
    if (i < n && text[i] == ',') ++i;  // dump lines end with ','
  }
  return out;
}

std::optional<PartialDate> parse_wikidata_time(std::string_view time, int precision,
                                               std::string_view field) {
  if (precision < 9) return std::nullopt;  // decade, century, millennium...
  auto bad = [&](const std::string& why) -> PartialDate {
    throw_invalid(std::string(field) + " '" + std::string(time) + "': " + why, std::string(field));
  };
  std::string_view t = time;
  if (t.empty() || (t[0] != '+' && t[0] != '-')) bad("expected +YYYY-MM-DDT00:00:00Z");
  if (t[0] == '-') bad("dates before year 1 are not supported");
  t.remove_prefix(1);
  std::size_t dash = t.find('-');
  if (dash == std::string_view::npos || dash == 0) bad("expected +YYYY-MM-DDT00:00:00Z");
  std::string_view year = t.substr(0, dash);
  while (year.size() > 4 && year[0] == '0') year.remove_prefix(1);  // "+00000001944"
  if (year.size() > 4) bad("year beyond 9999");
  std::string_view rest = t.substr(dash + 1);
  if (rest.size() < 5 || rest[2] != '-') bad("expected +YYYY-MM-DDT00:00:00Z");
  std::string y = std::string(4 - std::min<std::size_t>(4, year.size()), '0') + std::string(year);
  std::string text = y;
  if (precision >= 10) text += "-" + std::string(rest.substr(0, 2));
  if (precision >= 11) text += "-" + std::string(rest.substr(3, 2));
  try {
    return parse_partial_date(text, field);
  } catch (const Error&) {
    return bad("not a valid date at precision " + std::to_string(precision));
  }
}

ImportReport import_wikidata(store::Store& store, std::string_view text,
                             const std::string& source_name) {
  auto started = std::chrono::steady_clock::now();
  ImportReport report;
  report.file = source_name;
  report.format = "wikidata";
  if (trim(text).empty()) fail_at(1, "empty file: expected Wikidata entity JSON");
  std::vector<Item> items = read_items(text);
  report.entities_read = static_cast<int>(items.size());

  // Countries of the file: item id -> ISO code known to the registry.
  CountryResolver resolver(store::CountryStore(store).all());
  std::unordered_map<std::string, std::string> country_of;  // country item -> ISO2 or ""
  for (const Item& item : items) {
    if (item.problem.empty() && !item.iso2.empty()) {
      country_of[item.id] = resolver.known(item.iso2) ? item.iso2 : "";
    }
  }
  // Why a city item cannot be imported ("" when it can), setting its country.
  std::unordered_map<std::string, std::string> rejected_item;  // id -> reason
  auto check = [&](const Item& item, std::string& iso2) -> std::string {
    if (!item.problem.empty()) return item.problem;
    if (item.country_ids.empty()) return "no country (P17) to file the city under";
    for (const auto& id : item.country_ids) {
      auto it = country_of.find(id);
      if (it != country_of.end() && !it->second.empty()) {
        iso2 = it->second;
        break;
      }
    }
    if (iso2.empty()) {
      std::string ids = join_list(item.country_ids, ", ");
      return "country " + ids + " is not a country item with a known ISO code (P297) in this file";
    }
    if (item.name.empty()) return "no label to name the city by";
    return "";
  };

  store.db().write_transaction([&] {
    ImportSession session(store, report);
    std::unordered_map<std::string, CityId> city_of;  // item id -> city, this import
    std::vector<std::pair<const Item*, CityId>> cities;
    for (const Item& item : items) {
      if (item.problem.empty() && !item.iso2.empty()) continue;  // a country
      std::string iso2;
      std::string why = check(item, iso2);
      if (!why.empty()) {
        int rows = static_cast<int>(item.twins.size());
        report.rows_read += rows;
        rejected_item[item.id] = why;
        session.reject(item.line, why, item.id.empty() ? "?" : item.id, rows);
        continue;
      }
      CityId id = session.item_city(item.id, item.name, iso2, item.lat, item.lng);
      for (const auto& [lang, name] : item.names) {
        session.add_name(id, CityName{name, lang, "alternate", {}, {}});
      }
      city_of[item.id] = id;
      cities.emplace_back(&item, id);
    }
    PartialDate today = today_utc();
    for (const auto& [item, id] : cities) {
      for (const Twin& t : item->twins) {
        ++report.rows_read;
        std::string why = t.problem;
        CityId partner = 0;
        if (why.empty()) {
          if (auto it = city_of.find(t.partner); it != city_of.end()) {
            partner = it->second;
          } else if (auto known = session.find_item(t.partner)) {
            partner = *known;
          } else if (auto r = rejected_item.find(t.partner); r != rejected_item.end()) {
            why = "partner " + t.partner + " is rejected: " + r->second;
          } else {
            why =
                "unknown partner " + t.partner + " (not a city item of this file or the registry)";
          }
        }
        if (why.empty() && partner == id) why = "self-link: " + t.partner + " twinned with itself";
        if (!why.empty()) {
          session.reject(item->line, why, item->id);
          continue;
        }
        Link attributes;
        attributes.since = t.since;
        attributes.until = t.until;
        if (t.until && *t.until <= today) attributes.status = LinkStatus::kEnded;
        attributes.source = "https://www.wikidata.org/wiki/" + item->id;
        session.link(id, partner, id, source_name, attributes);
      }
    }
    session.finish();
  });
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

ImportReport import_wikidata_file(store::Store& store, const std::string& path) {
  std::string text = read_file(path);
  return import_wikidata(store, text, base_name(path));
}

}  // namespace twinning::ingest
