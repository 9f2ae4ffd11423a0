#include "network/plan.h"

#include <gtest/gtest.h>

#include <cmath>

#include "model/error.h"
#include "network/forecast.h"
#include "support/network_graphs.h"

namespace twinning::network {
namespace {

using testing::pick_names;

// Seeds' component C1 GB - C2 RU; elsewhere C3 DE - C4 FR - C5 IT,
// C6 ES - C7 PT, C8 GB - C9 RU, and C10 TW alone.
class PlanTest : public ::testing::Test {
 protected:
  TwinGraph g =
      testing::make_twin_graph({"GB", "RU", "DE", "FR", "IT", "ES", "PT", "GB", "RU", "TW"},
                               {{0, 1}, {2, 3}, {3, 4}, {5, 6}, {7, 8}});
  PlanOptions options(double p, double q, int budget) {
    PlanOptions o;
    o.method = PlanMethod::kGreedy;
    o.seeds = {1};
    o.params = {p, q};
    o.budget = budget;
    o.runs = 300;
    return o;
  }
};

TEST_F(PlanTest, CertainCascadesPickWholeComponents) {
  PlanResult r = plan(g, options(1.0, 1.0, 3));
  EXPECT_DOUBLE_EQ(r.base, 2.0);
  ASSERT_EQ(pick_names(r), (std::vector<std::string>{"C3", "C6"}));
  EXPECT_DOUBLE_EQ(r.picks[0].gain, 3.0);
  EXPECT_DOUBLE_EQ(r.picks[0].cumulative, 5.0);
  EXPECT_DOUBLE_EQ(r.picks[1].gain, 2.0);
  EXPECT_DOUBLE_EQ(r.picks[1].cumulative, 7.0);
  EXPECT_TRUE(r.exhausted);  // C8, C9 and C10 add no UN member state
  EXPECT_EQ(r.candidates, 9);
  EXPECT_EQ(r.runs, 300);
  ASSERT_EQ(r.seeds.size(), 1u);
  EXPECT_EQ(r.seeds[0].name, "C1");
}

TEST_F(PlanTest, WithoutComplianceEachLetterWinsItsOwnCountry) {
  // p = 0: a city written to complies but convinces no twin; q = 1: its
  // ministry endorses. Every uncovered UN member state is worth one.
  PlanResult r = plan(g, options(0.0, 1.0, 10));
  EXPECT_DOUBLE_EQ(r.base, 1.0);
  EXPECT_EQ(pick_names(r), (std::vector<std::string>{"C2", "C3", "C4", "C5", "C6", "C7"}));
  for (std::size_t i = 0; i < r.picks.size(); ++i) {
    EXPECT_DOUBLE_EQ(r.picks[i].gain, 1.0);
    EXPECT_DOUBLE_EQ(r.picks[i].cumulative, 2.0 + static_cast<double>(i));
  }
  EXPECT_TRUE(r.exhausted);
}

TEST_F(PlanTest, StartsFromTheCampaignState) {
  PlanOptions o = options(1.0, 1.0, 2);
  o.state.declined = {3};  // C3 never complies: its component yields FR and IT only
  PlanResult r = plan(g, o);
  EXPECT_EQ(pick_names(r), (std::vector<std::string>{"C4", "C6"}));
  EXPECT_DOUBLE_EQ(r.picks[0].gain, 2.0);
  EXPECT_EQ(r.candidates, 8);

  o = options(1.0, 1.0, 1);
  o.state.endorsed_countries = {"DE"};
  r = plan(g, o);
  EXPECT_DOUBLE_EQ(r.base, 3.0);
  EXPECT_EQ(pick_names(r), (std::vector<std::string>{"C3"}));
  EXPECT_DOUBLE_EQ(r.picks[0].gain, 2.0);
  EXPECT_DOUBLE_EQ(r.picks[0].cumulative, 5.0);
}

// A random graph of 600 cities and a plan from its cities 1 and 2 on 2000
// sampled runs.
TwinGraph random_graph() {
  return testing::random_twin_graph(
      600, 800, {"GB", "RU", "DE", "FR", "IT", "ES", "PL", "CN", "JP", "US", "TW", "BR"}, 5);
}
PlanOptions random_graph_plan(double p, double q, int budget) {
  PlanOptions o;
  o.method = PlanMethod::kGreedy;
  o.seeds = {1, 2};
  o.params = {p, q};
  o.budget = budget;
  o.runs = 2000;
  return o;
}

TEST(PlanRandomGraphTest, AgreesWithTheForecastAndIsGreedy) {
  TwinGraph g = random_graph();
  PlanOptions o = random_graph_plan(0.3, 0.5, 6);
  PlanResult r = plan(g, o);
  ASSERT_EQ(r.picks.size(), 6u);

  ForecastOptions f;
  f.seeds = o.seeds;
  f.params = o.params;
  f.runs = 20000;
  ForecastResult base = forecast(g, f);
  // The plan's base estimates the same mean from 2000 sampled runs.
  const double se = base.se * std::sqrt(1.0 + 20000.0 / 2000.0);
  EXPECT_NEAR(r.base, base.mean, 4 * se);

  // Greedy on a submodular objective: gains never grow, and the
  // cumulative values add them up.
  double cumulative = r.base;
  for (std::size_t i = 0; i < r.picks.size(); ++i) {
    cumulative += r.picks[i].gain;
    EXPECT_NEAR(r.picks[i].cumulative, cumulative, 1e-9);
    if (i > 0) {
      EXPECT_LE(r.picks[i].gain, r.picks[i - 1].gain);
    }
  }

  // The same plan whatever the number of threads.
  o.threads = 3;
  PlanResult threaded = plan(g, o);
  EXPECT_EQ(pick_names(threaded), pick_names(r));
  EXPECT_EQ(threaded.picks.back().cumulative, r.picks.back().cumulative);
  EXPECT_EQ(threaded.base, r.base);
}

TEST_F(PlanTest, ACityWhoseAskFailedAsksNoMore) {
  // p = 0, q = 1: the seed C1's ask failed, so Britain is won by C8 alone.
  PlanOptions o = options(0.0, 1.0, 1);
  o.state.asked_in_vain = {1};
  PlanResult r = plan(g, o);
  EXPECT_DOUBLE_EQ(r.base, 0.0);
  EXPECT_DOUBLE_EQ(r.picks[0].gain, 1.0);
  o.budget = 10;
  r = plan(g, o);
  EXPECT_EQ(r.picks.size(), 7u);  // C2 .. C8: each its own member state, C8 for Britain
}

TEST(PlanRandomGraphTest, TheForwardCheckAgreesWithThePlansOwnEstimate) {
  TwinGraph g = random_graph();
  PlanOptions o = random_graph_plan(0.4, 0.5, 5);
  o.check_runs = 20000;
  PlanResult r = plan(g, o);
  ASSERT_TRUE(r.check);
  EXPECT_EQ(r.check->runs, 20000);
  // Within 2%, the bar.
  EXPECT_NEAR(r.picks.back().cumulative, r.check->mean, 0.02 * r.check->mean);
  o.check_runs = 0;
  EXPECT_FALSE(plan(g, o).check);
  o.check_runs = -1;
  EXPECT_THROW(plan(g, o), Error);
}

TEST_F(PlanTest, WhatIfACityDeclines) {
  // C3 declines: the DE - FR - IT chain breaks at Germany, so C4 (with C5)
  // is worth two, not three, and C3 is never picked.
  PlanOptions o = options(1.0, 1.0, 3);
  o.exclude = {3};
  PlanResult r = plan(g, o);
  EXPECT_EQ(pick_names(r), (std::vector<std::string>{"C4", "C6"}));
  EXPECT_DOUBLE_EQ(r.picks[0].gain, 2.0);
  EXPECT_EQ(r.candidates, 8);
  // A city the campaign counts as complying declines instead.
  o.state.complying = {3};
  EXPECT_EQ(pick_names(plan(g, o)), pick_names(r));
  o.exclude = {42};
  EXPECT_THROW(plan(g, o), Error);
  o.exclude = {1};  // the seed itself
  EXPECT_THROW(plan(g, o), Error);
}

TEST(PlanExplanationTest, APickSaysWhichCountriesItOpensAndThroughWhichTwins) {
  // C1 GB (seed); C2 TW twinned with C3 DE, C4 FR, C5 IT; C6 ES alone.
  TwinGraph g =
      testing::make_twin_graph({"GB", "TW", "DE", "FR", "IT", "ES"}, {{1, 2}, {1, 3}, {1, 4}});
  PlanOptions o;
  o.method = PlanMethod::kGreedy;
  o.seeds = {1};
  o.params = {1.0, 1.0};
  o.budget = 2;
  o.runs = 50;
  PlanResult r = plan(g, o);
  // Every city of the TW component is worth three; the first in order,
  // Taiwan's, is picked: not a member, but twinned in three member states.
  ASSERT_EQ(pick_names(r), (std::vector<std::string>{"C2", "C6"}));
  const PlanPick& taipei = r.picks[0];
  EXPECT_FALSE(taipei.un_member);
  EXPECT_EQ(taipei.member_twin_countries, 3);
  ASSERT_EQ(taipei.opens.size(), 3u);
  std::vector<std::string> opened, via;
  for (const auto& x : taipei.opens) {
    opened.push_back(x.country.iso2);
    EXPECT_DOUBLE_EQ(x.gain, 1.0);
    EXPECT_DOUBLE_EQ(x.before, 0.0);  // reached by no chain before
    ASSERT_EQ(x.via.size(), 1u);
    via.push_back(x.via[0].name);
  }
  EXPECT_EQ(opened, (std::vector<std::string>{"DE", "FR", "IT"}));
  EXPECT_EQ(via, (std::vector<std::string>{"C3", "C4", "C5"}));
  // Spain is opened by the pick's own ask: no twin to go through.
  const PlanPick& madrid = r.picks[1];
  EXPECT_TRUE(madrid.un_member);
  ASSERT_EQ(madrid.opens.size(), 1u);
  EXPECT_EQ(madrid.opens[0].country.iso2, "ES");
  EXPECT_TRUE(madrid.opens[0].via.empty());

  // A country already endorsing in some runs says how often: a second
  // German city adds its ask to the seed's (q = 1/2 each).
  TwinGraph de = testing::make_twin_graph({"DE", "DE"}, {});
  o.params = {0.0, 0.5};
  o.budget = 1;
  o.runs = 2000;
  r = plan(de, o);
  ASSERT_EQ(r.picks.size(), 1u);
  ASSERT_EQ(r.picks[0].opens.size(), 1u);
  EXPECT_NEAR(r.picks[0].opens[0].before, 0.5, 0.05);
  EXPECT_NEAR(r.picks[0].opens[0].gain, 0.25, 0.05);
}

TEST_F(PlanTest, BadOptionsAreRefused) {
  auto field_of = [&](const PlanOptions& bad) {
    try {
      plan(g, bad);
    } catch (const Error& e) {
      return e.field();
    }
    return std::string("no error");
  };
  PlanOptions o = options(0.5, 0.5, 0);
  EXPECT_EQ(field_of(o), "budget");
  o = options(0.5, 0.5, 1);
  o.runs = 10'000'000;
  EXPECT_EQ(field_of(o), "runs");
  o = options(0.5, 0.5, 1);
  o.threads = 0;
  EXPECT_EQ(field_of(o), "threads");
  o = options(-0.1, 0.5, 1);
  EXPECT_EQ(field_of(o), "comply");
  o = options(0.5, 0.5, 1);
  o.seeds = {42};
  EXPECT_EQ(field_of(o), "seed");
  o = options(0.5, 0.5, 1);
  o.target_probability = 1.5;
  EXPECT_EQ(field_of(o), "target_probability");
  o = options(0.5, 0.5, 1);
  o.target_probability = 0.9;
  o.members = -1;
  EXPECT_EQ(field_of(o), "members");
  o = options(0.5, 0.5, 1);
  o.target_runs = 0;
  EXPECT_EQ(field_of(o), "target_runs");
  o = options(0.5, 0.5, 1);
  o.members = 97;  // without a target probability or a check it asks nothing
  EXPECT_EQ(field_of(o), "members");
  EXPECT_EQ(parse_plan_method("rr", "method"), PlanMethod::kRr);
  EXPECT_EQ(parse_plan_method("greedy", "method"), PlanMethod::kGreedy);
  try {
    parse_plan_method("celf", "method");
    ADD_FAILURE() << "celf accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "method");
    EXPECT_NE(std::string(e.what()).find("rr or greedy"), std::string::npos);
  }
}

// The fewest letters to reach a target probability: the seed C1 GB and its
// twin C2 RU give two members for sure (p = q = 1); C3 opens DE, FR, IT (five),
// C6 then ES and PT (seven), and no letter makes eight.
TEST_F(PlanTest, FewestLettersToReachATargetProbability) {
  for (PlanMethod method : {PlanMethod::kGreedy, PlanMethod::kRr}) {
    PlanOptions o = options(1.0, 1.0, 5);
    o.method = method;
    o.target_probability = 0.9;
    o.members = 5;
    o.target_runs = 2000;
    PlanResult r = plan(g, o);
    ASSERT_TRUE(r.target);
    EXPECT_TRUE(r.target->reached);
    EXPECT_EQ(r.target->letters, 1);
    EXPECT_EQ(pick_names(r), (std::vector<std::string>{"C3"}));
    EXPECT_DOUBLE_EQ(r.target->estimate, 1.0);
    EXPECT_EQ(r.target->members, 5);
    EXPECT_EQ(r.target->runs, 2000);

    o.members = 6;
    r = plan(g, o);
    EXPECT_EQ(r.target->letters, 2);
    EXPECT_EQ(pick_names(r), (std::vector<std::string>{"C3", "C6"}));

    o.members = 2;  // the seeds reach it alone: no letter
    r = plan(g, o);
    EXPECT_TRUE(r.target->reached);
    EXPECT_EQ(r.target->letters, 0);
    EXPECT_TRUE(r.picks.empty());

    o.members = 8;  // beyond the budget's reach: every pick kept, and said so
    r = plan(g, o);
    EXPECT_FALSE(r.target->reached);
    EXPECT_EQ(r.target->letters, 2);
    EXPECT_DOUBLE_EQ(r.target->estimate, 0.0);
  }
}

// The forward check also says the chance of at least `members` endorsing
// member states with the plan (97 unless given).
TEST_F(PlanTest, TheForwardCheckSaysTheChanceOfTheMembers) {
  PlanOptions o = options(1.0, 1.0, 1);  // C3: five member states for sure
  o.check_runs = 100;
  o.members = 5;
  PlanResult r = plan(g, o);
  ASSERT_TRUE(r.check);
  EXPECT_EQ(r.check->members, 5);
  EXPECT_DOUBLE_EQ(r.check->probability, 1.0);
  EXPECT_DOUBLE_EQ(r.check->probability_se, 0.0);
  o.members = 6;
  EXPECT_DOUBLE_EQ(plan(g, o).check->probability, 0.0);
  o.members.reset();
  r = plan(g, o);
  EXPECT_EQ(r.check->members, kDefaultMembers);
  EXPECT_DOUBLE_EQ(r.check->probability, 0.0);
}

}  // namespace
}  // namespace twinning::network
