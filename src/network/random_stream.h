// Random numbers for the Monte Carlo model: xoshiro256** (Blackman & Vigna),
// seeded through SplitMix64, with one independent stream per (seed, stream
// index) so that each batch of simulation runs draws from its own stream and
// the results do not depend on how batches are split between threads.
// Bernoulli draws compare 53 random bits with a threshold precomputed from
// p: one draw is one generator step and an integer comparison, and 64 draws
// at once (bernoulli_mask) take a handful of steps.
//
// A generator is a small value type, not thread-safe: one per thread.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace twinning::network {

// SplitMix64: a fast, well-mixed sequence; used to seed xoshiro.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

class Xoshiro256ss {
 public:
  // The generator of stream `stream` under `seed`: distinct (seed, stream)
  // pairs give unrelated sequences.
  static Xoshiro256ss for_stream(std::uint64_t seed, std::uint64_t stream) {
    SplitMix64 mix(seed ^ SplitMix64(stream).next());
    Xoshiro256ss g;
    for (auto& w : g.s_) w = mix.next();
    return g;
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // True with probability threshold / 2^53 (see bernoulli_threshold).
  bool bernoulli(std::uint64_t threshold) { return (next() >> 11) < threshold; }

 private:
  Xoshiro256ss() = default;
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4] = {};
};

// 64 independent Bernoulli draws, one per bit, each true with probability
// threshold / 2^53 exactly as Xoshiro256ss::bernoulli: bit-sliced, each
// lane's 53-bit uniform number is compared with the threshold from the top
// bit down, one generator step per bit position, stopping once every lane
// is decided. About log2(64) + 2 steps for a threshold with many bits, one
// for p = 1/2.
inline std::uint64_t bernoulli_mask(Xoshiro256ss& rng, std::uint64_t threshold) {
  constexpr std::uint64_t kOne = std::uint64_t{1} << 53;
  if (threshold == 0) return 0;
  if (threshold >= kOne) return ~std::uint64_t{0};
  const int lowest = std::countr_zero(threshold);  // below it the threshold is all zeros
  std::uint64_t success = 0, undecided = ~std::uint64_t{0};
  for (int bit = 52; bit >= lowest && undecided != 0; --bit) {
    const std::uint64_t r = rng.next();
    if ((threshold >> bit) & 1) {
      success |= undecided & ~r;  // a 0 where the threshold has a 1: below it
      undecided &= r;
    } else {
      undecided &= ~r;  // a 1 where the threshold has a 0: above it
    }
  }
  return success;  // lanes still undecided equal the threshold's top bits: not below
}

// The thresholds of 64 lanes that each have their own probability, sliced
// into bit planes: plane[b] has lane l's bit set when lane l's threshold has
// bit b set; `always` marks lanes whose threshold is 2^53 (probability 1).
// `lowest` is the lowest bit set in any plane. Built by slice_thresholds.
struct LaneThresholds {
  std::uint64_t plane[53] = {};
  std::uint64_t always = 0;
  int lowest = 53;
};

// The bit planes of `thresholds` (as bernoulli_threshold returns, one per
// lane).
inline LaneThresholds slice_thresholds(const std::uint64_t (&thresholds)[64]) {
  constexpr std::uint64_t kOne = std::uint64_t{1} << 53;
  LaneThresholds t;
  for (int lane = 0; lane < 64; ++lane) {
    const std::uint64_t bit = std::uint64_t{1} << lane;
    if (thresholds[lane] >= kOne) {
      t.always |= bit;
      continue;
    }
    for (std::uint64_t x = thresholds[lane]; x != 0; x &= x - 1)
      t.plane[std::countr_zero(x)] |= bit;
  }
  for (int b = 0; b < 53; ++b) {
    if (t.plane[b] != 0) {
      t.lowest = b;
      break;
    }
  }
  return t;
}

// The bit planes of 64 lanes that all have threshold `threshold`.
inline LaneThresholds slice_thresholds(std::uint64_t threshold) {
  std::uint64_t t[64];
  for (auto& x : t) x = threshold;
  return slice_thresholds(t);
}

// 64 independent Bernoulli draws, lane l true with probability (lane l's
// threshold) / 2^53: the comparison of bernoulli_mask(rng, threshold) with a
// threshold per lane. With every lane's threshold equal it returns exactly
// what that function returns and draws the same numbers.
inline std::uint64_t bernoulli_mask(Xoshiro256ss& rng, const LaneThresholds& t) {
  std::uint64_t success = t.always, undecided = ~t.always;
  for (int bit = 52; bit >= t.lowest && undecided != 0; --bit) {
    const std::uint64_t r = rng.next();
    const std::uint64_t set = t.plane[bit];
    success |= undecided & set & ~r;  // a 0 where the threshold has a 1: below it
    undecided &= ~(r ^ set);          // still equal to the threshold's top bits
  }
  return success;
}

// The threshold for which Xoshiro256ss::bernoulli succeeds with probability
// p, exact to 2^-53: 0 for p <= 0, 2^53 for p >= 1.
inline std::uint64_t bernoulli_threshold(double p) {
  if (!(p > 0)) return 0;
  if (p >= 1) return std::uint64_t{1} << 53;
  return static_cast<std::uint64_t>(std::ldexp(p, 53));
}

}  // namespace twinning::network
