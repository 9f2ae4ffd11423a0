// Reading a campaign: where every city and country stands, the tally of
// endorsing UN member states against the majority the target needs (by
// region and over time), the referral chain that brought a city in, and the
// campaign's timeline. Reads only; open to every role (the public tally).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/campaign.h"
#include "store/store.h"

namespace twinning::campaign {

struct RegionTally {
  std::string region;  // "Europe", "Asia", ... (countries.region)
  int members = 0;     // UN member states of the region
  int reached = 0;     // of them, with a contacted city
  int asked = 0;       // ministry asked, no answer yet
  int endorsing = 0;
  int declined = 0;
};

struct TallyPoint {
  PartialDate date;
  int endorsing = 0;  // UN member states endorsing by the end of that day
};

struct CampaignStatus {
  Campaign campaign;
  // Cities: counts are cumulative — a city that forwarded also replied and
  // was contacted.
  int cities_contacted = 0;
  int cities_received = 0;  // confirmed receipt (or replied)
  int cities_replied = 0;
  int cities_forwarded = 0;
  int cities_awaiting = 0;  // letter sent or received, no reply yet
  int cities_overdue = 0;   // overdue_cities(): awaiting and past their reply date
  int max_wave = 0;
  // Countries.
  int countries_reached = 0;  // with at least one contacted city
  int un_members_reached = 0;
  int un_members_endorsing = 0;
  int un_members_declined = 0;
  int majority_needed = 0;
  int member_states = 0;
  bool majority_reached = false;
  std::vector<std::string> endorsing;         // ISO2, all endorsing countries
  std::vector<std::string> asked_unanswered;  // ministry asked, no answer
  std::vector<std::string> reached_silent;    // reached, no reply from any city, ministry unknown
  std::vector<RegionTally> by_region;         // regions with UN members, by name
  std::vector<TallyPoint> over_time;          // one point per day an endorsement came
};

// The status of campaign `id` as of `as_of` (default today) for overdue
// counts. Throws Error(kNotFound).
CampaignStatus campaign_status(store::Store& store, CampaignId id,
                               std::optional<PartialDate> as_of = {});

// The contacted cities whose reply is overdue on `day`: awaiting their
// reply past its date (model/campaign.h reply_overdue) and, by the rule of
// the register (letters/answers.h), owing an answer to the letter that
// reached them past its deadline — so that the campaign's overdue count
// agrees with the register's overdue filter, addressee by addressee. Reads
// letters without access checks and returns only city ids. Throws
// Error(kNotFound) for an unknown campaign.
std::set<CityId> overdue_cities(store::Store& store, CampaignId id, const PartialDate& day);

// How far the campaign got in a country, for a map: its ministry's answer
// or ask, else reached (a city of it was contacted).
enum class CountryProgress { kReached, kAsked, kEndorsed, kDeclined };

// "reached", "asked", "endorsed", "declined".
std::string_view country_progress_name(CountryProgress p);

// Every country the campaign has a state for (ISO2 -> progress): those whose
// ministry was asked or answered, and those with a contacted city. Countries
// with neither are absent. Throws Error(kNotFound).
std::map<std::string, CountryProgress> country_progress(store::Store& store, CampaignId id);

// The chain of introductions that brought `city` in: the city, the city that
// wrote to it, … , the originator. Throws Error(kNotFound) if the city was
// not contacted.
std::vector<CityId> referral_chain(store::Store& store, CampaignId id, CityId city);

// The campaign's dated events, oldest first, as the actor may see them: the
// timeline is public, and the register is not, so an event's letter_id is
// kept only where the actor may read that letter (letters::letter_readable)
// and no event's detail names a letter's registration number (the use cases
// never write one there; migration 006 removed those of older databases).
// An endorsement shows that it has evidence ("with a letter as evidence"),
// never which letter to whom cannot read it.
std::vector<CampaignEvent> campaign_timeline(store::Store& store, CampaignId id);

}  // namespace twinning::campaign
