// The compliance-cascade model of PRODUCT.md section 6, resolved against one
// TwinGraph: its parameters, the campaign state a forecast or plan may start
// from, and CascadeSetup, the per-node and per-country facts the simulation
// loops (forecast.cpp, plan.cpp) read. Plain values; a CascadeSetup is
// read-only once prepared and may be shared between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "network/twin_graph.h"

namespace twinning::network {

// p and q of the model.
struct CascadeParams {
  double comply = 0.35;  // p: an informed city complies (once, independently)
  double endorse = 0.5;  // q: one complying city's ask to its ministry succeeds
};

// What a campaign already knows, so that a forecast or plan starts from the
// campaign's actual state rather than from nothing. All fields optional.
struct CampaignState {
  // Cities that already complied: informed and complying in every run, so
  // they send the letter on and ask their ministry, like seeds.
  std::vector<CityId> complying;
  // Cities that declined: informed in every run, never complying.
  std::vector<CityId> declined;
  // Countries (ISO2) whose ministry has endorsed: endorsing in every run.
  std::vector<std::string> endorsed_countries;
  // Countries (ISO2) whose ministry has declined: asks there never succeed.
  std::vector<std::string> declined_countries;
  // Complying cities (seeds or `complying`) whose ask to their ministry is
  // known to have failed while the ministry may still endorse on another
  // city's ask: they comply and pass the letter on, but ask no more.
  std::vector<CityId> asked_in_vain;
};

enum class NodeRole : std::uint8_t { kOpen, kSeed, kDeclined };
enum class CountryRole : std::uint8_t { kOpen, kEndorsed, kDeclined };

// The model's inputs checked and laid out per node and per country.
struct CascadeSetup {
  std::vector<Node> seeds;     // complying from the start: seeds and state.complying
  std::vector<Node> declined;  // informed from the start, never complying
  std::vector<NodeRole> node_role;
  std::vector<CountryRole> country_role;
  std::vector<char> ask_spent;          // per node: its ask failed already (state.asked_in_vain)
  int endorsed_un_members = 0;          // UN members endorsing in every run
  std::uint64_t comply_threshold = 0;   // bernoulli_threshold(p)
  std::uint64_t endorse_threshold = 0;  // bernoulli_threshold(q)
};

// Checks and lays out the model's inputs. `seeds` are city ids (the
// campaign's originators); the run starts from them and state.complying.
// Throws Error(kInvalidInput) naming "comply" or "endorse" for a
// probability outside [0, 1], "seed" when neither seeds nor complying
// cities are given; Error(kNotFound) naming "seed", "complying",
// "declined", "endorsed_countries" or "declined_countries" for an unknown
// city or country ("asked_in_vain" too); Error(kConflict) for a city both complying (or a seed)
// and declined, or a country both endorsed and declined.
CascadeSetup prepare_cascade(const TwinGraph& graph, const std::vector<CityId>& seeds,
                             const CascadeParams& params, const CampaignState& state);

}  // namespace twinning::network
