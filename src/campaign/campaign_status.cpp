#include "campaign/campaign_status.h"

#include <algorithm>
#include <map>
#include <set>

#include "letters/answers.h"
#include "letters/correspondence.h"
#include "model/error.h"
#include "store/campaign_store.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/letter_store.h"

namespace twinning::campaign {

CampaignStatus campaign_status(store::Store& store, CampaignId id,
                               std::optional<PartialDate> as_of) {
  store::CampaignStore campaigns(store);
  auto campaign = campaigns.get(id);
  if (!campaign) throw_not_found("no campaign with id " + std::to_string(id), "campaign");
  PartialDate today = as_of.value_or(today_utc());
  CampaignStatus s;
  s.campaign = *campaign;
  s.majority_needed = campaign->majority_needed;
  s.member_states = campaign->member_states;

  std::map<std::string, Country> countries;
  for (auto& c : store::CountryStore(store).all()) countries.emplace(c.iso2, c);
  store::CityStore cities(store);
  std::set<std::string> reached, replied_countries;
  for (const auto& c : campaigns.contacts(id)) {
    ++s.cities_contacted;
    s.max_wave = std::max(s.max_wave, c.wave);
    bool replied = c.state == ContactState::kReplied || c.state == ContactState::kForwarded;
    if (c.state != ContactState::kLetterSent) ++s.cities_received;
    if (replied) ++s.cities_replied;
    if (c.state == ContactState::kForwarded) ++s.cities_forwarded;
    if (awaiting_reply(c)) ++s.cities_awaiting;
    auto city = cities.summaries({c.city_id});
    if (city.empty()) continue;
    reached.insert(city[0].country);
    if (replied) replied_countries.insert(city[0].country);
  }
  s.cities_overdue = static_cast<int>(overdue_cities(store, id, today).size());
  s.countries_reached = static_cast<int>(reached.size());

  std::map<std::string, RegionTally> regions;
  for (const auto& [iso, c] : countries) {
    if (!c.un_member) continue;
    auto& r = regions[c.region];
    r.region = c.region;
    ++r.members;
    if (reached.count(iso)) {
      ++r.reached;
      ++s.un_members_reached;
    }
  }
  std::map<std::string, MinistryState> stance_of;
  std::vector<std::pair<PartialDate, std::string>> endorsements;
  for (const auto& st : campaigns.countries(id)) {
    stance_of[st.country] = st.state;
    auto it = countries.find(st.country);
    bool member = it != countries.end() && it->second.un_member;
    RegionTally* r = member ? &regions[it->second.region] : nullptr;
    switch (st.state) {
      case MinistryState::kEndorsed:
        s.endorsing.push_back(st.country);
        if (member) {
          ++s.un_members_endorsing;
          ++r->endorsing;
          endorsements.emplace_back(st.decided_on.value_or(today), st.country);
        }
        break;
      case MinistryState::kDeclined:
        if (member) {
          ++s.un_members_declined;
          ++r->declined;
        }
        break;
      case MinistryState::kAsked:
        s.asked_unanswered.push_back(st.country);
        if (member) ++r->asked;
        break;
      case MinistryState::kUnknown:
        break;
    }
  }
  for (const auto& iso : reached) {
    if (!replied_countries.count(iso) && !stance_of.count(iso)) s.reached_silent.push_back(iso);
  }
  s.majority_reached = s.un_members_endorsing >= s.majority_needed;
  for (auto& [name, r] : regions) s.by_region.push_back(r);
  std::sort(endorsements.begin(), endorsements.end());
  int running = 0;
  for (const auto& [date, iso] : endorsements) {
    ++running;
    if (!s.over_time.empty() && s.over_time.back().date == date) {
      s.over_time.back().endorsing = running;
    } else {
      s.over_time.push_back({date, running});
    }
  }
  return s;
}

std::set<CityId> overdue_cities(store::Store& store, CampaignId id, const PartialDate& day) {
  store::CampaignStore campaigns(store);
  if (!campaigns.get(id)) throw_not_found("no campaign with id " + std::to_string(id), "campaign");
  store::LetterStore letters(store);
  // Each letter's answers once: a circular reached many of the cities.
  std::map<LetterId, std::pair<Letter, std::vector<letters::AddresseeAnswer>>> by_letter;
  std::set<CityId> out;
  for (const auto& c : campaigns.contacts(id)) {
    if (!reply_overdue(c, day)) continue;
    auto it = by_letter.find(c.letter_id);
    if (it == by_letter.end()) {
      auto letter = letters.get(c.letter_id);
      if (!letter) continue;
      auto answers = letters::answers_of(store, *letter, day);
      it = by_letter.emplace(c.letter_id, std::pair{std::move(*letter), std::move(answers)}).first;
    }
    const auto& [letter, answers] = it->second;
    for (const auto& a : answers) {
      bool to_city =
          letter.addressees.size() == 1 || letter.addressees[a.position].city_id == c.city_id;
      if (to_city && a.state == letters::AnswerState::kOverdue) {
        out.insert(c.city_id);
        break;
      }
    }
  }
  return out;
}

std::string_view country_progress_name(CountryProgress p) {
  switch (p) {
    case CountryProgress::kReached:
      return "reached";
    case CountryProgress::kAsked:
      return "asked";
    case CountryProgress::kEndorsed:
      return "endorsed";
    case CountryProgress::kDeclined:
      return "declined";
  }
  return "reached";
}

std::map<std::string, CountryProgress> country_progress(store::Store& store, CampaignId id) {
  store::CampaignStore campaigns(store);
  if (!campaigns.get(id)) throw_not_found("no campaign with id " + std::to_string(id), "campaign");
  std::map<std::string, CountryProgress> out;
  std::vector<CityId> contacted;
  for (const auto& c : campaigns.contacts(id)) contacted.push_back(c.city_id);
  for (const auto& city : store::CityStore(store).summaries(contacted)) {
    out.emplace(city.country, CountryProgress::kReached);
  }
  // A ministry's state outranks "reached"; an unknown one adds nothing.
  for (const auto& st : campaigns.countries(id)) {
    switch (st.state) {
      case MinistryState::kAsked:
        out[st.country] = CountryProgress::kAsked;
        break;
      case MinistryState::kEndorsed:
        out[st.country] = CountryProgress::kEndorsed;
        break;
      case MinistryState::kDeclined:
        out[st.country] = CountryProgress::kDeclined;
        break;
      case MinistryState::kUnknown:
        break;
    }
  }
  return out;
}

std::vector<CityId> referral_chain(store::Store& store, CampaignId id, CityId city) {
  store::CampaignStore campaigns(store);
  std::vector<CityId> chain;
  std::optional<CityId> current = city;
  std::set<CityId> seen;
  while (current) {
    if (!seen.insert(*current).second) break;  // a cycle cannot arise; guard anyway
    chain.push_back(*current);
    auto contact = campaigns.contact(id, *current);
    if (!contact) {
      if (chain.size() == 1) {
        throw_not_found("city #" + std::to_string(city) + " was not contacted in this campaign",
                        "city");
      }
      break;  // an originator
    }
    current = contact->referred_by;
  }
  return chain;
}

std::vector<CampaignEvent> campaign_timeline(store::Store& store, CampaignId id) {
  store::CampaignStore campaigns(store);
  if (!campaigns.get(id)) throw_not_found("no campaign with id " + std::to_string(id), "campaign");
  auto events = campaigns.events(id);
  for (auto& e : events) {
    if (e.letter_id && !letters::letter_readable(store, *e.letter_id)) e.letter_id.reset();
  }
  return events;
}

}  // namespace twinning::campaign
