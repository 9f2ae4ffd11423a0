#include "network/greedy_planner.h"

#include <algorithm>
#include <bit>
#include <memory>
#include <queue>
#include <thread>

#include "network/random_stream.h"

namespace twinning::network {
namespace {

// A cell of SampledWorlds: the city's component label in the world (low 31
// bits) and whether its own ask to its ministry succeeds there and counts
// (top bit). Two labels are reserved: kUnwilling, the city would not comply
// in that world, and kBarren, its component holds no ask that counts, so
// reaching it adds nothing.
constexpr std::uint32_t kLabelMask = 0x7fffffffu;
constexpr std::uint32_t kUnwilling = kLabelMask;
constexpr std::uint32_t kBarren = kLabelMask - 1;
constexpr std::uint32_t kUnlabelled = kLabelMask - 2;  // while sampling only
constexpr std::uint32_t kAskBit = 0x80000000u;

// A component's countries, in one 64-bit word: up to three country indices
// inline (16 bits each) with their count in bits 48-49, or, for count 0, an
// offset into the overflow masks in bits 0-47.
constexpr int kInline = 3;
constexpr std::uint64_t kOffsetMask = (std::uint64_t{1} << 48) - 1;

// Worlds are sampled 64 at a time, one per bit of a mask, from random
// stream (seed, block).
constexpr int kBlock = 64;

// Runs `fn(begin, end)` on `threads` threads over [0, count) split into
// contiguous ranges; on the calling thread when threads == 1.
template <class Fn>
void parallel_ranges(int threads, std::size_t count, Fn fn) {
  auto range = [&](int t) { fn(count * t / threads, count * (t + 1) / threads); };
  if (threads == 1) return range(0);
  std::vector<std::jthread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(range, t);
}

// The sampled worlds, stored city-major (cell [v * runs + w]) so that a
// city's gain reads its own and its twins' rows sequentially, plus the
// state of the greedy selection: which components already comply and which
// countries already endorse, per world. Reading (gain) is safe from several
// threads; activate() is not.
class SampledWorlds {
 public:
  // Scratch space of one thread calling gain().
  struct Scratch {
    explicit Scratch(const SampledWorlds& w) : mask(w.words_), seen(w.graph_.country_count(), 0) {}
    std::vector<std::uint64_t> mask;
    std::vector<std::uint32_t> seen;  // == stamp: already counted in this world
    std::vector<CountryIndex> found;
    std::uint32_t stamp = 0;
  };

  SampledWorlds(const TwinGraph& g, const CascadeSetup& setup, const Calibration* calibration,
                int runs, std::uint64_t seed, int threads)
      : graph_(g), runs_(runs), words_((g.country_count() + 63) / 64) {
    // Left uninitialised: the samplers write every cell.
    cells_.reset(new std::uint32_t[static_cast<std::size_t>(g.node_count()) * runs]);
    // Per world: its components' lists of countries, merged below.
    std::vector<WorldUnits> worlds(runs);
    const std::size_t blocks = (runs + kBlock - 1) / kBlock;
    parallel_ranges(threads, blocks, [&](std::size_t begin, std::size_t end) {
      BlockSampler sampler(*this, setup, calibration);
      for (std::size_t block = begin; block < end; ++block) {
        sampler.sample(block, Xoshiro256ss::for_stream(seed, block), worlds);
      }
    });
    merge(worlds);
    active_.assign((units_.size() + 63) / 64, 0);
    endorsed_.assign(static_cast<std::size_t>(runs) * words_, 0);
  }

  // Sum over the worlds of the counting countries that writing to `v`
  // would add to those endorsing already.
  std::uint64_t gain(Node v, Scratch& s) const {
    std::uint64_t total = 0;
    for (int w = 0; w < runs_; ++w) {
      if (!world_gain(v, w, s)) {
        total += s.found.size();
        continue;
      }
      const std::uint64_t* e = endorsed(w);
      for (int i = 0; i < words_; ++i) total += std::popcount(s.mask[i] & ~e[i]);
    }
    return total;
  }

  // Per country: the worlds in which writing to `v` would make it endorse
  // (gain split by country; the counts sum to gain(v)).
  std::vector<std::uint32_t> gain_by_country(Node v, Scratch& s) const {
    std::vector<std::uint32_t> worlds(graph_.country_count(), 0);
    for (int w = 0; w < runs_; ++w) {
      if (!world_gain(v, w, s)) {
        for (CountryIndex c : s.found) ++worlds[c];
        continue;
      }
      const std::uint64_t* e = endorsed(w);
      for (int i = 0; i < words_; ++i) {
        for (std::uint64_t x = s.mask[i] & ~e[i]; x != 0; x &= x - 1) {
          ++worlds[64 * i + std::countr_zero(x)];
        }
      }
    }
    return worlds;
  }

  // Per country: the worlds in which it endorses already.
  std::vector<std::uint32_t> endorsing_worlds() const {
    std::vector<std::uint32_t> worlds(graph_.country_count(), 0);
    for (int w = 0; w < runs_; ++w) {
      const std::uint64_t* e = endorsed(w);
      for (int i = 0; i < words_; ++i) {
        for (std::uint64_t x = e[i]; x != 0; x &= x - 1) ++worlds[64 * i + std::countr_zero(x)];
      }
    }
    return worlds;
  }

  // The counting countries writing to `v` adds in world `w`: in s.found
  // when it returns false; otherwise in s.mask, those of s.mask not
  // endorsing already (s.found merged into it).
  bool world_gain(Node v, int w, Scratch& s) const {
    const std::uint64_t* e = endorsed(w);
    if (++s.stamp == 0) {  // the stamps wrapped: forget them all once
      std::fill(s.seen.begin(), s.seen.end(), 0);
      s.stamp = 1;
    }
    s.found.clear();
    bool masked = false;
    auto add_country = [&](CountryIndex c) {
      if (!has(e, c) && s.seen[c] != s.stamp) {
        s.seen[c] = s.stamp;
        s.found.push_back(c);
      }
    };
    collect(
        v, w,
        [&](std::uint32_t unit) {
          const std::uint64_t rec = units_[unit];
          const int count = static_cast<int>((rec >> 48) & 3);
          if (count == 0) {
            if (!masked) std::fill(s.mask.begin(), s.mask.end(), 0);
            masked = true;
            const std::uint64_t* m = &masks_[rec & kOffsetMask];
            for (int i = 0; i < words_; ++i) s.mask[i] |= m[i];
          }
          for (int i = 0; i < count; ++i) add_country(inline_country(rec, i));
        },
        add_country);
    if (masked) {
      for (CountryIndex c : s.found) set(s.mask.data(), c);
    }
    return masked;
  }

  // Makes `v` comply in every world: the components it reaches become
  // active and their countries endorsing.
  void activate(Node v) {
    for (int w = 0; w < runs_; ++w) {
      std::uint64_t* e = endorsed(w);
      collect(
          v, w,
          [&](std::uint32_t unit) {
            set(active_.data(), unit);
            const std::uint64_t rec = units_[unit];
            const int count = static_cast<int>((rec >> 48) & 3);
            if (count == 0) {
              const std::uint64_t* m = &masks_[rec & kOffsetMask];
              for (int i = 0; i < words_; ++i) e[i] |= m[i];
            }
            for (int i = 0; i < count; ++i) set(e, inline_country(rec, i));
          },
          [&](CountryIndex c) { set(e, c); });
    }
  }

  int runs() const { return runs_; }

  // Endorsing counting countries, summed over the worlds.
  std::uint64_t endorsed_total() const {
    std::uint64_t total = 0;
    for (std::uint64_t word : endorsed_) total += std::popcount(word);
    return total;
  }

 private:
  struct WorldUnits {
    std::vector<std::uint32_t> offsets{0};
    std::vector<CountryIndex> countries;
  };

  // Samples 64 worlds at once: every city's compliance and ask coins for
  // all of them (bit-sliced), then each world's components of complying
  // cities by breadth-first search, then the block's cells city by city.
  // Each world has its own p and q: the setup's, or, calibrated, drawn
  // from the posterior at the start of the block.
  class BlockSampler {
   public:
    BlockSampler(SampledWorlds& worlds, const CascadeSetup& setup, const Calibration* calibration)
        : w_(worlds),
          setup_(setup),
          calibration_(calibration),
          comply_(slice_thresholds(setup.comply_threshold)),
          endorse_(slice_thresholds(setup.endorse_threshold)),
          willing_(worlds.graph_.node_count()),
          asks_(worlds.graph_.node_count()),
          labels_(static_cast<std::size_t>(worlds.graph_.node_count()) * kBlock),
          queue_(worlds.graph_.node_count()),
          stamp_(worlds.graph_.country_count(), 0),
          counted_(worlds.graph_.country_count()) {
      const TwinGraph& g = w_.graph_;
      // Only asks from open UN member states can add to the value.
      for (CountryIndex c = 0; c < g.country_count(); ++c) {
        counted_[c] = g.un_member(c) && setup.country_role[c] == CountryRole::kOpen;
      }
    }

    void sample(std::size_t block, Xoshiro256ss rng, std::vector<WorldUnits>& worlds) {
      const TwinGraph& g = w_.graph_;
      const Node n = g.node_count();
      if (calibration_ != nullptr) draw_parameters(*calibration_, rng, comply_, endorse_);
      for (Node v = 0; v < n; ++v) {
        willing_[v] = bernoulli_mask(rng, comply_);
        asks_[v] = bernoulli_mask(rng, endorse_);
        if (setup_.node_role[v] == NodeRole::kDeclined) willing_[v] = 0;
        if (!counted_[g.country_of(v)] || setup_.ask_spent[v]) asks_[v] = 0;
      }
      const std::size_t first = block * kBlock;
      const int in_block = static_cast<int>(std::min<std::size_t>(kBlock, w_.runs_ - first));
      for (int b = 0; b < in_block; ++b) {
        label_world(b, &labels_[static_cast<std::size_t>(b) * n], worlds[first + b]);
      }
      for (Node v = 0; v < n; ++v) {
        std::uint32_t* row = &w_.cells_[w_.cell(v, first)];
        for (int b = 0; b < in_block; ++b) {
          row[b] =
              labels_[static_cast<std::size_t>(b) * n + v] | (((asks_[v] >> b) & 1) ? kAskBit : 0);
        }
      }
    }

   private:
    // Labels the components of complying cities in world bit `b`; a
    // component without a counting ask is labelled kBarren.
    void label_world(int b, std::uint32_t* label, WorldUnits& out) {
      const TwinGraph& g = w_.graph_;
      const Node n = g.node_count();
      for (Node v = 0; v < n; ++v) label[v] = (willing_[v] >> b) & 1 ? kUnlabelled : kUnwilling;
      for (Node s = 0; s < n; ++s) {
        if (label[s] != kUnlabelled) continue;
        const auto id = static_cast<std::uint32_t>(out.offsets.size() - 1);
        ++next_stamp_;
        std::size_t tail = 0;
        queue_[tail++] = s;
        label[s] = id;
        for (std::size_t head = 0; head < tail; ++head) {
          const Node u = queue_[head];
          const CountryIndex c = g.country_of(u);
          if (((asks_[u] >> b) & 1) && stamp_[c] != next_stamp_) {
            stamp_[c] = next_stamp_;
            out.countries.push_back(c);
          }
          for (Node v : g.neighbours(u)) {
            if (label[v] == kUnlabelled) {
              label[v] = id;
              queue_[tail++] = v;
            }
          }
        }
        if (out.countries.size() == out.offsets.back()) {
          for (std::size_t i = 0; i < tail; ++i) label[queue_[i]] = kBarren;
        } else {
          out.offsets.push_back(static_cast<std::uint32_t>(out.countries.size()));
        }
      }
    }

    SampledWorlds& w_;
    const CascadeSetup& setup_;
    const Calibration* calibration_;             // null: every world has the setup's p and q
    LaneThresholds comply_, endorse_;            // per world of the block
    std::vector<std::uint64_t> willing_, asks_;  // per city, a bit per world of the block
    std::vector<std::uint32_t> labels_;          // per world of the block, per city
    std::vector<Node> queue_;
    std::vector<std::uint32_t> stamp_;
    std::uint32_t next_stamp_ = 0;
    std::vector<char> counted_;
  };

  // Numbers all worlds' components globally (world w's start at base_[w])
  // and packs each one's countries into its 64-bit record.
  void merge(std::vector<WorldUnits>& worlds) {
    base_.resize(runs_);
    for (int w = 0; w < runs_; ++w) {
      base_[w] = static_cast<std::uint32_t>(units_.size());
      const WorldUnits& world = worlds[w];
      for (std::size_t k = 0; k + 1 < world.offsets.size(); ++k) {
        const std::uint32_t first = world.offsets[k], last = world.offsets[k + 1];
        const std::uint32_t count = last - first;
        if (count <= kInline) {
          std::uint64_t rec = std::uint64_t{count} << 48;
          for (std::uint32_t i = 0; i < count; ++i) {
            rec |= std::uint64_t{world.countries[first + i]} << (16 * i);
          }
          units_.push_back(rec);
        } else {
          units_.push_back(masks_.size());
          masks_.resize(masks_.size() + words_, 0);
          std::uint64_t* m = &masks_[masks_.size() - words_];
          for (std::uint32_t i = first; i < last; ++i) set(m, world.countries[i]);
        }
      }
      worlds[w] = {};
    }
  }

  static bool has(const std::uint64_t* bits, std::size_t i) {
    return (bits[i / 64] >> (i % 64)) & 1;
  }
  static void set(std::uint64_t* bits, std::size_t i) {
    bits[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  static CountryIndex inline_country(std::uint64_t rec, int i) {
    return static_cast<CountryIndex>(rec >> (16 * i));
  }
  std::size_t cell(Node v, std::size_t w) const { return static_cast<std::size_t>(v) * runs_ + w; }
  const std::uint64_t* endorsed(int w) const {
    return &endorsed_[static_cast<std::size_t>(w) * words_];
  }
  std::uint64_t* endorsed(int w) { return &endorsed_[static_cast<std::size_t>(w) * words_]; }

  // What `v` complying adds in world `w`: when v would comply anyway, its
  // own component; otherwise v's own ask (passed to `on_own_ask` if it
  // counts) and the components of its twins that would comply. Calls
  // `on_unit` for each inactive component that holds a counting ask
  // (possibly twice for one).
  template <class OnUnit, class OnOwnAsk>
  void collect(Node v, int w, OnUnit on_unit, OnOwnAsk on_own_ask) const {
    const std::uint32_t x = cells_[cell(v, w)];
    const std::uint32_t label = x & kLabelMask;
    if (label != kUnwilling) {
      if (label != kBarren && !has(active_.data(), base_[w] + label)) on_unit(base_[w] + label);
      return;
    }
    if (x & kAskBit) on_own_ask(graph_.country_of(v));
    for (Node u : graph_.neighbours(v)) {
      const std::uint32_t y = cells_[cell(u, w)] & kLabelMask;
      if (y >= kBarren) continue;  // kBarren or kUnwilling
      if (!has(active_.data(), base_[w] + y)) on_unit(base_[w] + y);
    }
  }

  const TwinGraph& graph_;
  int runs_;
  int words_;  // 64-bit words in a country mask
  std::unique_ptr<std::uint32_t[]> cells_;
  std::vector<std::uint32_t> base_;      // per world: global number of its first component
  std::vector<std::uint64_t> units_;     // per component: its countries (see kInline)
  std::vector<std::uint64_t> masks_;     // country masks of components with more than kInline
  std::vector<std::uint64_t> active_;    // bit per component: complying already
  std::vector<std::uint64_t> endorsed_;  // per world: bitset of endorsing counting countries
};

// What `v` would add, per country, before it is activated in `worlds`.
PickEstimate estimate_pick(const TwinGraph& graph, const SampledWorlds& worlds, Node v,
                           std::uint64_t gain, SampledWorlds::Scratch& scratch) {
  const double runs = worlds.runs();
  PickEstimate e;
  e.node = v;
  e.gain = static_cast<double>(gain) / runs;
  const std::vector<std::uint32_t> gains = worlds.gain_by_country(v, scratch);
  const std::vector<std::uint32_t> before = worlds.endorsing_worlds();
  e.gain_by_country.resize(graph.country_count());
  e.before_by_country.resize(graph.country_count());
  for (CountryIndex c = 0; c < graph.country_count(); ++c) {
    e.gain_by_country[c] = gains[c] / runs;
    e.before_by_country[c] = before[c] / runs;
  }
  return e;
}

}  // namespace

GreedyPlan greedy_plan(const TwinGraph& graph, const CascadeSetup& setup,
                       const Calibration* calibration, const GreedyOptions& options) {
  const int runs = options.runs;
  const int threads = options.threads;
  SampledWorlds worlds(graph, setup, calibration, runs, options.rng, threads);
  for (Node s : setup.seeds) worlds.activate(s);

  GreedyPlan r;
  r.base = setup.endorsed_un_members +
           static_cast<double>(worlds.endorsed_total()) / static_cast<double>(runs);
  std::vector<Node> candidates;
  for (Node v = 0; v < graph.node_count(); ++v) {
    if (setup.node_role[v] == NodeRole::kOpen) candidates.push_back(v);
  }
  std::vector<std::uint64_t> first(candidates.size());
  parallel_ranges(threads, candidates.size(), [&](std::size_t begin, std::size_t end) {
    SampledWorlds::Scratch scratch(worlds);
    for (std::size_t i = begin; i < end; ++i) first[i] = worlds.gain(candidates[i], scratch);
  });
  r.evaluations = static_cast<std::int64_t>(candidates.size());

  // CELF: a max-heap of gains, each tagged with the number of picks it was
  // computed after; a gain computed after the current picks is exact, and
  // every other is an upper bound, so the top is picked once it is fresh.
  struct Entry {
    std::uint64_t gain;
    Node node;
    int round;
  };
  auto lower = [](const Entry& a, const Entry& b) {
    return a.gain != b.gain ? a.gain < b.gain : a.node > b.node;
  };
  std::priority_queue<Entry, std::vector<Entry>, decltype(lower)> heap(lower);
  for (std::size_t i = 0; i < candidates.size(); ++i) heap.push({first[i], candidates[i], 0});
  SampledWorlds::Scratch scratch(worlds);
  while (static_cast<int>(r.picks.size()) < options.budget && !heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    const int round = static_cast<int>(r.picks.size());
    if (top.round != round) {
      heap.push({worlds.gain(top.node, scratch), top.node, round});
      ++r.evaluations;
      continue;
    }
    if (top.gain == 0) break;
    r.picks.push_back(estimate_pick(graph, worlds, top.node, top.gain, scratch));
    worlds.activate(top.node);
  }
  return r;
}

}  // namespace twinning::network
