// A campaign that travels through the twin network (PRODUCT.md M6–M8): an
// initiative with its asks, one or more originating cities, the cities it
// reached — each with the state of its answer and who brought it in — and
// each country's foreign-ministry stance. Plain values, no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/city.h"
#include "model/partial_date.h"

namespace twinning {

using CampaignId = std::int64_t;
using LetterId = std::int64_t;

// A contacted city's progress. Forward only: not contacted → letter sent →
// received → replied → forwarded. A reply may arrive before its receipt is
// confirmed (the reply implies receipt).
enum class ContactState { kNotContacted, kLetterSent, kReceived, kReplied, kForwarded };

// A country's foreign ministry: unknown → asked → endorsed | declined.
enum class MinistryState { kUnknown, kAsked, kEndorsed, kDeclined };

// What a city's reply said about the initiative.
enum class ReplyStance { kSupports, kDeclines, kUndecided };

// What a step in a campaign's history was (CampaignEvent::kind).
enum class CampaignEventKind {
  kCreated,            // the campaign was created
  kWaveSent,           // an originator's wave went out (detail: "N letters")
  kSent,               // a letter or a forwarded copy went to a city
  kReceived,           // a city confirmed receipt
  kReplied,            // a city replied (detail: its stance)
  kForwarded,          // a city forwarded the letter to its twins
  kReminded,           // a city was reminded of its overdue reply
  kMinistryAsked,      // a country's foreign ministry was asked
  kEndorsed,           // a ministry endorsed, with its letter as evidence
  kDeclined,           // a ministry declined
  kMinistryCorrected,  // a ministry's recorded answer was corrected
  kLetterLinked,       // a letter of the register was linked to the campaign
};

std::string_view contact_state_name(ContactState s);    // "not_contacted", "letter_sent", ...
std::string_view ministry_state_name(MinistryState s);  // "unknown", "asked", ...
std::string_view reply_stance_name(ReplyStance s);      // "supports", "declines", "undecided"
// "created", "wave_sent", "sent", "received", "replied", "forwarded",
// "reminded", "ministry_asked", "endorsed", "declined", "ministry_corrected",
// "letter_linked":
// the names the store keeps and the API and CLI print.
std::string_view campaign_event_kind_name(CampaignEventKind k);
ContactState parse_contact_state(std::string_view text, std::string_view field = "state");
MinistryState parse_ministry_state(std::string_view text, std::string_view field = "state");
ReplyStance parse_reply_stance(std::string_view text, std::string_view field = "stance");
CampaignEventKind parse_campaign_event_kind(std::string_view text, std::string_view field = "kind");

// True if a contact may move from `from` to `to` (see ContactState).
bool contact_transition_allowed(ContactState from, ContactState to);
// True if a ministry may move from `from` to `to` (see MinistryState).
bool ministry_transition_allowed(MinistryState from, MinistryState to);

struct Campaign {
  CampaignId id = 0;
  std::string code;  // short handle for the CLI: "un-year-2014"
  std::string title;
  // The title in each language (BCP 47 tag -> title) its letters are
  // written in: the subject of a campaign letter in that language.
  std::map<std::string, std::string> titles;
  std::string initiative;  // what the campaign is for, in a paragraph
  std::vector<std::string> asks;
  std::vector<CityId> originators;
  std::string template_name;  // letter template of wave 1 ("appeal-2013")
  std::string target;         // "UN General Assembly resolution"
  int majority_needed = 97;   // endorsing UN member states needed
  int member_states = 193;
  std::optional<PartialDate> starts_on, ends_on;
  int reply_days = 60;  // a reply is due this many days after the letter
};

// One contacted city.
struct CampaignContact {
  CityId city_id = 0;
  ContactState state = ContactState::kNotContacted;
  int wave = 0;                       // 1 = written to by an originator
  std::optional<CityId> referred_by;  // the city whose letter brought it in
  LetterId letter_id = 0;             // that letter
  std::optional<PartialDate> sent_on, received_on, replied_on, forwarded_on;
  std::optional<PartialDate> reply_due;
  std::optional<LetterId> reply_letter_id;
  std::optional<ReplyStance> stance;
  int reminders = 0;
  std::optional<PartialDate> last_reminded_on;
};

// True while a contacted city owes its answer: its letter was sent (or its
// receipt confirmed) and no reply or forward has come.
bool awaiting_reply(const CampaignContact& c);
// True if on `day` the city is awaiting its reply and its reply date has
// passed. The due date itself is not overdue; the day after it is. The one
// rule for the campaign's overdue count and for whom reminders go to.
bool reply_overdue(const CampaignContact& c, const PartialDate& day);

// A country's foreign-ministry stance, with the evidence.
struct CountryStance {
  std::string country;  // ISO alpha-2
  MinistryState state = MinistryState::kUnknown;
  std::optional<PartialDate> asked_on, decided_on;
  std::optional<LetterId> evidence_letter_id;  // a registered incoming letter
  std::string notes;
};

// One step in the campaign's history.
struct CampaignEvent {
  std::int64_t id = 0;
  PartialDate date;
  CampaignEventKind kind = CampaignEventKind::kCreated;
  std::optional<CityId> city_id;
  std::string country;
  std::optional<LetterId> letter_id;
  std::string detail;
};

}  // namespace twinning
