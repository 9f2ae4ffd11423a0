// JSON forms of the campaign use cases' results, shared by the CLI's --json
// output and the HTTP API so that both speak the same field names. (The
// value types themselves — Campaign, CampaignContact, CountryStance,
// CampaignEvent — map in model/campaign_json.h.) Cities are named
// {"id", "name", "country"}, with "lat" and "lng" where asked for; a city
// missing from the registry is {"id"} alone.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaign/campaign_letters.h"
#include "campaign/campaign_permissions.h"
#include "campaign/campaign_reads.h"
#include "campaign/campaign_status.h"
#include "campaign/campaigns.h"
#include "campaign/country_choice.h"
#include "model/campaign.h"
#include "store/store.h"

namespace twinning::campaign {

// Whether a city carries its coordinates (a map needs them; lists do not).
enum class CityFields { kName, kNameAndCoordinates };

// The city `id` as campaign results name it.
nlohmann::json city_json(store::Store& store, CityId id, CityFields fields = CityFields::kName);

// {"sent": [{"city", "from", "letter_id", "number"}], "skipped": [{"city", "reason"}]}.
nlohmann::json wave_json(store::Store& store, const WaveResult& wave);

// {"campaign", "contacts": [contact + "city" + "overdue"], "countries":
// [stance], "can"}: campaign_view()'s campaign with every contacted city and
// every country's ministry, and what the actor may do in it
// (permissions_json). A letter id the view hides (the actor may not read
// that letter) is null.
nlohmann::json campaign_detail_json(store::Store& store, const CampaignView& view,
                                    CityFields fields = CityFields::kName);

// [city, ...]: a referral chain from the city back to its originator.
nlohmann::json chain_json(store::Store& store, const std::vector<CityId>& chain);

// [{"city", "original_letter_id", "original_number", "original_date",
//   "reminder_letter_id", "number"}]; reminder_letter_id 0 and number ""
// in a dry run, which adds "preview": {"letter" (the merged reminder, not
// stored), "office" {"id", "code", "name"}, "next_number"}.
nlohmann::json reminders_json(store::Store& store, const std::vector<Reminder>& reminders);

// {ISO2: "reached" | "asked" | "endorsed" | "declined"}.
nlohmann::json countries_map_json(const std::map<std::string, CountryProgress>& progress);
// {"send", "remind", "record_city_answers", "record_ministry_answer",
//  "correct_ministry_answer", "ministry_country" (ISO2 or null)}.
nlohmann::json permissions_json(const CampaignPermissions& p);

// [{"iso2", "name", "name_en", "reached", "state"}].
nlohmann::json country_choices_json(const std::vector<CountryChoice>& choices);

// {"before": stance, "after": stance}.
nlohmann::json corrected_stance_json(const CorrectedStance& c);

// [{"code", "title"}]: campaigns named for a choice.
nlohmann::json campaign_refs_json(const std::vector<Campaign>& campaigns);

// [{"campaign": {"code", "title"}, "city", "state", "record_reply",
//   "record_forward"}]: what a letter's page may record (campaign_letters.h).
nlohmann::json letter_steps_json(store::Store& store, const std::vector<LetterCampaignStep>& steps);

// [{"city", "reason", "reason_code", "contacted_by"}]: a forwarding city's
// active twins; for one that may not be named as a recipient, the reason in
// English, its code ("originator", "already_contacted": contact_bar_code)
// for a face to translate, and the city whose letter already reached it
// (or null); all three null for one that may be named.
nlohmann::json forward_candidates_json(store::Store& store,
                                       const std::vector<ForwardCandidate>& candidates);


// The tally: every count of CampaignStatus, "endorsing", "asked_unanswered",
// "reached_silent", "by_region" [{"region", "members", "reached", "asked",
// "endorsing", "declined"}], "over_time" [{"date", "endorsing"}].
void to_json(nlohmann::json& j, const CampaignStatus& s);

}  // namespace twinning::campaign
