#include "network/forecast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "model/error.h"
#include "network/reach.h"
#include "support/network_graphs.h"

namespace twinning::network {
namespace {

// Statistical assertions use 4 standard errors: a correct implementation
// fails one of them about once in 16,000 checks; the seeds are fixed, so a
// given build either passes or fails every time.
constexpr double kSigmas = 4.0;

std::map<std::string, double> frequencies(const ForecastResult& r) {
  std::map<std::string, double> out;
  for (const auto& c : r.countries) out[c.country.iso2] = c.frequency;
  return out;
}

ForecastOptions options(std::vector<CityId> seeds, double p, double q, int runs) {
  ForecastOptions o;
  o.seeds = std::move(seeds);
  o.params = {p, q};
  o.runs = runs;
  return o;
}

// C1 GB - C2 RU - C3 DE - C4 TW, C3 - C5 DE; apart: C6 FR - C7 IT.
class ForecastTest : public ::testing::Test {
 protected:
  TwinGraph g = testing::make_twin_graph({"GB", "RU", "DE", "TW", "DE", "FR", "IT"},
                                         {{0, 1}, {1, 2}, {2, 3}, {2, 4}, {5, 6}});
};

TEST_F(ForecastTest, CertainComplianceReachesTheWholeComponent) {
  ForecastResult r = forecast(g, options({1}, 1.0, 1.0, 1000));
  EXPECT_EQ(r.runs, 1000);
  EXPECT_DOUBLE_EQ(r.mean, 3.0);  // GB, RU, DE; Taiwan is not a UN member
  EXPECT_DOUBLE_EQ(r.se, 0.0);
  EXPECT_DOUBLE_EQ(r.ci95_low, 3.0);
  EXPECT_DOUBLE_EQ(r.ci95_high, 3.0);
  EXPECT_DOUBLE_EQ(r.mean_informed, 5.0);
  EXPECT_DOUBLE_EQ(r.mean_complying, 5.0);
  EXPECT_EQ(frequencies(r),
            (std::map<std::string, double>{{"DE", 1}, {"GB", 1}, {"RU", 1}, {"TW", 1}}));
  ASSERT_EQ(r.seeds.size(), 1u);
  EXPECT_EQ(r.seeds[0].name, "C1");
}

TEST(ForecastRandomGraphTest, CertainComplianceMatchesReach) {
  TwinGraph g = testing::random_twin_graph(
      400, 420, {"GB", "RU", "DE", "FR", "TW", "PS", "IT", "ES", "PL", "CN", "JP", "US"}, 11);
  ReachResult reached = reach(g, {1, 2});
  ForecastResult r = forecast(g, options({1, 2}, 1.0, 1.0, 700));
  EXPECT_DOUBLE_EQ(r.mean, reached.un_members_reached);
  EXPECT_DOUBLE_EQ(r.mean_complying, reached.cities_reached);
  EXPECT_DOUBLE_EQ(r.mean_informed, reached.cities_reached);
  EXPECT_EQ(static_cast<int>(r.countries.size()), reached.countries_reached);
}

TEST_F(ForecastTest, NoComplianceLeavesTheSeedsAskingAlone) {
  // Seeds C2 (RU), C3 and C5 (both DE): Russia endorses with q, Germany
  // with 1 - (1 - q)^2.
  const double q = 0.3;
  ForecastResult r = forecast(g, options({2, 3, 5}, 0.0, q, 20000));
  const double p_ru = q, p_de = 1 - (1 - q) * (1 - q);
  const double expected = p_ru + p_de;
  const double sd = std::sqrt(p_ru * (1 - p_ru) + p_de * (1 - p_de));
  EXPECT_NEAR(r.mean, expected, kSigmas * r.se);
  EXPECT_NEAR(r.se, sd / std::sqrt(20000.0), 0.05 * sd / std::sqrt(20000.0));
  auto f = frequencies(r);
  EXPECT_NEAR(f["RU"], p_ru, kSigmas * std::sqrt(p_ru * (1 - p_ru) / 20000));
  EXPECT_NEAR(f["DE"], p_de, kSigmas * std::sqrt(p_de * (1 - p_de) / 20000));
  EXPECT_EQ(f.count("GB"), 0u);
  EXPECT_DOUBLE_EQ(r.mean_complying, 3.0);
  EXPECT_DOUBLE_EQ(r.mean_informed, 5.0);  // the seeds and their twins C1, C4
}

TEST_F(ForecastTest, ACityWhoseAskFailedAsksNoMore) {
  // Seeds C2 (RU) and C3 (DE), p = 0, q = 1: both ministries endorse,
  // unless a seed's ask already failed.
  ForecastOptions o = options({2, 3}, 0.0, 1.0, 100);
  EXPECT_DOUBLE_EQ(forecast(g, o).mean, 2.0);
  o.state.asked_in_vain = {2};
  EXPECT_DOUBLE_EQ(forecast(g, o).mean, 1.0);
  // Germany's other city C5 may still win it.
  o.state.asked_in_vain = {3};
  o.seeds = {2, 3, 5};
  EXPECT_DOUBLE_EQ(forecast(g, o).mean, 2.0);
  o.state.asked_in_vain = {42};
  EXPECT_THROW(forecast(g, o), Error);
}

TEST_F(ForecastTest, TheProbabilityOfReachingTheTarget) {
  // Seeds C2 (RU), C3 and C5 (DE), p = 0: two members with probability
  // q (1 - (1 - q)^2), at least one with 1 - (1 - q)^3.
  const double q = 0.3, both = q * (1 - (1 - q) * (1 - q)), one = 1 - std::pow(1 - q, 3);
  ForecastOptions o = options({2, 3, 5}, 0.0, q, 20000);
  o.target = 2;
  ForecastResult r = forecast(g, o);
  EXPECT_EQ(r.target, 2);
  EXPECT_NEAR(r.p_target, both, kSigmas * std::sqrt(both * (1 - both) / 20000));
  EXPECT_DOUBLE_EQ(r.p_target_se, std::sqrt(r.p_target * (1 - r.p_target) / 20000));
  o.target = 1;
  EXPECT_NEAR(forecast(g, o).p_target, one, kSigmas * std::sqrt(one * (1 - one) / 20000));
  o.target = 0;
  EXPECT_DOUBLE_EQ(forecast(g, o).p_target, 1.0);
  o.target = 3;
  EXPECT_DOUBLE_EQ(forecast(g, o).p_target, 0.0);
  EXPECT_DOUBLE_EQ(forecast(g, o).p_target_se, 0.0);
  // By default: the 97 members of a majority of the General Assembly.
  EXPECT_EQ(forecast(g, options({1}, 1, 1, 10)).target, 97);
  o.target = -1;
  EXPECT_THROW(forecast(g, o), Error);
}

TEST_F(ForecastTest, ACalibratedForecastDrawsPAndQFromThePosterior) {
  // Seeds C6 (FR) and C7 (IT) only twinned with each other, p = 1: both
  // comply (seeds need no p) and each country endorses with q. With no answer and a uniform
  // prior (mean 0.5, weight 2) q is uniform on [0, 1] and each run draws
  // its own: the mean is still 2 E[q] = 1, but the two countries endorse
  // together in E[q^2] = 1/3 of the runs, not in q^2 = 1/4 as with q fixed.
  ForecastOptions o = options({6, 7}, 0.35, 0.5, 40000);
  o.evidence = CalibrationEvidence{};
  o.prior_strength = 2;
  o.target = 2;
  ForecastResult r = forecast(g, o);
  EXPECT_NEAR(r.mean, 1.0, kSigmas * r.se);
  EXPECT_NEAR(r.p_target, 1.0 / 3, kSigmas * r.p_target_se);
  ASSERT_TRUE(r.calibration);
  EXPECT_NEAR(r.calibration->endorse.mean, 0.5, 1e-4);
  EXPECT_NEAR(r.calibration->endorse.ci90_low, 0.05, 1e-3);
  EXPECT_EQ(r.calibration->endorse.answers, 0);
  o.evidence.reset();
  r = forecast(g, o);
  EXPECT_NEAR(r.p_target, 0.25, kSigmas * r.p_target_se);
  EXPECT_FALSE(r.calibration);
  // Answers move the posterior and the forecast with it: 40 of 40
  // ministries endorsed.
  o.evidence = CalibrationEvidence{};
  o.evidence->ministries.assign(40, {1, true});
  r = forecast(g, o);
  EXPECT_GT(r.calibration->endorse.mean, 0.95);
  EXPECT_GT(r.mean, 1.9);
}

TEST(ForecastChainTest, ChainGraphClosedForm) {
  // A chain of 7 cities in 7 UN member states from the seed at one end:
  // city i complies with probability p^i and endorses with q, so the mean
  // is q (1 - p^7) / (1 - p), and city i is informed with p^(i-1).
  const std::vector<std::string> countries = {"GB", "RU", "DE", "FR", "IT", "ES", "PL"};
  std::vector<std::pair<int, int>> links;
  for (int i = 0; i + 1 < 7; ++i) links.emplace_back(i, i + 1);
  TwinGraph g = testing::make_twin_graph(countries, links);
  const double p = 0.6, q = 0.45;
  const int runs = 30000;
  ForecastResult r = forecast(g, options({1}, p, q, runs));
  EXPECT_NEAR(r.mean, q * (1 - std::pow(p, 7)) / (1 - p), kSigmas * r.se);
  // Complying and informed counts lie in 1..7, so their standard deviation
  // is at most 3.
  const double count_se = 3.0 / std::sqrt(runs);
  EXPECT_NEAR(r.mean_complying, (1 - std::pow(p, 7)) / (1 - p), kSigmas * count_se);
  EXPECT_NEAR(r.mean_informed, 1 + (1 - std::pow(p, 6)) / (1 - p), kSigmas * count_se);
  auto f = frequencies(r);
  for (int i = 0; i < 7; ++i) {
    const double pi = q * std::pow(p, i);
    EXPECT_NEAR(f[countries[i]], pi, kSigmas * std::sqrt(pi * (1 - pi) / runs)) << countries[i];
  }
}

TEST(ForecastStarTest, StarClosedForm) {
  // A centre and 9 twins, each in its own UN member state: q (1 + 9 p).
  const std::vector<std::string> countries = {"GB", "RU", "DE", "FR", "IT",
                                              "ES", "PL", "CN", "JP", "US"};
  std::vector<std::pair<int, int>> links;
  for (int i = 1; i < 10; ++i) links.emplace_back(0, i);
  TwinGraph g = testing::make_twin_graph(countries, links);
  ForecastResult r = forecast(g, options({1}, 0.35, 0.5, 25000));
  EXPECT_NEAR(r.mean, 0.5 * (1 + 9 * 0.35), kSigmas * r.se);
  EXPECT_DOUBLE_EQ(r.mean_informed, 10.0);
}

TEST(ForecastReproducibilityTest, SameRngSameResultWhateverTheThreads) {
  TwinGraph g = testing::random_twin_graph(500, 900, {"GB", "RU", "DE", "FR", "TW", "IT"}, 3);
  ForecastOptions o = options({1, 2, 3}, 0.4, 0.3, 3000);
  o.rng = 42;
  ForecastResult one = forecast(g, o);
  o.threads = 3;
  ForecastResult three = forecast(g, o);
  EXPECT_EQ(three.threads, 3);
  EXPECT_EQ(one.mean, three.mean);
  EXPECT_EQ(one.se, three.se);
  EXPECT_EQ(one.mean_informed, three.mean_informed);
  EXPECT_EQ(one.mean_complying, three.mean_complying);
  EXPECT_EQ(frequencies(one), frequencies(three));
  o.threads = 1;
  EXPECT_EQ(forecast(g, o).mean, one.mean);
  o.rng = 43;
  ForecastResult other = forecast(g, o);
  EXPECT_NE(other.mean_informed, one.mean_informed);
  // Independent streams: the two estimates agree within their errors.
  EXPECT_NEAR(other.mean, one.mean, kSigmas * std::sqrt(2.0) * one.se);
}

TEST_F(ForecastTest, EachMemberStatesProbabilityOfEndorsing) {
  // Seed C1 (GB) asks its ministry: q. Russia is reached only through C2,
  // which complies with p and then asks: p q. Italy endorsed already: 1;
  // Germany declined: 0 although C3 and C5 are reachable; France never
  // reached: 0. Taiwan (C4) is no UN member and is not listed.
  const double p = 0.6, q = 0.4;
  const int runs = 20000;
  ForecastOptions o = options({1}, p, q, runs);
  o.state.endorsed_countries = {"IT"};
  o.state.declined_countries = {"DE"};
  ForecastResult r = forecast(g, o);
  std::map<std::string, double> members;
  double sum = 0;
  for (const auto& c : r.members) {
    EXPECT_TRUE(c.country.un_member) << c.country.iso2;
    members[c.country.iso2] = c.frequency;
    sum += c.frequency;
  }
  EXPECT_GT(members.size(), 150u);  // every member of the reference countries
  EXPECT_EQ(members.count("TW"), 0u);
  EXPECT_NEAR(members.at("GB"), q, kSigmas * std::sqrt(q * (1 - q) / runs));
  EXPECT_NEAR(members.at("RU"), p * q, kSigmas * std::sqrt(p * q * (1 - p * q) / runs));
  EXPECT_EQ(members.at("IT"), 1.0);
  EXPECT_EQ(members.at("DE"), 0.0);
  EXPECT_EQ(members.at("FR"), 0.0);
  EXPECT_NEAR(sum, r.mean, 1e-9);
}

// C1 GB - C2 RU - C3 DE - C4 FR, all certain (p = q = 1), so the campaign
// state alone decides.
class ForecastStateTest : public ::testing::Test {
 protected:
  TwinGraph g = testing::make_twin_graph({"GB", "RU", "DE", "FR"}, {{0, 1}, {1, 2}, {2, 3}});
  ForecastOptions o = options({1}, 1.0, 1.0, 600);
};

TEST_F(ForecastStateTest, DeclinedCitiesStopTheCascade) {
  o.state.declined = {2};
  ForecastResult r = forecast(g, o);
  EXPECT_DOUBLE_EQ(r.mean, 1.0);
  EXPECT_DOUBLE_EQ(r.mean_informed, 2.0);
  EXPECT_DOUBLE_EQ(r.mean_complying, 1.0);
}

TEST_F(ForecastStateTest, ComplyingCitiesActLikeSeeds) {
  o.state.declined = {2};
  o.state.complying = {4};
  ForecastResult r = forecast(g, o);
  EXPECT_DOUBLE_EQ(r.mean, 3.0);  // GB; FR and, through it, DE
  EXPECT_DOUBLE_EQ(r.mean_complying, 3.0);
  EXPECT_DOUBLE_EQ(r.mean_informed, 4.0);
  EXPECT_EQ(r.seeds.size(), 2u);
  o.seeds.clear();  // a campaign's complying cities are enough to start from
  EXPECT_DOUBLE_EQ(forecast(g, o).mean, 2.0);
}

TEST_F(ForecastStateTest, EndorsedAndDecliningCountries) {
  o.state.endorsed_countries = {"it", "TW"};
  o.state.declined_countries = {"RU"};
  ForecastResult r = forecast(g, o);
  EXPECT_DOUBLE_EQ(r.mean, 4.0);  // GB, DE, FR and Italy (Taiwan is no UN member)
  auto f = frequencies(r);
  EXPECT_EQ(f,
            (std::map<std::string, double>{{"DE", 1}, {"FR", 1}, {"GB", 1}, {"IT", 1}, {"TW", 1}}));
}

TEST_F(ForecastStateTest, ContradictionsAndUnknownsAreRefused) {
  auto code_of = [&](const ForecastOptions& bad) {
    try {
      forecast(g, bad);
    } catch (const Error& e) {
      return std::make_pair(e.code(), e.field());
    }
    return std::make_pair(ErrorCode::kUnavailable, std::string("no error"));
  };
  ForecastOptions bad = o;
  bad.state.declined = {1};
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kConflict, std::string("declined")));
  bad = o;
  bad.state.endorsed_countries = {"FR"};
  bad.state.declined_countries = {"FR"};
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kConflict, std::string("declined_countries")));
  bad = o;
  bad.state.endorsed_countries = {"ZZ"};
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kNotFound, std::string("endorsed_countries")));
  bad = o;
  bad.state.complying = {99};
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kNotFound, std::string("complying")));
  bad = o;
  bad.seeds = {};
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kInvalidInput, std::string("seed")));
  bad = o;
  bad.params.comply = 1.5;
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kInvalidInput, std::string("comply")));
  bad = o;
  bad.params.endorse = std::nan("");
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kInvalidInput, std::string("endorse")));
  bad = o;
  bad.runs = 0;
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kInvalidInput, std::string("runs")));
  bad = o;
  bad.threads = 0;
  EXPECT_EQ(code_of(bad), std::make_pair(ErrorCode::kInvalidInput, std::string("threads")));
}

}  // namespace
}  // namespace twinning::network
