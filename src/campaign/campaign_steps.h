// What every step of the campaign use cases checks and writes — the role
// checks (the one wording of each refusal), a contact and its transition,
// the timeline's events — shared by campaigns.cpp (setting a campaign up),
// campaign_waves.cpp (letters going out: waves, forwards, reminders) and
// campaign_answers.cpp (what comes back: receipts, replies, ministries).
// Internal to src/campaign/: the faces call campaigns.h.
#pragma once

#include <optional>
#include <string>

#include "model/campaign.h"
#include "model/partial_date.h"
#include "store/campaign_store.h"
#include "store/store.h"

namespace twinning::campaign {

// Error(kForbidden) unless a coordinator or admin (may_run_campaigns).
void require_coordinator(const store::Store& store);

// Error(kForbidden) unless a coordinator, an admin or the correspondent
// bound to `city` (may_record_for_city).
void require_city_writer(const store::Store& store, CityId city);

// Error(kForbidden) unless a coordinator, an admin or a correspondent whose
// city lies in `country` (may_record_for_country).
void require_country_writer(store::Store& store, const std::string& country);

// The campaigns' store of `store`.
store::CampaignStore campaign_store(store::Store& store);

// The campaign's contact with `city`. Throws Error(kNotFound) naming "city"
// if the campaign has not contacted it.
CampaignContact require_contact(store::Store& store, CampaignId id, CityId city);

// Error(kConflict) naming "city" unless contact `c` may move to `to`.
void check_transition(store::Store& store, const CampaignContact& c, ContactState to);

// `d` plus `days` days.
PartialDate add_days(const PartialDate& d, int days);

// Adds an event to the campaign's timeline.
void add_event(store::Store& store, CampaignId id, const PartialDate& date, CampaignEventKind kind,
               std::optional<CityId> city, std::string country, std::optional<LetterId> letter,
               std::string detail);

}  // namespace twinning::campaign
