// JSON forms of the campaign value types (nlohmann::json, found by ADL), used
// by the audit log, the CLI's --json output and the HTTP API.
#pragma once

#include <nlohmann/json.hpp>

#include "model/campaign.h"

namespace twinning {

void to_json(nlohmann::json& j, const Campaign& c);
void to_json(nlohmann::json& j, const CampaignContact& c);
void to_json(nlohmann::json& j, const CountryStance& s);
void to_json(nlohmann::json& j, const CampaignEvent& e);

}  // namespace twinning
