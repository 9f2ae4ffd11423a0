// JSON forms of the registry's use-case results (a city with its twins,
// search hits, statistics; city summaries are in store/city_store.h), shared by the CLI's --json
// output and the HTTP API so that both speak the same field names. Found by ADL.
#pragma once

#include <nlohmann/json.hpp>

#include "registry/city_lookup.h"
#include "registry/registry.h"
#include "store/city_store.h"

namespace twinning::registry {
// {"city_id", "name", "country", "link", "events", "listed_by"}
void to_json(nlohmann::json& j, const TwinView& t);
// The city's fields plus "twins".
void to_json(nlohmann::json& j, const CityView& v);
// A summary plus "matched_name" and "match_kind".
void to_json(nlohmann::json& j, const SearchHit& h);
void to_json(nlohmann::json& j, const RegistryStats& s);
// The link's fields plus "cities" (the two summaries) and "listed_by".
void to_json(nlohmann::json& j, const LinkView& v);
}  // namespace twinning::registry
