#include "network/rr_planner.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>

#include "network/forecast.h"
#include "network/plan.h"
#include "support/network_graphs.h"

namespace twinning::network {
namespace {

using testing::pick_names;

PlanOptions rr_options(std::vector<CityId> seeds, double p, double q, int budget) {
  PlanOptions o;
  o.method = PlanMethod::kRr;
  o.seeds = std::move(seeds);
  o.params = {p, q};
  o.budget = budget;
  return o;
}

TEST(RrSampleSizeTest, IsImmsRule) {
  // 190 root countries, 10,000 cities all candidates, k = 50, epsilon 0.1:
  // the numbers of the rule (Tang, Shi, Xiao 2015, eq. 6 and 9 with
  // l' = l (1 + ln 2 / ln n)), computed by hand.
  const RrSampleSizes s = rr_sample_sizes(190, 10000, 50, 10000, 0.1);
  EXPECT_NEAR(s.ell, 1.07526, 1e-5);
  EXPECT_NEAR(s.log_choices, 311.9165, 1e-3);  // ln C(10000, 50)
  EXPECT_NEAR(s.lambda_prime, 6'443'097, 10);
  EXPECT_NEAR(s.lambda_star, 10'140'762, 10);
  // More letters or a tighter epsilon need more sets; epsilon as 1/eps^2
  // once ln C(N, k) dominates.
  EXPECT_GT(rr_sample_sizes(190, 10000, 51, 10000, 0.1).lambda_star, s.lambda_star);
  EXPECT_NEAR(rr_sample_sizes(190, 10000, 50, 10000, 0.05).lambda_star / s.lambda_star, 4.0,
              1e-9);
  // Every city picked: a single choice, ln C(N, N) = 0.
  EXPECT_NEAR(rr_sample_sizes(190, 10, 10, 10, 0.1).log_choices, 0.0, 1e-9);
}

// The test graph of PlanTest: C1 GB (seed) - C2 RU; C3 DE - C4 FR - C5 IT,
// C6 ES - C7 PT, C8 GB - C9 RU, and C10 TW alone.
TwinGraph chains() {
  return testing::make_twin_graph({"GB", "RU", "DE", "FR", "IT", "ES", "PT", "GB", "RU", "TW"},
                                  {{0, 1}, {2, 3}, {3, 4}, {5, 6}, {7, 8}});
}

TEST(RrPlannerTest, CertainCascadesPickWholeComponents) {
  PlanResult r = plan(chains(), rr_options({1}, 1.0, 1.0, 3));
  EXPECT_EQ(r.method, PlanMethod::kRr);
  ASSERT_EQ(pick_names(r), (std::vector<std::string>{"C3", "C6"}));
  EXPECT_TRUE(r.exhausted);
  // Estimates from the RR sets: 7 roots, each set's root uniform, so each
  // estimate is 7 times a binomial share (within 4 standard errors).
  auto tolerance = [&](double share) {
    return 4 * 7 * std::sqrt(share * (1 - share) / static_cast<double>(r.runs));
  };
  EXPECT_NEAR(r.base, 2.0, tolerance(2.0 / 7));
  EXPECT_NEAR(r.picks[0].gain, 3.0, tolerance(3.0 / 7));
  EXPECT_NEAR(r.picks[1].cumulative, 7.0, 1e-9);  // every set is covered
  ASSERT_TRUE(r.guarantee);
  EXPECT_EQ(r.guarantee->epsilon, kRrEpsilon);
  EXPECT_DOUBLE_EQ(r.guarantee->failure_probability, 0.1);  // 1/n, n = 10 cities
  EXPECT_EQ(r.runs, r.guarantee->sets);
  EXPECT_TRUE(r.guarantee->holds);
  // The same explanation as the greedy method's: C3 opens DE, FR, IT, via
  // C4 for France.
  ASSERT_EQ(r.picks[0].opens.size(), 3u);
  for (const auto& o : r.picks[0].opens) {
    EXPECT_DOUBLE_EQ(o.gain, 1.0);
    EXPECT_DOUBLE_EQ(o.before, 0.0);
    if (o.country.iso2 == "FR") {
      ASSERT_EQ(o.via.size(), 1u);
      EXPECT_EQ(o.via[0].name, "C4");
    }
  }
}

TEST(RrPlannerTest, DeterministicUnderASeedWhateverTheThreads) {
  TwinGraph g = testing::random_twin_graph(
      600, 800, {"GB", "RU", "DE", "FR", "IT", "ES", "PL", "CN", "JP", "US", "TW", "BR"}, 5);
  PlanOptions o = rr_options({1, 2}, 0.3, 0.5, 6);
  PlanResult one = plan(g, o);
  ASSERT_EQ(one.picks.size(), 6u);
  o.threads = 3;
  PlanResult three = plan(g, o);
  EXPECT_EQ(pick_names(three), pick_names(one));
  ASSERT_EQ(three.picks.size(), 6u);
  EXPECT_EQ(three.picks.back().cumulative, one.picks.back().cumulative);
  EXPECT_EQ(three.guarantee->sets, one.guarantee->sets);
  o.rng = 2;
  PlanResult other = plan(g, o);
  ASSERT_EQ(other.picks.size(), 6u);
  EXPECT_NE(other.picks.back().cumulative, one.picks.back().cumulative);
}

// Exact expectations on a graph of at most 8 cities, by enumerating every
// world (each city's compliance and ask coin) with its probability. In a
// world the member states a set of letters wins are the union of those
// each letter wins alone (see rr_planner.h), so one search per city and
// world gives every set's value.
class ExactValues {
 public:
  ExactValues(const TwinGraph& g, double p, double q) : n_(g.node_count()) {
    const int n = static_cast<int>(n_);
    for (std::uint32_t willing = 0; willing < (1u << n); ++willing) {
      for (std::uint32_t asks = 0; asks < (1u << n); ++asks) {
        World w;
        w.probability = std::pow(p, std::popcount(willing)) *
                        std::pow(1 - p, n - std::popcount(willing)) *
                        std::pow(q, std::popcount(asks)) * std::pow(1 - q, n - std::popcount(asks));
        for (Node v = 0; v < n_; ++v) w.wins[v] = wins(g, willing, asks, v);
        worlds_.push_back(w);
      }
    }
  }

  // Expected endorsing member states with the cities `from` complying.
  double value(const std::vector<Node>& from) const {
    double total = 0;
    for (const World& w : worlds_) {
      std::uint64_t won = 0;
      for (Node v : from) won |= w.wins[v];
      total += w.probability * std::popcount(won);
    }
    return total;
  }

 private:
  struct World {
    double probability = 0;
    std::uint64_t wins[8] = {};  // per city: the member states (bit per country) it wins alone
  };

  static std::uint64_t wins(const TwinGraph& g, std::uint32_t willing, std::uint32_t asks,
                            Node from) {
    std::uint32_t complying = 1u << from;
    Node stack[8];
    int top = 0;
    stack[top++] = from;
    while (top > 0) {
      const Node u = stack[--top];
      for (Node v : g.neighbours(u)) {
        if (!((complying >> v) & 1) && ((willing >> v) & 1)) {
          complying |= 1u << v;
          stack[top++] = v;
        }
      }
    }
    std::uint64_t won = 0;
    for (Node v = 0; v < g.node_count(); ++v) {
      const CountryIndex c = g.country_of(v);
      if (((complying & asks) >> v) & 1 && g.un_member(c)) won |= std::uint64_t{1} << (c % 64);
    }
    return won;
  }

  Node n_;
  std::vector<World> worlds_;
};

TEST(RrPlannerTest, FindsTheBruteForceOptimumOnASmallGraph) {
  // Eight cities: C1 GB (seed) - C2 DE - C3 FR - C4 DE, C3 - C5 IT,
  // C6 ES - C7 PT, C8 PL alone.
  TwinGraph g = testing::make_twin_graph({"GB", "DE", "FR", "DE", "IT", "ES", "PT", "PL"},
                                         {{0, 1}, {1, 2}, {2, 3}, {2, 4}, {5, 6}});
  const double p = 0.4, q = 0.6;
  const ExactValues exact(g, p, q);
  const double base = exact.value({0});
  // The best pair of letters, by the exact gain of every pair.
  double best = 0;
  for (Node a = 1; a < g.node_count(); ++a) {
    for (Node b = a + 1; b < g.node_count(); ++b) {
      best = std::max(best, exact.value({0, a, b}) - base);
    }
  }
  PlanResult r = plan(g, rr_options({1}, p, q, 2));
  ASSERT_EQ(r.picks.size(), 2u);
  std::vector<Node> with = {0};
  for (const auto& pick : r.picks) with.push_back(*g.node_of(pick.city.id));
  const double achieved = exact.value(with) - base;
  // The guarantee, and in fact the optimum itself (within 1%).
  EXPECT_GE(achieved, (1 - 1 / std::exp(1.0) - kRrEpsilon) * best);
  EXPECT_NEAR(achieved, best, 0.01 * best);
  // Its own estimates are close to the exact values.
  EXPECT_NEAR(r.picks.back().cumulative - r.base, achieved, 0.03 * achieved);
  EXPECT_NEAR(r.base, base, 0.03 * base);
}

TEST(RrPlannerTest, TheForwardCheckAgreesWithThePlansOwnEstimate) {
  // A generated graph of 2000 cities over 30 countries, 27 of them UN
  // members, about as sparse as the world's (1.5 links per city), and a
  // campaign where letters still matter (p = 0.25).
  TwinGraph g = testing::random_twin_graph(
      2000, 3000,
      {"GB", "RU", "DE", "FR", "IT", "ES", "PL", "CN", "JP", "US", "TW", "BR", "AR", "MX",
       "IN", "ID", "NG", "EG", "ZA", "KE", "TR", "IR", "UA", "SE", "NO", "FI", "XK", "PS",
       "CA", "AU"},
      11);
  PlanOptions o = rr_options({1, 2}, 0.25, 0.5, 10);
  o.check_runs = 20000;
  o.threads = 2;
  PlanResult r = plan(g, o);
  ASSERT_EQ(r.picks.size(), 10u);
  ASSERT_TRUE(r.check);
  // Within 2%, the bar.
  EXPECT_NEAR(r.picks.back().cumulative, r.check->mean, 0.02 * r.check->mean);
  // And not worse than the greedy plan on sampled worlds, within the
  // forward check's error.
  o.method = PlanMethod::kGreedy;
  PlanResult greedy = plan(g, o);
  EXPECT_GE(r.check->mean, greedy.check->mean - 3 * std::hypot(r.check->se, greedy.check->se));
}

TEST(RrPlannerTest, ACalibratedPlanDrawsEachWorldsParametersFromThePosterior) {
  // p = q = 0.5 as priors, but the campaign's answers say no city of 200
  // complied: the posterior of p is near 0, so the best letter is worth
  // about its own ask (q = 0.5) and the chains add little; uncalibrated,
  // C4 in the middle of DE - FR - IT is worth 0.5 + 2 x 0.25 = 1.
  PlanOptions o = rr_options({1}, 0.5, 0.5, 1);
  CalibrationEvidence evidence;
  evidence.city_answers = 200;
  evidence.city_complied = 0;
  o.evidence = evidence;
  PlanResult r = plan(chains(), o);
  ASSERT_TRUE(r.calibration);
  ASSERT_EQ(r.picks.size(), 1u);
  EXPECT_LT(r.picks[0].gain, 0.6);
  o.evidence.reset();
  PlanResult uncalibrated = plan(chains(), o);
  ASSERT_EQ(uncalibrated.picks.size(), 1u);
  EXPECT_GT(uncalibrated.picks[0].gain, 0.6);
}

}  // namespace
}  // namespace twinning::network
