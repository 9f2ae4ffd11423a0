// /api/reach, /api/chain, /api/network/*, /api/forecast, /api/plan: network
// analytics, the forecast and the plan (PRODUCT.md M9, M10), public reads
// with the same JSON as the CLI's --json (network/network_json.h). The use
// cases name their inputs as these routes' query parameters do ("runs",
// "seed", "to"), so their errors reach the caller as they are.
//
// They run on the twin graph of a TwinGraphCache shared by these routes,
// which rebuilds it only when the registry changed. The forecast, the plan
// and centrality are CPU-heavy: their sizes are capped (kMax* below), they
// use at most kMaxThreads threads, and only one of them runs at a time per
// kind of caller (another caller meanwhile gets 503 with Retry-After), so
// that they never occupy every worker thread and the cheap reads keep
// flowing. Their answers are cached (ResultCache) until the registry
// changes, or for a forecast or plan of a campaign's state, until that
// campaign moves (its revision is part of the key). Callers who are not
// signed in share a gate of their own, run on one thread, and draw on a per-address budget
// (AddressBudget: 429 with Retry-After when spent), so that no crowd of
// anonymous requests keeps an office's own forecast waiting.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <thread>

#include "campaign/campaign_forecast.h"
#include "model/error.h"
#include "network/network_json.h"
#include "network/twin_graph_cache.h"
#include "registry/registry.h"
#include "server/address_budget.h"
#include "server/api.h"
#include "server/busy_gate.h"
#include "server/city_input.h"
#include "server/request_input.h"
#include "server/result_cache.h"

namespace twinning::server {
namespace {

constexpr int kMaxForecastRuns = 100'000;
constexpr int kMaxPlanRuns = 3'000;
constexpr int kMaxBudget = 50;
constexpr int kMaxThreads = 2;
constexpr int kMaxTop = 100;
constexpr int kMaxHops = 1000;

// What one anonymous address may run: 4 costly computations at once, then
// one more every 15 s.
constexpr double kAnonymousBudget = 4;
constexpr auto kAnonymousRefill = std::chrono::seconds(15);

struct NetworkState {
  network::TwinGraphCache graphs;
  BusyGate heavy{"a forecast, plan or centrality"};
  BusyGate anonymous_heavy{"a forecast, plan or centrality for another visitor"};
  AddressBudget anonymous_budget{kAnonymousBudget, kAnonymousRefill};
  ResultCache results{64};
};

// Runs costly computation `compute` (returning a JSON-able value) on
// `threads` threads for the request under `what`, or answers it from the
// cache: answers depend only on the graph, the query, the threads (which
// the answer reports) and the revision of the campaign it starts from.
// Anonymous callers pay from their address's budget (only for what is
// computed) and share their own gate.
template <class Compute>
Response costly(RequestContext& ctx, NetworkState& state, const std::string& what, int threads,
                std::int64_t campaign_revision, Compute compute) {
  auto graph = state.graphs.get(ctx.store);
  std::string key = ctx.request.path + "?" + ctx.request.query_text +
                    "#threads=" + std::to_string(threads) +
                    "#campaign=" + std::to_string(campaign_revision);
  if (auto body = state.results.find(key, graph)) {
    Response r;
    r.status = 200;
    r.content_type = "application/json";
    r.body = std::move(*body);
    return r;
  }
  bool anonymous = !ctx.identity;
  if (anonymous) state.anonymous_budget.take(ctx.request.remote_ip, 1, what);
  auto slot = anonymous ? state.anonymous_heavy.enter() : state.heavy.enter();
  Response r = json_response(200, compute(*graph));
  state.results.put(key, graph, r.body);
  return r;
}

// Threads a computation may use: ?threads=, at most kMaxThreads, and one
// for callers who are not signed in.
int threads_param(const RequestContext& ctx, const QueryParams& q) {
  int fallback = static_cast<int>(
      std::clamp(std::thread::hardware_concurrency(), 1u, static_cast<unsigned>(kMaxThreads)));
  int threads = static_cast<int>(q.integer("threads", 1, kMaxThreads).value_or(fallback));
  return ctx.identity ? threads : 1;
}

std::optional<int> hops_param(const QueryParams& q) {
  auto h = q.integer("hops", 0, kMaxHops);
  return h ? std::optional<int>(static_cast<int>(*h)) : std::nullopt;
}

Response reach(RequestContext& ctx, NetworkState& state) {
  QueryParams q(ctx.request, {"from", "hops"}, {"from"});
  std::vector<CityId> from = city_params(ctx.store, q, "from");
  if (from.empty()) throw_invalid("name at least one city with from=ID", "from");
  auto hops = hops_param(q);
  auto graph = state.graphs.get(ctx.store);
  return json_response(200, network::reach(*graph, from, hops));
}

Response chain(RequestContext& ctx, NetworkState& state) {
  QueryParams q(ctx.request, {"from", "to", "country", "all"});
  auto from_ref = q.text("from");
  if (!from_ref) throw_invalid("from is required", "from");
  CityId from = city_params(ctx.store, q, "from").front();
  network::ChainTarget target;
  if (q.text("to")) target.city = city_params(ctx.store, q, "to").front();
  if (auto cc = q.text("country")) {
    target.country = registry::find_country(ctx.store, *cc, "country").iso2;
  }
  if (target.city.has_value() == !target.country.empty()) {
    throw_invalid("name the target with either to=ID or country=CC", "to");
  }
  bool all = q.boolean("all").value_or(false);
  auto graph = state.graphs.get(ctx.store);
  return json_response(200, network::chain(*graph, from, target, all));
}

Response bridges(RequestContext& ctx, NetworkState& state) {
  QueryParams q(ctx.request, {"from", "hops", "top"}, {"from"});
  std::vector<CityId> from = city_params(ctx.store, q, "from");
  auto hops = hops_param(q);
  int top = static_cast<int>(q.integer("top", 1, kMaxTop).value_or(10));
  auto graph = state.graphs.get(ctx.store);
  return json_response(200, network::bridges(*graph, from, hops, top));
}

Response centrality(RequestContext& ctx, NetworkState& state) {
  QueryParams q(ctx.request, {"top", "threads"});
  int top = static_cast<int>(q.integer("top", 1, kMaxTop).value_or(10));
  int threads = threads_param(ctx, q);
  return costly(ctx, state, "centrality", threads, 0, [&](const network::TwinGraph& graph) {
    return network::centrality(graph, top, threads);
  });
}

// The parameters the forecast and the plan share, read once into the
// model's part of their options `o` (seed, campaign, comply, endorse,
// prior_strength, runs, rng, threads). Returns the start, for the
// campaign's majority and revision.
campaign::ModelStart read_model_options(RequestContext& ctx, const QueryParams& q,
                                        int default_runs, int max_runs,
                                        network::ModelOptions& o) {
  o.params.comply = q.number("comply", 0, 1).value_or(o.params.comply);
  o.params.endorse = q.number("endorse", 0, 1).value_or(o.params.endorse);
  o.prior_strength = q.number("prior_strength", 0, network::kMaxPriorStrength)
                         .value_or(network::kDefaultPriorStrength);
  o.runs = static_cast<int>(q.integer("runs", 1, max_runs).value_or(default_runs));
  o.rng = static_cast<std::uint64_t>(q.integer("rng", 0, INT64_MAX).value_or(1));
  o.threads = threads_param(ctx, q);
  campaign::ModelStart start = campaign::model_start(
      ctx.store, city_params(ctx.store, q, "seed"), q.text("campaign").value_or(""), "seed",
      "campaign");
  o.seeds = std::move(start.seeds);
  o.state = std::move(start.state);
  o.evidence = std::move(start.evidence);
  return start;
}

Response forecast(RequestContext& ctx, NetworkState& state) {
  QueryParams q(ctx.request,
                {"seed", "campaign", "comply", "endorse", "prior_strength", "target", "runs", "rng",
                 "threads"},
                {"seed"});
  network::ForecastOptions o;
  const campaign::ModelStart start = read_model_options(ctx, q, 10'000, kMaxForecastRuns, o);
  o.target = static_cast<int>(q.integer("target", 0, network::kMaxTarget)
                                  .value_or(start.majority_needed.value_or(o.target)));
  return costly(ctx, state, "a forecast", o.threads, start.campaign_revision,
                [&](const network::TwinGraph& graph) { return network::forecast(graph, o); });
}

Response plan(RequestContext& ctx, NetworkState& state) {
  QueryParams q(ctx.request,
                {"seed", "campaign", "budget", "method", "comply", "endorse", "prior_strength",
                 "exclude", "check_runs", "target_probability", "members", "runs", "rng",
                 "threads"},
                {"seed", "exclude"});
  network::PlanOptions o;
  const campaign::ModelStart start = read_model_options(ctx, q, 1'000, kMaxPlanRuns, o);
  if (auto method = q.text("method")) o.method = network::parse_plan_method(*method, "method");
  o.exclude = city_params(ctx.store, q, "exclude");
  o.check_runs = static_cast<int>(q.integer("check_runs", 0, kMaxForecastRuns).value_or(0));
  o.budget = static_cast<int>(q.integer("budget", 1, kMaxBudget).value_or(10));
  o.target_probability = q.number("target_probability", 0, 1);
  if (auto members = q.integer("members", 0, network::kMaxTarget)) {
    o.members = static_cast<int>(*members);
  }
  if ((o.target_probability || o.check_runs > 0) && !o.members) o.members = start.majority_needed;
  return costly(ctx, state, "a plan", o.threads, start.campaign_revision,
                [&](const network::TwinGraph& graph) { return network::plan(graph, o); });
}

}  // namespace

void add_network_routes(RouteTable& routes) {
  auto state = std::make_shared<NetworkState>();
  auto bind = [state](Response (*handler)(RequestContext&, NetworkState&)) {
    return [state, handler](RequestContext& ctx) { return handler(ctx, *state); };
  };
  routes.add({Method::kGet, "/api/reach", Access::anyone(), bind(reach)});
  routes.add({Method::kGet, "/api/chain", Access::anyone(), bind(chain)});
  routes.add({Method::kGet, "/api/network/bridges", Access::anyone(), bind(bridges)});
  routes.add({Method::kGet, "/api/network/centrality", Access::anyone(), bind(centrality)});
  routes.add({Method::kGet, "/api/forecast", Access::anyone(), bind(forecast)});
  routes.add({Method::kGet, "/api/plan", Access::anyone(), bind(plan)});
}

}  // namespace twinning::server
