#include "support/wikidata_fixture.h"

namespace twinning::testing::wikidata {
namespace {

using nlohmann::json;

json item_value(const std::string& qid) {
  return {{"entity-type", "item"}, {"numeric-id", std::stoll(qid.substr(1))}, {"id", qid}};
}

json snak(const std::string& property, const json& value, const std::string& type,
          const std::string& datatype) {
  return {{"snaktype", "value"},
          {"property", property},
          {"hash", "0123456789abcdef0123456789abcdef01234567"},
          {"datavalue", {{"value", value}, {"type", type}}},
          {"datatype", datatype}};
}

json statement(const std::string& subject, const json& mainsnak, const std::string& rank = "normal",
               const json& qualifiers = json()) {
  json s = {{"mainsnak", mainsnak},
            {"type", "statement"},
            {"id", subject + "$5E5A1F4C-0000-4000-8000-000000000000"},
            {"rank", rank}};
  if (!qualifiers.is_null()) {
    s["qualifiers"] = qualifiers;
    json order = json::array();
    for (const auto& [p, snaks] : qualifiers.items()) order.push_back(p);
    s["qualifiers-order"] = order;
  }
  return s;
}

json time_snak(const std::string& property, const Time& t) {
  return snak(property,
              {{"time", t.time},
               {"timezone", 0},
               {"before", 0},
               {"after", 0},
               {"precision", t.precision},
               {"calendarmodel", "http://www.wikidata.org/entity/Q1985727"}},
              "time", "time");
}

json labels_object(const std::vector<std::pair<std::string, std::string>>& labels) {
  json out = json::object();
  for (const auto& [lang, text] : labels) out[lang] = {{"language", lang}, {"value", text}};
  return out;
}

json entity(const std::string& qid, const json& labels, const json& claims) {
  return {{"type", "item"},
          {"id", qid},
          {"labels", labels},
          {"descriptions", json::object()},
          {"aliases", json::object()},
          {"claims", claims},
          {"sitelinks", json::object()},
          {"lastrevid", 2000000000}};
}

}  // namespace

json country(const std::string& qid, const std::string& iso2, const std::string& label) {
  json claims = {
      {"P297", json::array({statement(qid, snak("P297", iso2, "string", "external-id"))})}};
  return entity(qid, labels_object({{"en", label}}), claims);
}

json city(const std::string& qid, const std::vector<std::pair<std::string, std::string>>& labels,
          const std::string& country_qid, std::optional<std::pair<double, double>> at,
          const std::vector<TwinClaim>& twins,
          const std::vector<std::pair<std::string, std::string>>& aliases) {
  json claims = json::object();
  claims["P17"] = json::array(
      {statement(qid, snak("P17", item_value(country_qid), "wikibase-entityid", "wikibase-item"))});
  if (at) {
    claims["P625"] =
        json::array({statement(qid, snak("P625",
                                         {{"latitude", at->first},
                                          {"longitude", at->second},
                                          {"altitude", nullptr},
                                          {"precision", 0.00027777777777778},
                                          {"globe", "http://www.wikidata.org/entity/Q2"}},
                                         "globecoordinate", "globe-coordinate"))});
  }
  if (!twins.empty()) {
    json p190 = json::array();
    for (const auto& t : twins) {
      json qualifiers = json::object();
      if (t.since) qualifiers["P580"] = json::array({time_snak("P580", *t.since)});
      if (t.until) qualifiers["P582"] = json::array({time_snak("P582", *t.until)});
      p190.push_back(
          statement(qid, snak("P190", item_value(t.partner), "wikibase-entityid", "wikibase-item"),
                    t.rank, qualifiers.empty() ? json() : qualifiers));
    }
    claims["P190"] = p190;
  }
  json e = entity(qid, labels_object(labels), claims);
  for (const auto& [lang, text] : aliases) {
    e["aliases"][lang].push_back({{"language", lang}, {"value", text}});
  }
  return e;
}

std::string dump(const std::vector<json>& entities) {
  std::string out = "[\n";
  for (std::size_t i = 0; i < entities.size(); ++i) {
    out += entities[i].dump();
    out += i + 1 < entities.size() ? ",\n" : "\n";
  }
  return out + "]\n";
}

std::vector<json> sample_entities() {
  return {
      country("Q159", "RU", "Russia"),
      country("Q145", "GB", "United Kingdom"),
      country("Q183", "DE", "Germany"),
      city("Q914", {{"de", "Wolgograd"}, {"en", "Volgograd"}, {"ru", "Волгоград"}}, "Q159",
           std::pair{48.708055555556, 44.513333333333},
           {{"Q365", Time{"+1988-00-00T00:00:00Z", 9}, {}},
            {"Q146690", Time{"+1944-06-10T00:00:00Z", 11}, {}},
            {"Q2795", {}, {}}},
           {{"en", "Stalingrad"}, {"en", "Tsaritsyn"}}),
      city("Q146690", {{"en", "Coventry"}, {"ru", "Ковентри"}}, "Q145", std::pair{52.408, -1.51},
           {{"Q914", Time{"+1944-06-10T00:00:00Z", 11}, {}},
            {"Q1731", Time{"+1959-00-00T00:00:00Z", 9}, {}},
            {"Q1707", Time{"+1947-00-00T00:00:00Z", 9}, Time{"+1990-10-00T00:00:00Z", 10}}}),
      city("Q365", {{"de", "Köln"}, {"en", "Cologne"}}, "Q183", std::pair{50.9375, 6.9603},
           {{"Q914", {}, {}}}),
      city("Q1731", {{"de", "Dresden"}, {"en", "Dresden"}}, "Q183", std::pair{51.05, 13.74},
           {{"Q146690", {}, {}}}),
      city("Q1707", {{"de", "Kiel"}}, "Q183", std::pair{54.3233, 10.1394}, {}),
      city("Q2795", {{"de", "Chemnitz"}, {"en", "Chemnitz"}}, "Q183", std::nullopt, {}),
  };
}

}  // namespace twinning::testing::wikidata
