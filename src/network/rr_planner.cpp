#include "network/rr_planner.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "network/random_stream.h"

namespace twinning::network {
namespace {

// RR sets in CSR form: set s holds nodes[offsets[s] .. offsets[s + 1]) and
// was drawn for root country root[s]; a set the seeds met is empty and
// flagged in by_seeds.
struct RrSets {
  std::vector<std::uint64_t> offsets{0};
  std::vector<Node> nodes;
  std::vector<CountryIndex> root;
  std::vector<char> by_seeds;

  std::int64_t size() const { return static_cast<std::int64_t>(root.size()); }
  void append(const RrSets& o) {
    const std::uint64_t shift = nodes.size();
    nodes.insert(nodes.end(), o.nodes.begin(), o.nodes.end());
    for (std::size_t s = 1; s < o.offsets.size(); ++s) offsets.push_back(o.offsets[s] + shift);
    root.insert(root.end(), o.root.begin(), o.root.end());
    by_seeds.insert(by_seeds.end(), o.by_seeds.begin(), o.by_seeds.end());
  }
};

// Hops from the nearest seed to each city, not through declined cities;
// cities no seed reaches get the largest distance plus one. The searches
// below look at the cities nearest the seeds first.
std::vector<std::uint16_t> seed_distances(const TwinGraph& graph, const CascadeSetup& setup) {
  constexpr std::uint16_t kUnreached = 0xffff;
  std::vector<std::uint16_t> distance(graph.node_count(), kUnreached);
  std::vector<Node> queue;
  for (Node s : setup.seeds) {
    distance[s] = 0;
    queue.push_back(s);
  }
  std::uint16_t farthest = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Node u = queue[head];
    if (setup.node_role[u] == NodeRole::kDeclined) continue;
    for (Node v : graph.neighbours(u)) {
      if (distance[v] != kUnreached) continue;
      distance[v] = static_cast<std::uint16_t>(std::min(distance[u] + 1, kUnreached - 2));
      farthest = std::max(farthest, distance[v]);
      queue.push_back(v);
    }
  }
  for (auto& d : distance) d = std::min<std::uint16_t>(d, farthest + 1);
  return distance;
}

// Draws RR sets (see the header): one thread's scratch space.
//
// The search is best-first by distance from the seeds (a bucket queue,
// and the root's cities sorted by distance): which cities are in a set
// does not depend on the order they are looked at, nor does any coin's
// chance (each is drawn once, when its city is first looked at), but a set
// that meets a seed meets it sooner this way, and those sets, which run
// into the large clusters of complying cities around the seeds, are most
// of the work.
class RrSampler {
 public:
  RrSampler(const TwinGraph& graph, const CascadeSetup& setup, const Calibration* calibration,
            const std::vector<CountryIndex>& roots,
            const std::vector<std::vector<Node>>& cities_of,
            const std::vector<std::uint16_t>& distance)
      : graph_(graph),
        setup_(setup),
        calibration_(calibration),
        roots_(roots),
        cities_of_(cities_of),
        distance_(distance),
        seen_(graph.node_count(), 0) {
    std::uint16_t farthest = 0;
    for (std::uint16_t d : distance) farthest = std::max(farthest, d);
    buckets_.resize(static_cast<std::size_t>(farthest) + 1);
  }

  // Appends set `index` of the stream family `seed` to `out`.
  void draw(std::uint64_t seed, std::uint64_t index, RrSets& out) {
    Xoshiro256ss rng = Xoshiro256ss::for_stream(seed, index);
    std::uint64_t comply = setup_.comply_threshold, endorse = setup_.endorse_threshold;
    if (calibration_ != nullptr) {
      comply = bernoulli_threshold(calibration_->comply.sample(rng.next() >> 11));
      endorse = bernoulli_threshold(calibration_->endorse.sample(rng.next() >> 11));
    }
    // Multiply-shift: a root uniform up to 2^-32.
    const auto pick = static_cast<std::size_t>(((rng.next() >> 32) * roots_.size()) >> 32);
    const CountryIndex c = roots_[pick];
    out.root.push_back(c);
    const bool by_seeds = search(rng, c, comply, endorse, out.nodes);
    out.by_seeds.push_back(by_seeds ? 1 : 0);
    out.offsets.push_back(out.nodes.size());
  }

 private:
  // The backward search; true when it met a seed (then nothing is kept).
  bool search(Xoshiro256ss& rng, CountryIndex c, std::uint64_t comply, std::uint64_t endorse,
              std::vector<Node>& out) {
    if (++stamp_ == 0) {  // wrapped: forget every mark once
      std::fill(seen_.begin(), seen_.end(), 0);
      stamp_ = 1;
    }
    for (auto& bucket : buckets_) bucket.clear();
    pending_ = 0;
    lowest_ = buckets_.size();
    // c's cities are looked at in order of distance too, each ask coin
    // drawn when its city's turn comes (a city reached through a twin
    // first is in the set whatever its ask), so that a set that meets a
    // seed early draws no coin for the country's far cities. Only cities
    // whose ask succeeds can make c endorse.
    const std::vector<Node>& cities = cities_of_[c];  // nearest the seeds first
    std::size_t next_city = 0;
    const std::size_t first = out.size();
    while (true) {
      if (pending_ > 0) {
        while (buckets_[lowest_].empty()) ++lowest_;
      }
      Node y;
      if (next_city < cities.size() &&
          (pending_ == 0 || distance_[cities[next_city]] <= lowest_)) {
        y = cities[next_city++];
        if (seen_[y] == stamp_ || setup_.node_role[y] == NodeRole::kDeclined ||
            setup_.ask_spent[y] || !rng.bernoulli(endorse)) {
          continue;
        }
        if (setup_.node_role[y] == NodeRole::kSeed) {
          out.resize(first);
          return true;
        }
        seen_[y] = stamp_;
      } else if (pending_ > 0) {
        y = buckets_[lowest_].back();
        buckets_[lowest_].pop_back();
        --pending_;
      } else {
        return false;
      }
      out.push_back(y);
      // A letter to y itself makes y comply; reaching y from a twin needs
      // y's own compliance coin.
      if (!rng.bernoulli(comply)) continue;
      for (Node x : graph_.neighbours(y)) {
        if (seen_[x] == stamp_) continue;
        seen_[x] = stamp_;
        const NodeRole role = setup_.node_role[x];
        if (role == NodeRole::kSeed) {
          out.resize(first);
          return true;
        }
        if (role == NodeRole::kDeclined) continue;
        push(x);
      }
    }
  }

  void push(Node v) {
    const std::size_t d = distance_[v];
    buckets_[d].push_back(v);
    lowest_ = std::min(lowest_, d);
    ++pending_;
  }

  const TwinGraph& graph_;
  const CascadeSetup& setup_;
  const Calibration* calibration_;
  const std::vector<CountryIndex>& roots_;
  const std::vector<std::vector<Node>>& cities_of_;
  const std::vector<std::uint16_t>& distance_;
  std::vector<std::uint32_t> seen_;
  std::uint32_t stamp_ = 0;
  std::vector<std::vector<Node>> buckets_;  // by distance from the seeds
  std::size_t lowest_ = 0;                  // no bucket below it holds a city
  std::size_t pending_ = 0;                 // cities in the buckets
};

// Samples sets [sets.size(), count) of stream family `seed` into `sets`,
// on `threads` threads, each set from its own stream: the same sets
// whatever the threads.
void sample_sets(const TwinGraph& graph, const CascadeSetup& setup, const Calibration* calibration,
                 const std::vector<CountryIndex>& roots,
                 const std::vector<std::vector<Node>>& cities_of,
                 const std::vector<std::uint16_t>& distance, std::uint64_t seed,
                 std::int64_t count, int threads, RrSets& sets) {
  const std::int64_t begin = sets.size();
  if (count <= begin) return;
  const std::int64_t todo = count - begin;
  threads = static_cast<int>(std::clamp<std::int64_t>(todo / 4096, 1, threads));
  std::vector<RrSets> parts(threads);
  auto work = [&](int t) {
    RrSampler sampler(graph, setup, calibration, roots, cities_of, distance);
    const std::int64_t from = begin + todo * t / threads, to = begin + todo * (t + 1) / threads;
    for (std::int64_t i = from; i < to; ++i) {
      sampler.draw(seed, static_cast<std::uint64_t>(i), parts[t]);
    }
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
  }
  for (const RrSets& part : parts) sets.append(part);
}

// Greedy maximum coverage of `sets` by up to `budget` candidates. Returns
// the picks with what each newly covers, per root country.
struct Coverage {
  std::vector<Node> picks;
  std::vector<std::vector<std::uint32_t>> newly;  // per pick, per country: sets newly covered
  std::vector<std::int64_t> newly_total;          // per pick
  std::int64_t covered = 0;                       // sets covered by the picks
};

Coverage greedy_cover(const RrSets& sets, const std::vector<char>& candidate, int budget,
                      CountryIndex countries, bool explain) {
  const std::size_t n = candidate.size();
  // Inverted index: the sets that hold each city.
  std::vector<std::uint64_t> start(n + 1, 0);
  for (Node v : sets.nodes) ++start[v + 1];
  for (std::size_t v = 0; v < n; ++v) start[v + 1] += start[v];
  std::vector<std::uint32_t> holding(sets.nodes.size());
  {
    std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
    for (std::int64_t s = 0; s < sets.size(); ++s) {
      for (std::uint64_t e = sets.offsets[s]; e < sets.offsets[s + 1]; ++e) {
        holding[next[sets.nodes[e]]++] = static_cast<std::uint32_t>(s);
      }
    }
  }
  std::vector<std::int64_t> count(n);
  for (std::size_t v = 0; v < n; ++v) {
    count[v] = candidate[v] ? static_cast<std::int64_t>(start[v + 1] - start[v]) : 0;
  }
  std::vector<char> covered(static_cast<std::size_t>(sets.size()), 0);
  Coverage result;
  for (int round = 0; round < budget && n > 0; ++round) {
    // The city covering most sets; the lowest node on a tie.
    std::size_t best = 0;
    for (std::size_t v = 1; v < n; ++v) {
      if (count[v] > count[best]) best = v;
    }
    if (count[best] == 0) break;
    std::vector<std::uint32_t> by_country(explain ? countries : 0, 0);
    std::int64_t total = 0;
    for (std::uint64_t h = start[best]; h < start[best + 1]; ++h) {
      const std::uint32_t s = holding[h];
      if (covered[s]) continue;
      covered[s] = 1;
      ++total;
      if (explain) ++by_country[sets.root[s]];
      for (std::uint64_t e = sets.offsets[s]; e < sets.offsets[s + 1]; ++e) --count[sets.nodes[e]];
    }
    result.picks.push_back(static_cast<Node>(best));
    result.newly.push_back(std::move(by_country));
    result.newly_total.push_back(total);
    result.covered += total;
  }
  return result;
}

}  // namespace

RrSampleSizes rr_sample_sizes(int roots, int candidates, int budget, int cities, double epsilon,
                              double ell) {
  const double m = std::max(roots, 1);
  const double n = std::max(cities, 2);
  const int k = std::clamp(budget, 0, std::max(candidates, 0));
  RrSampleSizes s;
  s.ell = ell * (1 + std::log(2.0) / std::log(n));
  s.log_choices =
      std::lgamma(candidates + 1.0) - std::lgamma(k + 1.0) - std::lgamma(candidates - k + 1.0);
  const double e_prime = std::sqrt(2.0) * epsilon;
  const double log_levels = std::log(std::max(std::log2(m), 1.0));
  s.lambda_prime = (2 + 2 * e_prime / 3) * (s.log_choices + s.ell * std::log(n) + log_levels) * m /
                   (e_prime * e_prime);
  const double one_less = 1 - 1 / std::exp(1.0);
  const double alpha = std::sqrt(s.ell * std::log(n) + std::log(2.0));
  const double beta =
      std::sqrt(one_less * (s.log_choices + s.ell * std::log(n) + std::log(2.0)));
  s.lambda_star = 2 * m * std::pow(one_less * alpha + beta, 2) / (epsilon * epsilon);
  return s;
}

RrPlan rr_plan(const TwinGraph& graph, const CascadeSetup& setup, const Calibration* calibration,
               const RrOptions& options) {
  RrPlan r;
  // The roots: open UN member states with a city that may ask its
  // ministry. The sets of any other country are empty in every world, so
  // leaving them out changes no estimate and saves their sets.
  std::vector<std::vector<Node>> cities_of(graph.country_count());
  std::vector<char> may_ask(graph.country_count(), 0);
  for (Node v = 0; v < graph.node_count(); ++v) {
    cities_of[graph.country_of(v)].push_back(v);
    if (setup.node_role[v] != NodeRole::kDeclined && !setup.ask_spent[v]) {
      may_ask[graph.country_of(v)] = 1;
    }
  }
  std::vector<CountryIndex> roots;
  for (CountryIndex c = 0; c < graph.country_count(); ++c) {
    if (graph.un_member(c) && setup.country_role[c] == CountryRole::kOpen && may_ask[c]) {
      roots.push_back(c);
    }
  }
  std::vector<char> candidate(graph.node_count(), 0);
  int candidates = 0;
  for (Node v = 0; v < graph.node_count(); ++v) {
    candidate[v] = setup.node_role[v] == NodeRole::kOpen ? 1 : 0;
    candidates += candidate[v];
  }
  r.roots = static_cast<int>(roots.size());
  r.base = setup.endorsed_un_members;
  if (roots.empty()) return r;
  const std::vector<std::uint16_t> distance = seed_distances(graph, setup);
  for (auto& cities : cities_of) {
    std::stable_sort(cities.begin(), cities.end(),
                     [&](Node a, Node b) { return distance[a] < distance[b]; });
  }

  const double m = static_cast<double>(roots.size());
  const int k = std::min(options.budget, std::max(candidates, 1));
  const RrSampleSizes sizes = rr_sample_sizes(r.roots, candidates, k,
                                              static_cast<int>(graph.node_count()),
                                              options.epsilon);
  const double e_prime = std::sqrt(2.0) * options.epsilon;
  auto capped = [&](double want) {
    if (want > static_cast<double>(options.max_sets)) {
      r.guaranteed = false;
      return options.max_sets;
    }
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(want)));
  };

  // The lower bound of OPT: IMM's search over x = m/2, m/4, ... (down to
  // 2), on one growing family of sets.
  double lower_bound = 1;
  r.lower_bound_assumed = true;
  RrSets search;
  const int levels = static_cast<int>(std::log2(m)) - 1;
  for (int i = 1; i <= levels; ++i) {
    const double x = m / std::ldexp(1.0, i);
    sample_sets(graph, setup, calibration, roots, cities_of, distance, options.rng,
                capped(sizes.lambda_prime / x), options.threads, search);
    const Coverage c = greedy_cover(search, candidate, k, graph.country_count(), false);
    const double estimate = m * static_cast<double>(c.covered) / static_cast<double>(search.size());
    if (estimate >= (1 + e_prime) * x) {
      lower_bound = estimate / (1 + e_prime);
      r.lower_bound_assumed = false;
      break;
    }
  }
  r.opt_lower_bound = lower_bound;
  r.sets_sampled = search.size();
  search = {};

  // The selection, on fresh sets.
  RrSets sets;
  sample_sets(graph, setup, calibration, roots, cities_of, distance, ~options.rng,
              capped(sizes.lambda_star / lower_bound), options.threads, sets);
  r.sets = sets.size();
  r.sets_sampled += sets.size();
  r.set_entries = static_cast<std::int64_t>(sets.nodes.size());

  // Per root country: its sets, and those covered so far (by the seeds,
  // then by the picks), for the explanations.
  std::vector<double> per_root(graph.country_count(), 0), covered(graph.country_count(), 0);
  std::int64_t by_seeds = 0;
  for (std::int64_t s = 0; s < sets.size(); ++s) {
    per_root[sets.root[s]] += 1;
    if (sets.by_seeds[s]) {
      covered[sets.root[s]] += 1;
      ++by_seeds;
    }
  }
  const double theta = static_cast<double>(sets.size());
  r.base += m * static_cast<double>(by_seeds) / theta;
  const Coverage cover = greedy_cover(sets, candidate, k, graph.country_count(), true);
  auto share = [&](const std::vector<double>& counts) {
    std::vector<double> out(counts.size(), 0);
    for (std::size_t c = 0; c < counts.size(); ++c) {
      if (per_root[c] > 0) out[c] = counts[c] / per_root[c];
    }
    return out;
  };
  for (std::size_t i = 0; i < cover.picks.size(); ++i) {
    PickEstimate pick;
    pick.node = cover.picks[i];
    pick.gain = m * static_cast<double>(cover.newly_total[i]) / theta;
    std::vector<double> newly(cover.newly[i].begin(), cover.newly[i].end());
    pick.gain_by_country = share(newly);
    pick.before_by_country = share(covered);
    for (std::size_t c = 0; c < newly.size(); ++c) covered[c] += newly[c];
    r.picks.push_back(std::move(pick));
  }
  return r;
}

}  // namespace twinning::network
