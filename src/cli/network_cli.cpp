#include "cli/network_cli.h"

#include <algorithm>
#include <cstdio>
#include <thread>

#include "registry/city_lookup.h"

namespace twinning::cli::network_cli {

std::string fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string cities_text(const std::vector<network::CityRef>& cities) {
  std::string s;
  for (const auto& c : cities) s += (s.empty() ? "" : "; ") + city_label(c.name, c.country);
  return s;
}

std::vector<CityId> resolve_all(store::Store& store, const std::vector<std::string>& refs,
                                const char* field) {
  std::vector<CityId> ids;
  for (const auto& r : refs) ids.push_back(registry::resolve_city(store, r, field));
  return ids;
}

const std::map<std::string, std::string>& option_names() {
  static const std::map<std::string, std::string> names = {{"seed", "--seed"},
                                                           {"campaign", "--campaign"},
                                                           {"comply", "--comply"},
                                                           {"endorse", "--endorse"},
                                                           {"runs", "--runs"},
                                                           {"rng", "--rng"},
                                                           {"threads", "--threads"},
                                                           {"budget", "--budget"},
                                                           {"from", "--from"},
                                                           {"hops", "--hops"},
                                                           {"top", "--top"},
                                                           {"country", "--country"},
                                                           {"target", "--target"},
                                                           {"prior_strength", "--prior-strength"},
                                                           {"campaigns", "--campaigns"},
                                                           {"waves", "--waves"},
                                                           {"exclude", "--exclude"},
                                                           {"check_runs", "--check-runs"},
                                                           {"method", "--method"},
                                                           {"target_probability",
                                                            "--target-probability"},
                                                           {"members", "--members"}};
  return names;
}

std::optional<int> given(const CLI::Option* option, int value) {
  return option->count() > 0 ? std::optional(value) : std::nullopt;
}

int default_threads() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 64u));
}

}  // namespace twinning::cli::network_cli
