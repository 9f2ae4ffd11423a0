#include "network/random_stream.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>

namespace twinning::network {
namespace {

TEST(RandomStreamTest, ThresholdsAreExactAtTheEnds) {
  EXPECT_EQ(bernoulli_threshold(0.0), 0u);
  EXPECT_EQ(bernoulli_threshold(-1.0), 0u);
  EXPECT_EQ(bernoulli_threshold(1.0), std::uint64_t{1} << 53);
  EXPECT_EQ(bernoulli_threshold(0.5), std::uint64_t{1} << 52);
  EXPECT_EQ(bernoulli_threshold(0.25), std::uint64_t{1} << 51);
  auto rng = Xoshiro256ss::for_stream(1, 0);
  EXPECT_EQ(bernoulli_mask(rng, 0), 0u);
  EXPECT_EQ(bernoulli_mask(rng, std::uint64_t{1} << 53), ~std::uint64_t{0});
}

TEST(RandomStreamTest, MasksHaveTheRightFrequencyInEveryLane) {
  for (double p : {0.35, 0.5, 0.01, 0.999}) {
    const std::uint64_t t = bernoulli_threshold(p);
    auto rng = Xoshiro256ss::for_stream(7, 3);
    const int masks = 20000;
    std::vector<int> per_lane(64, 0);
    long total = 0;
    for (int i = 0; i < masks; ++i) {
      std::uint64_t m = bernoulli_mask(rng, t);
      total += std::popcount(m);
      for (int b = 0; b < 64; ++b) per_lane[b] += (m >> b) & 1;
    }
    const double n = 64.0 * masks;
    EXPECT_NEAR(total / n, p, 4 * std::sqrt(p * (1 - p) / n)) << p;
    // Each lane alone (one lane 5 sigmas off would show a bias by lane).
    for (int b = 0; b < 64; ++b) {
      EXPECT_NEAR(per_lane[b] / double(masks), p, 5 * std::sqrt(p * (1 - p) / masks))
          << "p " << p << " lane " << b;
    }
  }
}

TEST(RandomStreamTest, LanesWithOneThresholdDrawExactlyAsThatThreshold) {
  for (double p : {0.0, 0.35, 0.5, 0.01, 0.999, 1.0}) {
    const std::uint64_t t = bernoulli_threshold(p);
    const LaneThresholds sliced = slice_thresholds(t);
    auto a = Xoshiro256ss::for_stream(5, 1), b = Xoshiro256ss::for_stream(5, 1);
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(bernoulli_mask(a, sliced), bernoulli_mask(b, t)) << p;
    EXPECT_EQ(a.next(), b.next()) << p;  // and drew as many numbers
  }
}

TEST(RandomStreamTest, EachLaneHasItsOwnProbability) {
  std::uint64_t thresholds[64];
  for (int l = 0; l < 64; ++l) thresholds[l] = bernoulli_threshold(l / 63.0);
  const LaneThresholds sliced = slice_thresholds(thresholds);
  auto rng = Xoshiro256ss::for_stream(11, 2);
  const int masks = 20000;
  std::vector<int> per_lane(64, 0);
  for (int i = 0; i < masks; ++i) {
    const std::uint64_t m = bernoulli_mask(rng, sliced);
    for (int l = 0; l < 64; ++l) per_lane[l] += (m >> l) & 1;
  }
  EXPECT_EQ(per_lane[0], 0);
  EXPECT_EQ(per_lane[63], masks);
  for (int l = 1; l < 63; ++l) {
    const double p = l / 63.0;
    EXPECT_NEAR(per_lane[l] / double(masks), p, 5 * std::sqrt(p * (1 - p) / masks)) << l;
  }
}

TEST(RandomStreamTest, ScalarDrawsMatchTheirProbability) {
  auto rng = Xoshiro256ss::for_stream(9, 0);
  const std::uint64_t t = bernoulli_threshold(0.35);
  const int n = 200000;
  int hits = 0;
  for (int i = 0; i < n; ++i) hits += rng.bernoulli(t);
  EXPECT_NEAR(hits / double(n), 0.35, 4 * std::sqrt(0.35 * 0.65 / n));
}

TEST(RandomStreamTest, StreamsAreDistinctAndRepeatable) {
  auto a = Xoshiro256ss::for_stream(1, 0), b = Xoshiro256ss::for_stream(1, 1),
       c = Xoshiro256ss::for_stream(2, 0), d = Xoshiro256ss::for_stream(1, 0);
  const std::uint64_t x = a.next();
  EXPECT_NE(x, b.next());
  EXPECT_NE(x, c.next());
  EXPECT_EQ(x, d.next());
}

}  // namespace
}  // namespace twinning::network
