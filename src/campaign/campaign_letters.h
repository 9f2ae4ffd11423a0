// A campaign seen from one letter and from a city about to forward it: the
// steps a letter's page offers (record a city's reply, record that it
// forwarded the letter, and to which of its twins), and linking a letter
// composed from the forward or reminder template to its campaign. The
// rules are campaigns.h's and campaign_permissions.h's; this file reports
// them for the faces and adds the link. Thread-compatible (one Store).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/campaign.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::campaign {

// Active twins of `city`, by partner name.
std::vector<CityId> active_twins(store::Store& store, CityId city);

// Why a campaign may not contact a city now, as the faces tell it: a code
// a face translates (the web interface) and, for a city already contacted,
// the city whose letter reached it.
struct ContactBar {
  enum class Kind { kNone, kOriginator, kAlreadyContacted };
  Kind kind = Kind::kNone;
  std::optional<CityId> contacted_by;  // kAlreadyContacted: who referred it (none for wave 1)
};

// "originator", "already_contacted"; "" for kNone.
std::string_view contact_bar_code(ContactBar::Kind kind);

// Why campaign `c` may not contact `target` now; kind kNone if it may.
ContactBar contact_bar(store::Store& store, const Campaign& c, CityId target);

// The bar in English ("originator of this campaign", "already contacted by
// Cologne, DE"), "" for kNone: the text of the CLI and the API's "reason".
std::string contact_bar_text(store::Store& store, const ContactBar& bar);

// contact_bar_text(contact_bar(store, c, target)).
std::string reason_not_to_contact(store::Store& store, const Campaign& c, CityId target);

// A city a campaign letter reached through `letter`, with what the actor
// may record for it now.
struct LetterCampaignStep {
  Campaign campaign;
  CityId city_id = 0;
  ContactState state = ContactState::kNotContacted;
  bool record_reply = false;    // may record the city's reply now
  bool record_forward = false;  // may record that the city forwarded the letter
};

// Every contact of every campaign whose letter is `letter`, restricted to
// the cities the actor may record for (may_record_for_city) and that can
// still reply or forward (contact_transition_allowed). By campaign, then
// city id. Reads only; never throws for lack of rights.
std::vector<LetterCampaignStep> campaign_steps_for_letter(store::Store& store, LetterId letter);

// One active twin of a forwarding city, and why it cannot be named as a
// recipient (bar.kind kNone and reason "" if it can).
struct ForwardCandidate {
  CityId city_id = 0;
  ContactBar bar;
  std::string reason;  // contact_bar_text(bar)
};

// The active twins of `city` that record_forward() would accept in its
// `to` list, each with its contact_bar. Throws Error(kForbidden)
// unless the actor may record for `city`, Error(kNotFound) for an unknown
// campaign or a city the campaign has not contacted.
std::vector<ForwardCandidate> forward_candidates(store::Store& store, CampaignId campaign,
                                                 CityId city);

// True if letters printed with `template_name` may be linked to a campaign:
// "forward" and "reminder", the templates of a campaign's later letters.
bool linkable_template(std::string_view template_name);

// The campaigns a letter with `template_name` could be linked to: every
// campaign if linkable_template(), else none. By id.
std::vector<Campaign> campaigns_for_template(store::Store& store, std::string_view template_name);

// Links letter `letter` to campaign `campaign`: an event "letter_linked" on
// the letter's registration date (today for a draft) naming it, so that the
// register's campaign filter and the timeline include it. Throws
// Error(kInvalidInput) naming "campaign" if the letter's template is not
// linkable, Error(kConflict) if it is already linked, Error(kNotFound) for
// an unknown campaign or letter, Error(kForbidden) unless the actor may
// write for the letter's office's city (letters/letter_access.h).
void link_letter(store::Store& store, CampaignId campaign, LetterId letter);

}  // namespace twinning::campaign
