// Builders of Wikidata entities in the structure of the real JSON dumps
// ("claims" -> property -> statements with "mainsnak"/"datavalue"/"value",
// "qualifiers" -> P580/P582 -> snaks), so tests make their own fixtures.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace twinning::testing::wikidata {

// A P580/P582 qualifier value: Wikidata time text and precision (9 year,
// 10 month, 11 day).
struct Time {
  std::string time;  // "+1944-06-10T00:00:00Z"
  int precision = 11;
};

struct TwinClaim {
  std::string partner;  // "Q365"
  std::optional<Time> since, until;
  std::string rank = "normal";
};

// A country item with P297 (ISO alpha-2) and an English label.
nlohmann::json country(const std::string& qid, const std::string& iso2, const std::string& label);

// A city item: labels and aliases as (lang, text), P17 country, optional
// P625 coordinates (lat, lng), P190 claims.
nlohmann::json city(const std::string& qid,
                    const std::vector<std::pair<std::string, std::string>>& labels,
                    const std::string& country_qid, std::optional<std::pair<double, double>> at,
                    const std::vector<TwinClaim>& twins,
                    const std::vector<std::pair<std::string, std::string>>& aliases = {});

// The dump layout: "[", one entity per line ending with ",", "]".
std::string dump(const std::vector<nlohmann::json>& entities);

// The small real-format fixture the tests share: countries Russia (Q159,
// RU), United Kingdom (Q145, GB), Germany (Q183, DE); Volgograd (Q914: P190
// Cologne since 1988, Coventry since 1944-06-10, Chemnitz; aliases
// Stalingrad, Tsaritsyn), Coventry (Q146690: P190 Volgograd since
// 1944-06-10, Dresden since 1959, Kiel 1947 to 1990-10), Cologne (Q365: P190
// Volgograd), Dresden (Q1731: P190 Coventry), Kiel (Q1707, German label
// only), Chemnitz (Q2795, no coordinates). 8 P190 statements: 5 links, 3 of
// them listed from both sides.
std::vector<nlohmann::json> sample_entities();

}  // namespace twinning::testing::wikidata
