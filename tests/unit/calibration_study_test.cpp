#include "network/calibration_study.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/network_graphs.h"

namespace twinning::network {
namespace {

CalibrationStudyOptions small_study() {
  CalibrationStudyOptions o;
  o.seeds = {1, 2};
  o.campaigns = 300;
  o.waves = 3;
  o.forecast_runs = 64;
  o.hidden_from_prior = true;
  o.threads = 2;
  return o;
}

TwinGraph small_world() {
  return testing::random_twin_graph(
      300, 450, {"GB", "RU", "DE", "FR", "TW", "PS", "IT", "ES", "PL", "CN", "JP", "US"}, 5);
}

// The "Done when" of issue 18 at unit-test scale: with the hidden p and q
// drawn from the priors, a correct posterior's 90% interval holds them in
// 90% of campaigns after every wave (300 campaigns: 85-95% is about three
// standard errors either side), and the forecast's error on the final
// tally shrinks as the answers come in, to nothing once all are known.
TEST(CalibrationStudyTest, IntervalsCoverTheTruthAndTheErrorShrinks) {
  const CalibrationStudyResult r = calibration_study(small_world(), small_study());
  ASSERT_EQ(r.waves.size(), 4u);
  EXPECT_EQ(r.campaigns, 300);
  EXPECT_GT(r.mean_final_tally, 1);
  EXPECT_EQ(r.waves[0].city_answers, 0);
  for (std::size_t w = 0; w < r.waves.size(); ++w) {
    const StudyWave& s = r.waves[w];
    EXPECT_EQ(s.is_final, w == 3);
    EXPECT_GE(s.comply_covered, 0.85) << w;
    EXPECT_LE(s.comply_covered, 0.95) << w;
    EXPECT_GE(s.endorse_covered, 0.85) << w;
    EXPECT_LE(s.endorse_covered, 0.95) << w;
    if (w == 0) continue;
    const StudyWave& before = r.waves[w - 1];
    EXPECT_GT(s.city_answers, before.city_answers) << w;
    EXPECT_LT(s.comply_width, before.comply_width) << w;
    EXPECT_LT(s.mean_absolute_error, before.mean_absolute_error) << w;
  }
  EXPECT_DOUBLE_EQ(r.waves.back().mean_absolute_error, 0.0);
}

TEST(CalibrationStudyTest, TheSameRngGivesTheSameStudyWhateverTheThreads) {
  CalibrationStudyOptions o = small_study();
  o.campaigns = 20;
  o.hidden_from_prior = false;
  const TwinGraph g = small_world();
  const CalibrationStudyResult a = calibration_study(g, o);
  o.threads = 1;
  const CalibrationStudyResult b = calibration_study(g, o);
  ASSERT_EQ(a.waves.size(), b.waves.size());
  for (std::size_t w = 0; w < a.waves.size(); ++w) {
    EXPECT_EQ(a.waves[w].mean_error, b.waves[w].mean_error);
    EXPECT_EQ(a.waves[w].comply_covered, b.waves[w].comply_covered);
  }
}

TEST(CalibrationStudyTest, BadOptionsAreNamed) {
  const TwinGraph g = small_world();
  auto field_of = [&](auto change) {
    CalibrationStudyOptions o = small_study();
    change(o);
    try {
      calibration_study(g, o);
    } catch (const Error& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field_of([](auto& o) { o.campaigns = 0; }), "campaigns");
  EXPECT_EQ(field_of([](auto& o) { o.waves = 0; }), "waves");
  EXPECT_EQ(field_of([](auto& o) { o.forecast_runs = 0; }), "runs");
  EXPECT_EQ(field_of([](auto& o) { o.comply_high = 1.5; }), "comply");
  EXPECT_EQ(field_of([](auto& o) { o.endorse_low = 0.9; }), "endorse");
  EXPECT_EQ(field_of([](auto& o) { o.seeds = {9999}; }), "seed");
}

}  // namespace
}  // namespace twinning::network
