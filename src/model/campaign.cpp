#include "model/campaign.h"

#include "model/enum_text.h"

namespace twinning {
namespace {

constexpr ContactState kContactStates[] = {ContactState::kNotContacted, ContactState::kLetterSent,
                                           ContactState::kReceived, ContactState::kReplied,
                                           ContactState::kForwarded};
constexpr MinistryState kMinistryStates[] = {MinistryState::kUnknown, MinistryState::kAsked,
                                             MinistryState::kEndorsed, MinistryState::kDeclined};
constexpr ReplyStance kStances[] = {ReplyStance::kSupports, ReplyStance::kDeclines,
                                    ReplyStance::kUndecided};
constexpr CampaignEventKind kEventKinds[] = {
    CampaignEventKind::kCreated,   CampaignEventKind::kWaveSent,      CampaignEventKind::kSent,
    CampaignEventKind::kReceived,  CampaignEventKind::kReplied,       CampaignEventKind::kForwarded,
    CampaignEventKind::kReminded,  CampaignEventKind::kMinistryAsked, CampaignEventKind::kEndorsed,
    CampaignEventKind::kDeclined,  CampaignEventKind::kMinistryCorrected,
    CampaignEventKind::kLetterLinked};

}  // namespace

bool awaiting_reply(const CampaignContact& c) {
  return c.state == ContactState::kLetterSent || c.state == ContactState::kReceived;
}

bool reply_overdue(const CampaignContact& c, const PartialDate& day) {
  return awaiting_reply(c) && c.reply_due && *c.reply_due < day;
}

std::string_view contact_state_name(ContactState s) {
  switch (s) {
    case ContactState::kNotContacted: return "not_contacted";
    case ContactState::kLetterSent: return "letter_sent";
    case ContactState::kReceived: return "received";
    case ContactState::kReplied: return "replied";
    case ContactState::kForwarded: return "forwarded";
  }
  return "not_contacted";
}

std::string_view ministry_state_name(MinistryState s) {
  switch (s) {
    case MinistryState::kUnknown: return "unknown";
    case MinistryState::kAsked: return "asked";
    case MinistryState::kEndorsed: return "endorsed";
    case MinistryState::kDeclined: return "declined";
  }
  return "unknown";
}

std::string_view reply_stance_name(ReplyStance s) {
  switch (s) {
    case ReplyStance::kSupports: return "supports";
    case ReplyStance::kDeclines: return "declines";
    case ReplyStance::kUndecided: return "undecided";
  }
  return "undecided";
}

std::string_view campaign_event_kind_name(CampaignEventKind k) {
  switch (k) {
    case CampaignEventKind::kCreated: return "created";
    case CampaignEventKind::kWaveSent: return "wave_sent";
    case CampaignEventKind::kSent: return "sent";
    case CampaignEventKind::kReceived: return "received";
    case CampaignEventKind::kReplied: return "replied";
    case CampaignEventKind::kForwarded: return "forwarded";
    case CampaignEventKind::kReminded: return "reminded";
    case CampaignEventKind::kMinistryAsked: return "ministry_asked";
    case CampaignEventKind::kEndorsed: return "endorsed";
    case CampaignEventKind::kDeclined: return "declined";
    case CampaignEventKind::kMinistryCorrected: return "ministry_corrected";
    case CampaignEventKind::kLetterLinked: return "letter_linked";
  }
  return "created";
}

ContactState parse_contact_state(std::string_view text, std::string_view field) {
  return parse_enum_name(text, field, kContactStates, contact_state_name, "contact state");
}

MinistryState parse_ministry_state(std::string_view text, std::string_view field) {
  return parse_enum_name(text, field, kMinistryStates, ministry_state_name, "ministry state");
}

ReplyStance parse_reply_stance(std::string_view text, std::string_view field) {
  return parse_enum_name(text, field, kStances, reply_stance_name, "reply stance");
}

CampaignEventKind parse_campaign_event_kind(std::string_view text, std::string_view field) {
  return parse_enum_name(text, field, kEventKinds, campaign_event_kind_name,
                         "campaign event kind");
}

bool contact_transition_allowed(ContactState from, ContactState to) {
  switch (to) {
    case ContactState::kLetterSent: return from == ContactState::kNotContacted;
    case ContactState::kReceived: return from == ContactState::kLetterSent;
    case ContactState::kReplied:
      return from == ContactState::kLetterSent || from == ContactState::kReceived;
    case ContactState::kForwarded: return from == ContactState::kReplied;
    case ContactState::kNotContacted: return false;
  }
  return false;
}

bool ministry_transition_allowed(MinistryState from, MinistryState to) {
  switch (to) {
    case MinistryState::kAsked: return from == MinistryState::kUnknown;
    case MinistryState::kEndorsed:
    case MinistryState::kDeclined:
      return from == MinistryState::kUnknown || from == MinistryState::kAsked;
    case MinistryState::kUnknown: return false;
  }
  return false;
}

}  // namespace twinning
