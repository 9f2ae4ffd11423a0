// Who may do what in a campaign: the one rule behind both the refusals of
// the use cases (campaign/campaigns.h throws Error(kForbidden) when a check
// here says no) and the controls a face offers (the HTTP API reports
// campaign_permissions() so that the web interface shows a control only to
// whom the server would let use it). Pure functions of the store's actor;
// safe wherever the Store is.
//
// Rules: coordinators and admins run everything; a correspondent records
// what happened in its own city (receipt, reply, forward) and the answer of
// its city's country's foreign ministry; viewers and anonymous callers write
// nothing. Correcting a recorded ministry answer is for coordinators and
// admins only.
#pragma once

#include <string>

#include "model/city.h"
#include "store/store.h"

namespace twinning::campaign {

// True for coordinators and admins: create, send waves, remind, correct.
bool may_run_campaigns(const store::Store& store);

// True if the actor may record receipts, replies and forwards of `city`.
bool may_record_for_city(const store::Store& store, CityId city);

// True if the actor may record the foreign-ministry ask or answer of
// `country` (ISO alpha-2). Reads the correspondent's city.
bool may_record_for_country(store::Store& store, const std::string& country);

// What the actor may do in any campaign, as the API reports it ("can").
struct CampaignPermissions {
  bool send = false;                    // send a wave
  bool remind = false;                  // register reminders
  bool record_city_answers = false;     // receipts, replies, forwards (some city)
  bool record_ministry_answer = false;  // ask/answer of some country
  bool correct_ministry_answer = false;
  // The one country whose ministry a correspondent may record, "" when the
  // actor may record every country or none.
  std::string ministry_country;
};

CampaignPermissions campaign_permissions(store::Store& store);

}  // namespace twinning::campaign
