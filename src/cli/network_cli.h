// What the network commands (network_commands.cpp: reach, chain, network
// ...) and the forecast and plan commands (forecast_commands.cpp) share:
// number formatting, resolving city references, and the one table that
// says the network use cases' input names ("runs", "seed") as the CLI's
// options ("--runs", "--seed").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli_context.h"
#include "model/error.h"
#include "network/twin_graph.h"

namespace twinning::cli::network_cli {

// x with `decimals` digits after the point ("0.35").
std::string fixed(double x, int decimals = 2);
// "Kiel, DE; Lyon, FR".
std::string cities_text(const std::vector<network::CityRef>& cities);
// The ids of city references (id or "Name, CC"); errors name `field`.
std::vector<CityId> resolve_all(store::Store& store, const std::vector<std::string>& refs,
                                const char* field);
// Use-case input name -> CLI option ("check_runs" -> "--check-runs").
const std::map<std::string, std::string>& option_names();
// The value of an optional integer option, or nullopt when it was not given.
std::optional<int> given(const CLI::Option* option, int value);
// Worker threads by default: every core (1..64).
int default_threads();

// Runs network use case `f`; an error about one of its inputs is rethrown
// under the name `names` gives it on the command line.
template <class F>
auto with_option_names(F f, const std::map<std::string, std::string>& names = option_names()) {
  try {
    return f();
  } catch (const Error& e) {
    auto it = names.find(e.field());
    if (it == names.end()) throw;
    throw with_option_name(e, it->second);
  }
}

// Registers `forecast` and `plan` (forecast_commands.cpp).
void add_forecast_commands(CLI::App& app, Context& ctx);

}  // namespace twinning::cli::network_cli
