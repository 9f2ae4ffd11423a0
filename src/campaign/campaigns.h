// src/campaign/ — campaigns that cascade through the twin network: waves,
// contacts and their states, ministry answers with evidence, the tally
// against the UN members, reminders, the dashboard's JSON and the 2013 demo.
// It owns what a campaign counts and which step is allowed. It registers
// its letters through letters/ and must not write the register itself, nor
// know the faces.
//
// Use cases of campaigns that cascade through the twin network (PRODUCT.md
// M6–M8, section 2): creating a campaign, sending its first wave from the
// originators, recording receipts, replies and forwards as they arrive,
// recording foreign-ministry answers with their evidence, and reminding the
// cities whose reply is overdue. Every step registers the letter behind it
// in the correspondence register (letters/correspondence.h).
//
// Rules: a city moves only forward (not contacted → letter sent → received →
// replied → forwarded; a reply implies receipt); a city is contacted once per
// campaign; a ministry moves unknown → asked → endorsed | declined, and a
// decision needs a registered incoming letter as evidence. A refused step
// throws and changes nothing: each call is one write transaction.
//
// Roles: coordinators and admins run everything; a correspondent may record
// receipts, replies, forwards and ministry answers of its own city only (and
// of its city's country); viewers write nothing (Error(kForbidden)).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "campaign/campaign_reads.h"  // find_campaign, list_campaigns, campaign_view
#include "letters/attachments.h"
#include "letters/letter_template.h"
#include "model/campaign.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::campaign {

struct CampaignRequest {
  std::string code;  // lower-case letters, digits, '-', '_'; the CLI's handle
  std::string title;
  // The title in other languages (BCP 47 tag -> title), as set later by
  // set_campaign_title.
  std::map<std::string, std::string> titles;
  std::string initiative;
  std::vector<std::string> asks;
  std::vector<CityId> originators;  // at least one, each with a registering office
  std::string template_name = "letter";
  std::string target = "UN General Assembly resolution";
  std::optional<int> majority_needed;  // default: a simple majority of member_states
  std::optional<int> member_states;    // default: the UN members in the registry (193)
  std::optional<PartialDate> starts_on, ends_on;
  int reply_days = 60;
};

// Creates a campaign. Returns its id. Throws Error(kInvalidInput) naming the
// field (bad code, empty title, no originator, majority outside
// 1..member_states, reply_days < 1), Error(kNotFound) for an unknown
// originator, Error(kConflict) for a taken code, Error(kForbidden).
CampaignId create_campaign(store::Store& store, const CampaignRequest& request);

// Sets campaign `id`'s title in language `lang`, replacing the one it had:
// from now on the subject of the campaign's letters in that language (a
// letter already registered keeps its subject). A letter in a language
// without a title takes its template's own subject in that language, else
// the campaign's title. Returns the campaign as written. Throws
// Error(kInvalidInput) naming "lang" for a tag that is not BCP 47, naming
// "title" for an empty or non-UTF-8 title; Error(kNotFound);
// Error(kForbidden) unless a coordinator or admin.
Campaign set_campaign_title(store::Store& store, CampaignId id, std::string_view lang,
                            std::string_view title);

struct SendOptions {
  std::optional<CityId> from;       // one originator; default: every originator in order
  std::optional<PartialDate> date;  // registration date; default today
  // One letter addressed to all the originator's twins under one number (a
  // circular, as Volgograd's No 19-024/125рс was), instead of one letter per twin.
  bool circular = false;
  std::string number;  // explicit number of the circular (a historical letter)
};

struct SentLetter {
  CityId city_id = 0;  // the contacted city
  CityId from = 0;     // who wrote
  LetterId letter_id = 0;
  std::string number;
};

struct Skipped {
  CityId city_id = 0;
  std::string reason;  // "already contacted by Coventry"
};

struct WaveResult {
  std::vector<SentLetter> sent;
  std::vector<Skipped> skipped;
};

// Wave 1: each originator (or options.from) writes to its active twins that
// this campaign has not contacted yet, in each twin's language (template of
// the campaign, English fallback), reply due after the campaign's
// reply_days. Twins already contacted are skipped, not an error. Throws
// Error(kConflict) if the originator's wave was already sent ("duplicate
// send"), Error(kInvalidInput) if options.from is not an originator or an
// explicit number comes without circular, Error(kNotFound) if an originator
// has no registering office, and as letters::register_prepared.
WaveResult send_wave(store::Store& store, const letters::TemplateLibrary& templates,
                     CampaignId campaign, const SendOptions& options);

// Records that `city` confirmed receipt. Returns the city's contact as
// written (received, received_on = `date`, default today). Throws
// Error(kConflict) for an invalid transition, Error(kNotFound) if the city
// was not contacted.
CampaignContact record_receipt(store::Store& store, CampaignId campaign, CityId city,
                               std::optional<PartialDate> date = {});

struct ReplyRequest {
  CityId city = 0;
  std::optional<PartialDate> date;  // registration date of the reply; default today
  std::string sender_number;        // the number the city gave its reply
  std::optional<PartialDate> sender_date;
  ReplyStance stance = ReplyStance::kSupports;
  bool asked_ministry = false;  // the city says it asked its foreign ministry
  std::string subject, body;
  std::vector<letters::AttachmentInput> attachments;  // stored with the reply (a scan)
};

// Registers the city's reply as an incoming letter in the register of the
// office that wrote to it (reply to that letter; for a correspondent, under
// a letters::RegisterGrant for that office's city, the one write outside its
// own city that it is allowed) and moves the city to replied — on the
// sender's date when given, else on the registration date (the date of
// receipt): the timeline's "replied" event and replied_on carry that date;
// with asked_ministry, the city's country moves to asked. Returns the city's
// contact as written: replied, with reply_letter_id the registered reply.
// Throws Error(kConflict) for an invalid transition (not contacted, already
// replied), Error(kNotFound), Error(kForbidden).
CampaignContact record_reply(store::Store& store, CampaignId campaign, const ReplyRequest& request);

struct ForwardRequest {
  CityId city = 0;         // the city that forwards
  std::vector<CityId> to;  // default: its active twins not yet contacted
  std::optional<PartialDate> date;
};

// Records that `city` forwarded the campaign's letter to its twins: one
// registered forwarded copy per recipient from the city's office (created for
// the campaign if the city has none: code "city-<id>"), each recipient
// contacted at the city's wave + 1 with the city as referrer. Named
// recipients already contacted are an Error(kConflict); in the default list
// they are skipped and reported. Throws Error(kConflict) unless the city has
// replied (replied → forwarded), Error(kInvalidInput) if a named recipient is
// not a twin.
WaveResult record_forward(store::Store& store, const letters::TemplateLibrary& templates,
                          CampaignId campaign, const ForwardRequest& request);

// Records that `country`'s foreign ministry was asked (unknown → asked).
// Returns the country's stance as written (asked, asked_on = `date`, default
// today). Throws Error(kNotFound) for an unknown country or campaign,
// Error(kConflict) if the ministry was already asked or has decided,
// Error(kForbidden) outside a correspondent's own country.
CountryStance record_ministry_asked(store::Store& store, CampaignId campaign,
                                    const std::string& country,
                                    std::optional<PartialDate> date = {});

struct MinistryAnswer {
  std::string country;              // ISO code or name (campaign/country_choice.h)
  std::string lang = "en";          // the language `country` may be named in, besides en, ru
  bool endorsed = true;             // false: declined
  LetterId evidence = 0;            // a registered incoming letter carrying the answer
  std::optional<PartialDate> date;  // default: the evidence's registration date
  std::string notes;
};

// Records a foreign ministry's written answer. The evidence must be a letter
// the caller may read (letters/letter_access.h): another city's letter is
// Error(kForbidden) naming "evidence" and telling nothing of the letter.
// Throws Error(kInvalidInput) without evidence or if the evidence is not a
// registered incoming letter, Error(kNotFound) for an unknown country or
// letter, Error(kAmbiguous) for a name several countries match
// (resolve_country), Error(kConflict) if the ministry already answered.
// Returns the stance as recorded.
CountryStance record_ministry_answer(store::Store& store, CampaignId campaign,
                                     const MinistryAnswer& answer);

struct MinistryCorrection {
  std::string country;                            // ISO code or name (campaign/country_choice.h)
  std::string lang = "en";                        // as MinistryAnswer::lang
  MinistryState state = MinistryState::kUnknown;  // what the record should say
  LetterId evidence = 0;            // required for endorsed and declined, else ignored
  std::optional<PartialDate> date;  // of the decision; default: the evidence's date
  std::string reason;               // why the record was wrong; required
};

struct CorrectedStance {
  CountryStance before, after;
};

// Corrects a wrongly recorded foreign-ministry stance of `country` in any
// direction (endorsed → unknown, declined → endorsed with other evidence,
// asked → unknown, ...). Nothing vanishes unrecorded: the stance is
// overwritten with the reason in its notes (back to unknown, its row goes —
// unknown is the absence of a stance — and the reason stays in the audit
// and the timeline), the audit log keeps before and after (action
// "correct"), and the timeline gets a "ministry_corrected" event. Returns
// the stance before and after (unknown, with the reason in its notes). Only
// coordinators and admins may correct (Error(kForbidden) for anyone else).
// Throws Error(kInvalidInput) naming "reason" without a reason, naming
// "evidence" for an endorsed or declined stance without a registered
// incoming letter the caller may read, Error(kNotFound) for an unknown
// country or a country with nothing recorded, Error(kConflict) naming
// "state" when the correction would change nothing.
CorrectedStance correct_ministry_answer(store::Store& store, CampaignId campaign,
                                        const MinistryCorrection& correction);

struct ReminderOptions {
  std::optional<PartialDate> as_of;  // default today
  int min_days_between = 14;         // no second reminder sooner than this
  bool dry_run = false;              // list who would be reminded, register nothing
  std::vector<CityId> only;          // remind only these cities (if overdue); empty = all
};

struct Reminder {
  CityId city_id = 0;
  LetterId original = 0;
  std::string original_number;
  PartialDate original_date;
  LetterId reminder = 0;  // 0 in a dry run
  std::string number;
  std::optional<Letter> preview;  // dry run: the reminder as it would be registered
  std::optional<Office> office;   // dry run: the office whose register would number it
  std::string next_number;        // dry run: the number it would take if registered now
                                  // alone (letters::preview_next_number; not reserved)
};

// Registers a reminder to every contacted city whose reply was due before
// as_of and that has not replied (never to a city that answered), citing the
// letter that reached it by number and date, from the office that sent it.
// Returns the reminders in city order. A dry run writes nothing and returns
// each reminder's merged letter as `preview` (letters::prepare_reminder).
std::vector<Reminder> send_reminders(store::Store& store, const letters::TemplateLibrary& templates,
                                     CampaignId campaign, const ReminderOptions& options);

}  // namespace twinning::campaign
