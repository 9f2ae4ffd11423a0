// The plan by reverse-reachable (RR) sampling, with the approximation
// guarantee of IMM (Tang, Shi, Xiao, "Influence Maximization in
// Near-Linear Time: A Martingale Approach", SIGMOD 2015), adapted to the
// compliance cascade of cascade_model.h. plan() runs it for
// PlanMethod::kRr.
//
// The objective. g(S) = expected endorsing UN member states with the seeds
// and the letters S, minus the same with the seeds alone: the gain of the
// letters. Only open UN member states (not endorsed or declined already)
// with a city that may ask its ministry can add to it; call them the
// roots, m of them.
//
// A world. The model's random choices, all independent: every city's
// compliance coin (p: it complies if informed), every city's ask coin (q:
// its ask to its ministry succeeds if it complies). With a calibration p
// and q are first drawn from their posterior, once per world. In a world
// the complying cities are the seeds, the letters, and every city with a
// compliance coin up reachable from them through cities whose coins are up
// (a declined city's coin is down, and a city of `asked_in_vain` asks no
// more). So the cities one letter makes comply do not depend on the other
// letters, and the complying cities of a set of letters are the union of
// those of each letter: in a world, a country endorses with S when one
// letter of S (or a seed) reaches, alone, a complying city of that country
// whose ask coin is up. This is the forecast's model exactly (forecast.h
// draws each city's coins once per run, whatever the order letters arrive
// in).
//
// An RR set. A root country c drawn uniformly from the m roots and a world
// W: the set R of cities whose letter alone makes c endorse in W. It is
// found backwards, drawing only the coins it looks at: c's cities whose ask
// coin is up, then, from each city in R whose compliance coin is up, its
// twins (except declined cities). Then g(S) = m Pr[S meets R and the seeds
// do not]: when a seed is met, c endorses without letters, the set is
// recorded as covered by the seeds (it counts towards the base, never
// towards a letter's gain) and the search stops there. So g is a coverage
// function, monotone and submodular, and IMM applies to it unchanged.
//
// The guarantee. With theta RR sets chosen by IMM's rule below, greedy
// maximum coverage over them returns S with g(S) >= (1 - 1/e - epsilon)
// OPT, OPT the best gain of `budget` letters, with probability at least
// 1 - 1/n, n the number of cities, under these assumptions:
// - the model is the one above (independent coins; p and q fixed, or drawn
//   once per world from the calibration's posterior);
// - OPT >= 1 when the lower-bound search finds no bound above 1 (IMM's
//   assumption OPT >= k does not hold here, as a letter can add less than
//   one member state; RrPlan::lower_bound_assumed says when it rested on
//   it);
// - the sets of the final selection are sampled afresh, independent of
//   those that estimated the lower bound (Chen's correction of IMM's
//   martingale argument, arXiv:1808.09363), as done here;
// - no more than kMaxRrSets sets are needed (RrPlan::guaranteed is false
//   when the rule asked for more and the cap was used).
// IMM's rule with roots m, candidates N, budget k, epsilon, l = 1 and
// l' = l (1 + ln 2 / ln n): lambda* = 2m ((1 - 1/e) alpha + beta)^2 /
// epsilon^2, alpha = sqrt(l' ln n + ln 2), beta = sqrt((1 - 1/e)
// (ln C(N, k) + l' ln n + ln 2)), theta = lambda* / LB; LB from the
// search over x = m/2, m/4, ... with lambda' = (2 + 2/3 eps') (ln C(N, k) +
// l' ln n + ln log2 m) m / eps'^2, eps' = sqrt(2) epsilon (rr_sample_sizes).
//
// Deterministic under a seed: set i of the lower-bound search draws from
// random stream (rng, i), set i of the final selection from stream
// (~rng, i), whatever the number of threads. Thread-safe for concurrent
// calls.
#pragma once

#include <cstdint>
#include <vector>

#include "network/calibration.h"
#include "network/cascade_model.h"
#include "network/pick_explanation.h"
#include "network/twin_graph.h"

namespace twinning::network {

inline constexpr double kRrEpsilon = 0.1;
// At most this many RR sets are sampled for one selection.
inline constexpr std::int64_t kMaxRrSets = 20'000'000;

// The quantities of IMM's sample-size rule (see the header comment).
struct RrSampleSizes {
  double ell = 0;           // l' = l (1 + ln 2 / ln n)
  double log_choices = 0;   // ln C(N, k)
  double lambda_prime = 0;  // sets for the search: lambda' / x at level x
  double lambda_star = 0;   // sets for the selection: lambda* / LB
};

// IMM's sample sizes for `roots` root countries (m), `candidates` cities
// that may be picked (N), `budget` letters (k, at most N), `cities` cities
// in all (n, the failure probability 1/n^l), `epsilon` and `ell` (l).
RrSampleSizes rr_sample_sizes(int roots, int candidates, int budget, int cities, double epsilon,
                              double ell = 1);

struct RrOptions {
  int budget = 10;
  double epsilon = kRrEpsilon;
  std::uint64_t rng = 1;
  int threads = 1;
  std::int64_t max_sets = kMaxRrSets;
};

struct RrPlan {
  double base = 0;  // expected endorsing UN member states from the seeds alone
  // In the order chosen, each gain m x (sets it newly covers) / theta;
  // stops early when no set is left to cover.
  std::vector<PickEstimate> picks;
  int roots = 0;              // m
  std::int64_t sets = 0;      // theta: RR sets of the final selection
  std::int64_t sets_sampled = 0;  // all RR sets, those of the lower-bound search included
  std::int64_t set_entries = 0;   // cities in the final sets, summed
  double opt_lower_bound = 0;     // LB
  bool lower_bound_assumed = false;  // no bound above 1 found: rests on OPT >= 1
  bool guaranteed = true;            // false: the rule wanted more than max_sets sets
};

// The RR plan of up to options.budget letters from the prepared cascade.
// `calibration` null: every world has the setup's p and q. Preconditions
// (plan() checks them): budget >= 1, threads in 1..64. Cost: about theta
// sets, each as large as the cities it visits before it meets a seed, plus
// O(budget x N) for the selection.
RrPlan rr_plan(const TwinGraph& graph, const CascadeSetup& setup, const Calibration* calibration,
               const RrOptions& options);

}  // namespace twinning::network
