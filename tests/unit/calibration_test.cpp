#include "network/calibration.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/beta.hpp>

#include <cmath>

#include "model/error.h"

namespace twinning::network {
namespace {

// The grid holds 2048 cells: quantiles are exact to a fraction of a cell.
constexpr double kCell = 1.0 / ParameterPosterior::kGridCells;

void expect_beta(const ParameterPosterior& p, double a, double b) {
  boost::math::beta_distribution<double> beta(a, b);
  EXPECT_NEAR(p.mean(), a / (a + b), 1e-4);
  for (double u : {0.05, 0.5, 0.95}) {
    EXPECT_NEAR(p.quantile(u), boost::math::quantile(beta, u), kCell) << u;
  }
}

TEST(CalibrationTest, CityAnswersGiveTheConjugateBetaPosterior) {
  CalibrationEvidence e;
  e.city_answers = 30;
  e.city_complied = 12;
  Calibration c = calibrate(e, {0.35, 4}, {0.5, 4});
  // Prior Beta(1.4, 2.6), 12 of 30: Beta(13.4, 20.6).
  expect_beta(c.comply, 13.4, 20.6);
  expect_beta(c.endorse, 2, 2);  // no ministry answered: the prior
}

TEST(CalibrationTest, MinistriesAskedOnceGiveTheBetaPosterior) {
  CalibrationEvidence e;
  for (int i = 0; i < 3; ++i) e.ministries.push_back({1, true});
  for (int i = 0; i < 5; ++i) e.ministries.push_back({1, false});
  Calibration c = calibrate(e, {0.35, 4}, {0.5, 10});
  expect_beta(c.endorse, 5 + 3, 5 + 5);
  expect_beta(c.comply, 1.4, 2.6);
}

TEST(CalibrationTest, AnEndorsementAfterSeveralAsksSaysLessOfEachAsk) {
  // The same answers, the endorsing ministries asked by three cities each:
  // one ask in three succeeding is enough, so q is lower.
  CalibrationEvidence once, thrice;
  for (int i = 0; i < 6; ++i) {
    once.ministries.push_back({1, i < 3});
    thrice.ministries.push_back({i < 3 ? 3 : 1, i < 3});
  }
  const double q1 = calibrate(once, {0.35, 4}, {0.5, 4}).endorse.mean();
  const double q3 = calibrate(thrice, {0.35, 4}, {0.5, 4}).endorse.mean();
  EXPECT_NEAR(q1, 0.5, 1e-4);
  EXPECT_LT(q3, q1 - 0.05);
  // A ministry that declined three asks speaks against q three times.
  CalibrationEvidence declined;
  declined.ministries.push_back({3, false});
  EXPECT_NEAR(calibrate(declined, {0.35, 4}, {0.5, 4}).endorse.mean(), 2.0 / 7, 1e-4);
}

TEST(CalibrationTest, DrawsFollowThePosterior) {
  CalibrationEvidence e;
  e.city_answers = 40;
  e.city_complied = 10;
  Calibration c = calibrate(e, {0.35, 4}, {0.5, 4});
  auto rng = Xoshiro256ss::for_stream(3, 0);
  const int n = 40000;
  double sum = 0;
  int below = 0;
  const double q10 = c.comply.quantile(0.1);
  for (int i = 0; i < n; ++i) {
    const double x = c.comply.sample(rng.next() >> 11);
    sum += x;
    below += x < q10 ? 1 : 0;
  }
  EXPECT_NEAR(sum / n, c.comply.mean(), 0.002);
  EXPECT_NEAR(below / double(n), 0.1, 4 * std::sqrt(0.09 / n));
}

TEST(CalibrationTest, TheSummaryNamesWhatItRestsOn) {
  CalibrationEvidence e;
  e.city_answers = 7;
  e.city_complied = 2;
  e.ministries = {{2, true}, {1, false}, {1, false}};
  CalibrationSummary s = summarize(calibrate(e, {0.35, 4}, {0.5, 6}));
  EXPECT_EQ(s.comply.answers, 7);
  EXPECT_EQ(s.comply.successes, 2);
  EXPECT_EQ(s.endorse.answers, 3);
  EXPECT_EQ(s.endorse.successes, 1);
  EXPECT_DOUBLE_EQ(s.endorse.prior_mean, 0.5);
  EXPECT_DOUBLE_EQ(s.endorse.prior_strength, 6);
  EXPECT_LT(s.comply.ci90_low, s.comply.mean);
  EXPECT_GT(s.comply.ci90_high, s.comply.mean);
  boost::math::beta_distribution<double> beta(1.4 + 2, 2.6 + 5);
  EXPECT_NEAR(s.comply.ci90_low, boost::math::quantile(beta, 0.05), kCell);
  EXPECT_NEAR(s.comply.ci90_high, boost::math::quantile(beta, 0.95), kCell);
}

TEST(CalibrationTest, BadPriorsAndEvidenceAreNamed) {
  auto field_of = [](auto f) {
    try {
      f();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
      return e.field();
    }
    return std::string("accepted");
  };
  CalibrationEvidence ok;
  EXPECT_EQ(field_of([&] { calibrate(ok, {0, 4}, {0.5, 4}); }), "comply");
  EXPECT_EQ(field_of([&] { calibrate(ok, {0.35, 4}, {1, 4}); }), "endorse");
  EXPECT_EQ(field_of([&] { calibrate(ok, {0.35, 0}, {0.5, 4}); }), "prior_strength");
  CalibrationEvidence bad;
  bad.city_answers = 2;
  bad.city_complied = 3;
  EXPECT_EQ(field_of([&] { calibrate(bad, {0.35, 4}, {0.5, 4}); }), "evidence");
  bad = {};
  bad.ministries = {{0, true}};
  EXPECT_EQ(field_of([&] { calibrate(bad, {0.35, 4}, {0.5, 4}); }), "evidence");
  EXPECT_FALSE(calibration_for(std::nullopt, {}, 4));
}

}  // namespace
}  // namespace twinning::network
