// JSON forms of the network use cases' results (nlohmann::json, found by
// ADL), shared by the CLI's --json output and the HTTP API so that both
// speak the same field names. Cities are {"id", "name", "country"},
// countries {"iso2", "name", "un_member"}.
#pragma once

#include <nlohmann/json.hpp>

#include "network/calibration_study.h"
#include "network/centrality.h"
#include "network/forecast.h"
#include "network/plan.h"
#include "network/reach.h"
#include "network/twin_graph.h"

namespace twinning::network {

void to_json(nlohmann::json& j, const CityRef& c);
void to_json(nlohmann::json& j, const CountryRef& c);
void to_json(nlohmann::json& j, const ReachResult& r);
void to_json(nlohmann::json& j, const ChainResult& r);
void to_json(nlohmann::json& j, const BridgesResult& r);
void to_json(nlohmann::json& j, const CentralityResult& r);
// {"mean", "ci90": {"low", "high"}, "answers", "successes",
//  "prior": {"mean", "strength"}}
void to_json(nlohmann::json& j, const ParameterEstimate& e);
// {"comply": estimate, "endorse": estimate}
void to_json(nlohmann::json& j, const CalibrationSummary& c);
// {"mean", "se", "ci95": {"low", "high"}, "at_least": {"members",
//  "probability", "se"}, "calibration": {"comply", "endorse"} or null,
//  "runs", "mean_informed", "mean_complying", "countries": {ISO2:
//  frequency}, "member_probabilities": {ISO2: probability}, "seconds",
//  "threads", "seeds"}; countries lists those that endorsed in at least one
//  run, member_probabilities every UN member state.
void to_json(nlohmann::json& j, const ForecastResult& r);
// {"method": "rr" | "greedy", "seeds", "base", "picks": [{"city", "gain",
//  "cumulative", "opens": [{"country", "gain", "before", "via"}],
//  "un_member", "member_twin_countries"}], "guarantee": {"epsilon",
//  "failure_probability", "sets", "sets_sampled", "opt_lower_bound",
//  "lower_bound_assumed", "holds"} or null (greedy), "target": {"members",
//  "probability", "reached", "letters", "estimate", "se", "runs"} or null,
//  "calibration", "check": {"runs", "mean", "se", "at_least": {"members",
//  "probability", "se"}} or null, "exhausted",
//  "runs", "candidates", "evaluations", "threads", "seconds"}
void to_json(nlohmann::json& j, const PlanResult& r);

// {"campaigns", "mean_final_tally", "waves": [{"wave", "final",
//  "city_answers", "ministry_answers", "comply_covered", "endorse_covered",
//  "comply_width", "endorse_width", "mean_absolute_error", "mean_error"}],
//  "seconds"}
void to_json(nlohmann::json& j, const CalibrationStudyResult& r);

// The graph itself, for exports and reference implementations:
// {"cities": [city...], "countries": [country...], "links": [[id, id]...]}.
nlohmann::json graph_json(const TwinGraph& graph);

}  // namespace twinning::network
