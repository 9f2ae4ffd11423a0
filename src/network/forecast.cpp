#include "network/forecast.h"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <thread>

#include "model/error.h"
#include "network/bfs_layout.h"
#include "network/random_stream.h"

namespace twinning::network {
namespace {

// Integer sums over runs; merged across threads without rounding, so the
// result does not depend on how the runs were split.
struct Totals {
  std::uint64_t value = 0, value_squared = 0, informed = 0, complying = 0;
  std::uint64_t reaching = 0;           // runs in which at least the target endorsed
  std::vector<std::uint64_t> endorsed;  // per country: runs in which it endorsed

  explicit Totals(std::size_t countries) : endorsed(countries, 0) {}
  void add(const Totals& o) {
    value += o.value;
    value_squared += o.value_squared;
    informed += o.informed;
    complying += o.complying;
    reaching += o.reaching;
    for (std::size_t c = 0; c < endorsed.size(); ++c) endorsed[c] += o.endorsed[c];
  }
};

// Runs simulated together: one per bit of kWords 64-bit words. Wider
// batches amortise each link's traversal over more runs; the cities a batch
// touches saturate near the size of the seeds' component.
constexpr int kWords = 8;
constexpr int kLanes = 64 * kWords;
using Lanes = std::array<std::uint64_t, kWords>;

bool any(const Lanes& m) {
  std::uint64_t x = 0;
  for (std::uint64_t w : m) x |= w;
  return x != 0;
}

// One thread's simulation state. It simulates kLanes runs at once (a
// multi-source breadth-first search over bit masks): each city holds one
// bit per run for "informed" and for "willing" (its compliance coin in that
// run, drawn for all runs of the batch when the city is first informed in
// any of them), a city complies in the runs where it is informed and
// willing, and the cascade spreads whole masks along each link. A city's
// coin is drawn once per run however it is reached, and who complies does
// not depend on the order the letters travel in, so this is the model of
// section 6 run kLanes times. Only the cities a batch touched are reset.
// Each run has its own p and q (its lane's threshold in comply_ and
// endorse_): all equal to the setup's, or, calibrated, drawn per run from
// the posterior at the start of the batch.
class CascadeSimulator {
 public:
  CascadeSimulator(const TwinGraph& graph, const BfsLayout& layout, const CascadeSetup& setup,
                   const Calibration* calibration, int target)
      : graph_(graph),
        layout_(layout),
        setup_(setup),
        calibration_(calibration),
        target_(static_cast<std::uint32_t>(target)),
        cities_(graph.node_count()),
        pending_(graph.node_count()),
        queue_(graph.node_count() + 1),
        endorsed_(graph.country_count()) {
    touched_.reserve(graph.node_count());
    comply_.fill(slice_thresholds(setup.comply_threshold));
    endorse_.fill(slice_thresholds(setup.endorse_threshold));
  }

  // Simulates the runs whose bits are set in `lanes` with `rng`.
  void run_batch(Xoshiro256ss& rng, const Lanes& lanes, Totals& totals) {
    if (calibration_ != nullptr) draw_parameters(rng);
    for (Node v : touched_) cities_[v].informed = {};
    touched_.clear();
    for (Node seed : setup_.seeds) {
      const Node s = layout_.renumber[seed];
      cities_[s] = {lanes, lanes};
      pending_[s] = lanes;
      touched_.push_back(s);
    }
    for (Node declined : setup_.declined) {
      const Node d = layout_.renumber[declined];
      cities_[d] = {lanes, {}};
      touched_.push_back(d);
    }
    spread(rng);
    endorse(rng, lanes, totals);
  }

 private:
  // Each run's p and q, drawn from the posterior.
  void draw_parameters(Xoshiro256ss& rng) {
    for (int i = 0; i < kWords; ++i) {
      network::draw_parameters(*calibration_, rng, comply_[i], endorse_[i]);
    }
  }

  struct CityLanes {
    Lanes informed;
    Lanes willing;  // valid where informed is non-zero; seeds are willing everywhere
  };

  void spread(Xoshiro256ss& rng) {
    const std::uint32_t* offsets = layout_.offsets.data();
    const Node* adjacency = layout_.adjacency.data();
    const LaneThresholds* comply = comply_.data();
    CityLanes* cities = cities_.data();
    Lanes* pending = pending_.data();
    Node* queue = queue_.data();
    const std::size_t capacity = queue_.size();
    // A ring: a city is queued only while its pending mask (complying, not
    // yet spread to its twins) is non-empty, so at most node_count()
    // entries ever wait.
    std::size_t head = 0, tail = 0;
    for (Node s : setup_.seeds) queue[tail++] = layout_.renumber[s];
    while (head != tail) {
      const Node u = queue[head];
      head = head + 1 == capacity ? 0 : head + 1;
      const Lanes m = pending[u];
      pending[u] = {};
      for (std::uint32_t e = offsets[u], end = offsets[u + 1]; e < end; ++e) {
        const Node v = adjacency[e];
        CityLanes& x = cities[v];
        Lanes fresh;
        std::uint64_t any_fresh = 0, any_was = 0;
        for (int i = 0; i < kWords; ++i) {
          fresh[i] = m[i] & ~x.informed[i];
          any_fresh |= fresh[i];
          any_was |= x.informed[i];
        }
        if (any_fresh == 0) continue;
        if (any_was == 0) {
          for (int i = 0; i < kWords; ++i) x.willing[i] = bernoulli_mask(rng, comply[i]);
          touched_.push_back(v);
        }
        Lanes joined;
        std::uint64_t any_joined = 0;
        for (int i = 0; i < kWords; ++i) {
          x.informed[i] |= fresh[i];
          joined[i] = fresh[i] & x.willing[i];
          any_joined |= joined[i];
        }
        if (any_joined == 0) continue;
        if (!any(pending[v])) {
          queue[tail] = v;
          tail = tail + 1 == capacity ? 0 : tail + 1;
        }
        for (int i = 0; i < kWords; ++i) pending[v][i] |= joined[i];
      }
    }
  }

  // Every complying city asks its ministry (one coin per run); a country
  // endorses in a run when one of its asks succeeded there.
  void endorse(Xoshiro256ss& rng, const Lanes& lanes, Totals& totals) {
    const CountryIndex* country_of = layout_.country_of.data();
    countries_.clear();
    for (Node v : touched_) {
      const CityLanes& x = cities_[v];
      Lanes complying;
      for (int i = 0; i < kWords; ++i) {
        totals.informed += std::popcount(x.informed[i]);
        complying[i] = x.informed[i] & x.willing[i];
        totals.complying += std::popcount(complying[i]);
      }
      const CountryIndex c = country_of[v];
      if (!any(complying) || setup_.country_role[c] != CountryRole::kOpen ||
          setup_.ask_spent[layout_.order[v]]) {
        continue;
      }
      const bool listed = any(endorsed_[c]);
      for (int i = 0; i < kWords; ++i) {
        if (complying[i] == 0) continue;
        endorsed_[c][i] |= complying[i] & bernoulli_mask(rng, endorse_[i]);
      }
      if (!listed && any(endorsed_[c])) countries_.push_back(c);
    }
    std::array<std::uint32_t, kLanes> value;
    value.fill(static_cast<std::uint32_t>(setup_.endorsed_un_members));
    for (CountryIndex c : countries_) {
      for (int i = 0; i < kWords; ++i) {
        std::uint64_t e = endorsed_[c][i];
        totals.endorsed[c] += std::popcount(e);
        if (!graph_.un_member(c)) continue;
        for (; e != 0; e &= e - 1) ++value[64 * i + std::countr_zero(e)];
      }
      endorsed_[c] = {};
    }
    for (int i = 0; i < kWords; ++i) {
      for (std::uint64_t l = lanes[i]; l != 0; l &= l - 1) {
        const std::uint64_t x = value[64 * i + std::countr_zero(l)];
        totals.value += x;
        totals.value_squared += x * x;
        totals.reaching += x >= target_ ? 1 : 0;
      }
    }
  }

  const TwinGraph& graph_;
  const BfsLayout& layout_;  // the simulation numbers cities as the layout does
  const CascadeSetup& setup_;
  const Calibration* calibration_;  // null: every run has the setup's p and q
  std::uint32_t target_;
  std::array<LaneThresholds, kWords> comply_, endorse_;  // per word of runs
  std::vector<CityLanes> cities_;
  std::vector<Lanes> pending_;
  std::vector<Node> queue_;
  std::vector<Node> touched_;            // cities with any bit set in this batch
  std::vector<Lanes> endorsed_;          // per country: runs of the batch in which it endorses
  std::vector<CountryIndex> countries_;  // countries with a non-empty endorsed_ mask
};

}  // namespace

ForecastResult forecast(const TwinGraph& graph, const ForecastOptions& options) {
  if (options.runs < 1 || options.runs > kMaxRuns) {
    throw_invalid("runs must be between 1 and " + std::to_string(kMaxRuns), "runs");
  }
  if (options.threads < 1 || options.threads > kMaxThreads) {
    throw_invalid("threads must be between 1 and " + std::to_string(kMaxThreads), "threads");
  }
  if (options.target < 0 || options.target > kMaxTarget) {
    throw_invalid("target must be between 0 and " + std::to_string(kMaxTarget), "target");
  }
  auto started = std::chrono::steady_clock::now();
  const CascadeSetup setup = prepare_cascade(graph, options.seeds, options.params, options.state);
  const std::optional<Calibration> calibration =
      calibration_for(options.evidence, options.params, options.prior_strength);
  // Cities renumbered from the seeds outward: a cascade's cities lie close
  // together in memory.
  const BfsLayout layout = BfsLayout::build(graph, setup.seeds);
  const int runs = options.runs;
  const int threads =
      static_cast<int>(std::min<std::int64_t>(options.threads, (runs + kLanes - 1) / kLanes));

  // Batch b holds runs kLanes b .. kLanes (b + 1) - 1 and draws from
  // stream (rng, b); threads take contiguous ranges of batches.
  const std::int64_t batches = (runs + kLanes - 1) / kLanes;
  std::vector<Totals> totals(threads, Totals(graph.country_count()));
  auto work = [&](int t) {
    CascadeSimulator sim(graph, layout, setup, calibration ? &*calibration : nullptr,
                         options.target);
    const std::int64_t begin = batches * t / threads;
    const std::int64_t end = batches * (t + 1) / threads;
    for (std::int64_t b = begin; b < end; ++b) {
      const std::int64_t in_batch = std::min<std::int64_t>(kLanes, runs - b * kLanes);
      Lanes lanes;
      for (int i = 0; i < kWords; ++i) {
        const std::int64_t bits = std::clamp<std::int64_t>(in_batch - 64 * i, 0, 64);
        lanes[i] = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
      }
      Xoshiro256ss rng = Xoshiro256ss::for_stream(options.rng, static_cast<std::uint64_t>(b));
      sim.run_batch(rng, lanes, totals[t]);
    }
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
  }
  Totals sum(graph.country_count());
  for (const Totals& t : totals) sum.add(t);

  ForecastResult r;
  r.runs = runs;
  r.threads = threads;
  for (Node s : setup.seeds) r.seeds.push_back(graph.city(s));
  const long double n = runs;
  const long double mean = static_cast<long double>(sum.value) / n;
  long double variance = 0;
  if (runs > 1) {
    variance = (static_cast<long double>(sum.value_squared) - n * mean * mean) / (n - 1);
    variance = std::max<long double>(variance, 0);
  }
  r.mean = static_cast<double>(mean);
  r.se = static_cast<double>(std::sqrt(variance / n));
  r.ci95_low = r.mean - 1.96 * r.se;
  r.ci95_high = r.mean + 1.96 * r.se;
  r.target = options.target;
  r.p_target = static_cast<double>(sum.reaching) / runs;
  r.p_target_se = std::sqrt(r.p_target * (1 - r.p_target) / runs);
  if (calibration) r.calibration = summarize(*calibration);
  r.mean_informed = static_cast<double>(static_cast<long double>(sum.informed) / n);
  r.mean_complying = static_cast<double>(static_cast<long double>(sum.complying) / n);
  // Per-country counts come from each thread's Totals::endorsed, merged
  // above: the runs themselves do no extra work for them.
  for (CountryIndex c = 0; c < graph.country_count(); ++c) {
    std::uint64_t k = setup.country_role[c] == CountryRole::kEndorsed ? runs : sum.endorsed[c];
    const double frequency = static_cast<double>(k) / runs;
    if (k > 0) r.countries.push_back({graph.country(c), frequency});
    if (graph.un_member(c)) r.members.push_back({graph.country(c), frequency});
  }
  std::stable_sort(r.countries.begin(), r.countries.end(),
                   [](const auto& a, const auto& b) { return a.frequency > b.frequency; });
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

ForecastResult forecast(store::Store& store, const ForecastOptions& options) {
  return forecast(load_twin_graph(store), options);
}

}  // namespace twinning::network
