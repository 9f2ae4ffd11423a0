#include "network/network_json.h"

namespace twinning::network {

void to_json(nlohmann::json& j, const CityRef& c) {
  j = {{"id", c.id}, {"name", c.name}, {"country", c.country}};
}

void to_json(nlohmann::json& j, const CountryRef& c) {
  j = {{"iso2", c.iso2}, {"name", c.name}, {"un_member", c.un_member}};
}

void to_json(nlohmann::json& j, const ReachResult& r) {
  nlohmann::json hops = nlohmann::json::array();
  for (const auto& h : r.hops) {
    hops.push_back({{"hop", h.hop},
                    {"cities", h.cities},
                    {"new_countries", h.new_countries},
                    {"new_un_members", h.new_un_members}});
  }
  j = {{"hops", hops},
       {"cities_reached", r.cities_reached},
       {"countries_reached", r.countries_reached},
       {"un_members_reached", r.un_members_reached},
       {"un_members_total", r.un_members_total},
       {"un_members_beyond_hops", r.un_members_beyond_hops},
       {"unreachable_un_members", r.unreachable_un_members}};
}

void to_json(nlohmann::json& j, const ChainResult& r) {
  j = {{"links", r.links},
       {"chains", r.chains},
       {"shortest_chains", r.shortest_chains},
       {"truncated", r.truncated}};
}

void to_json(nlohmann::json& j, const BridgesResult& r) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& b : r.bridges) {
    list.push_back({{"city", b.city},
                    {"degree", b.degree},
                    {"opens", b.opens},
                    {"opens_count", b.opens.size()}});
  }
  j = {{"cities_reached", r.cities_reached},
       {"un_members_reached", r.un_members_reached},
       {"bridges", list}};
}

void to_json(nlohmann::json& j, const CentralityResult& r) {
  auto cities = [](const std::vector<CityCentrality>& v) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : v) {
      out.push_back({{"city", c.city},
                     {"degree", c.degree},
                     {"betweenness", c.betweenness},
                     {"component_size", c.component_size}});
    }
    return out;
  };
  nlohmann::json comps = nlohmann::json::array();
  for (const auto& c : r.largest_components) {
    comps.push_back({{"size", c.size},
                     {"countries", c.countries},
                     {"un_members", c.un_members},
                     {"hub", c.hub}});
  }
  nlohmann::json sizes = nlohmann::json::array();
  for (const auto& [size, count] : r.component_sizes) {
    sizes.push_back({{"size", size}, {"components", count}});
  }
  j = {{"cities", r.cities},
       {"links", r.links},
       {"top_degree", cities(r.top_degree)},
       {"top_betweenness", cities(r.top_betweenness)},
       {"component_count", r.component_count},
       {"largest_components", comps},
       {"component_sizes", sizes}};
}

void to_json(nlohmann::json& j, const ParameterEstimate& e) {
  j = {{"mean", e.mean},
       {"ci90", {{"low", e.ci90_low}, {"high", e.ci90_high}}},
       {"answers", e.answers},
       {"successes", e.successes},
       {"prior", {{"mean", e.prior_mean}, {"strength", e.prior_strength}}}};
}

void to_json(nlohmann::json& j, const CalibrationSummary& c) {
  j = {{"comply", c.comply}, {"endorse", c.endorse}};
}

void to_json(nlohmann::json& j, const ForecastResult& r) {
  nlohmann::json countries = nlohmann::json::object();
  for (const auto& c : r.countries) countries[c.country.iso2] = c.frequency;
  nlohmann::json members = nlohmann::json::object();
  for (const auto& c : r.members) members[c.country.iso2] = c.frequency;
  j = {{"mean", r.mean},
       {"se", r.se},
       {"ci95", {{"low", r.ci95_low}, {"high", r.ci95_high}}},
       {"at_least", {{"members", r.target}, {"probability", r.p_target}, {"se", r.p_target_se}}},
       {"calibration", r.calibration ? nlohmann::json(*r.calibration) : nlohmann::json()},
       {"runs", r.runs},
       {"mean_informed", r.mean_informed},
       {"mean_complying", r.mean_complying},
       {"countries", countries},
       {"member_probabilities", members},
       {"seconds", r.seconds},
       {"threads", r.threads},
       {"seeds", r.seeds}};
}

void to_json(nlohmann::json& j, const PlanResult& r) {
  nlohmann::json picks = nlohmann::json::array();
  for (const auto& p : r.picks) {
    nlohmann::json opens = nlohmann::json::array();
    for (const auto& o : p.opens) {
      opens.push_back(
          {{"country", o.country}, {"gain", o.gain}, {"before", o.before}, {"via", o.via}});
    }
    picks.push_back({{"city", p.city},
                     {"gain", p.gain},
                     {"cumulative", p.cumulative},
                     {"opens", opens},
                     {"un_member", p.un_member},
                     {"member_twin_countries", p.member_twin_countries}});
  }
  nlohmann::json guarantee;
  if (r.guarantee) {
    const PlanGuarantee& g = *r.guarantee;
    guarantee = {{"epsilon", g.epsilon},
                 {"failure_probability", g.failure_probability},
                 {"sets", g.sets},
                 {"sets_sampled", g.sets_sampled},
                 {"opt_lower_bound", g.opt_lower_bound},
                 {"lower_bound_assumed", g.lower_bound_assumed},
                 {"holds", g.holds}};
  }
  nlohmann::json target;
  if (r.target) {
    const PlanTarget& t = *r.target;
    target = {{"members", t.members},     {"probability", t.probability},
              {"reached", t.reached},     {"letters", t.letters},
              {"estimate", t.estimate},   {"se", t.se},
              {"runs", t.runs}};
  }
  j = {{"method", plan_method_name(r.method)},
       {"seeds", r.seeds},
       {"base", r.base},
       {"picks", picks},
       {"guarantee", guarantee},
       {"target", target},
       {"calibration", r.calibration ? nlohmann::json(*r.calibration) : nlohmann::json()},
       {"check",
        r.check
            ? nlohmann::json{{"runs", r.check->runs},
                             {"mean", r.check->mean},
                             {"se", r.check->se},
                             {"at_least",
                              {{"members", r.check->members},
                               {"probability", r.check->probability},
                               {"se", r.check->probability_se}}}}
            : nlohmann::json()},
       {"exhausted", r.exhausted},
       {"runs", r.runs},
       {"candidates", r.candidates},
       {"evaluations", r.evaluations},
       {"threads", r.threads},
       {"seconds", r.seconds}};
}

void to_json(nlohmann::json& j, const CalibrationStudyResult& r) {
  nlohmann::json waves = nlohmann::json::array();
  for (const auto& w : r.waves) {
    waves.push_back({{"wave", w.wave},
                     {"final", w.is_final},
                     {"city_answers", w.city_answers},
                     {"ministry_answers", w.ministry_answers},
                     {"comply_covered", w.comply_covered},
                     {"endorse_covered", w.endorse_covered},
                     {"comply_width", w.comply_width},
                     {"endorse_width", w.endorse_width},
                     {"mean_absolute_error", w.mean_absolute_error},
                     {"mean_error", w.mean_error}});
  }
  j = {{"campaigns", r.campaigns},
       {"mean_final_tally", r.mean_final_tally},
       {"waves", waves},
       {"seconds", r.seconds}};
}

nlohmann::json graph_json(const TwinGraph& graph) {
  nlohmann::json cities = nlohmann::json::array();
  for (Node v = 0; v < graph.node_count(); ++v) cities.push_back(graph.city(v));
  nlohmann::json countries = nlohmann::json::array();
  for (CountryIndex c = 0; c < graph.country_count(); ++c) countries.push_back(graph.country(c));
  nlohmann::json links = nlohmann::json::array();
  for (Node u = 0; u < graph.node_count(); ++u) {
    for (Node v : graph.neighbours(u)) {
      if (u < v) links.push_back({graph.city_id(u), graph.city_id(v)});
    }
  }
  return {{"cities", cities}, {"countries", countries}, {"links", links}};
}

}  // namespace twinning::network
