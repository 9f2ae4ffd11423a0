#include "campaign/campaigns.h"

#include <gtest/gtest.h>

#include "letters/correspondence.h"
#include "model/campaign_json.h"
#include "model/error.h"
#include "store/audit_log.h"
#include "store/campaign_store.h"
#include "store/letter_store.h"
#include "support/campaign_fixtures.h"
#include "support/test_support.h"

namespace twinning::campaign {
namespace {

using testing::actor_of;

class CampaignsTest : public testing::CampaignWorldTest {
 protected:
  std::int64_t letters_count() {
    return store->db().query_one("SELECT COUNT(*) FROM letters")->integer(0);
  }
  void reply_from(CityId city, ReplyStance stance = ReplyStance::kSupports) {
    ReplyRequest r;
    r.city = city;
    r.date = parse_full_date("2013-10-01");
    r.stance = stance;
    record_reply(*store, id, r);
  }
  // Records `country`'s ministry as endorsing, with a new incoming letter
  // from its foreign office as evidence; returns that letter.
  LetterId endorse_with_evidence(const std::string& country) {
    MinistryAnswer a;
    a.country = country;
    a.evidence = incoming_letter("Auswärtiges Amt");
    record_ministry_answer(*store, id, a);
    return a.evidence;
  }
  static MinistryCorrection correction(std::string country, MinistryState state,
                                       std::string reason) {
    MinistryCorrection k;
    k.country = std::move(country);
    k.state = state;
    k.reason = std::move(reason);
    return k;
  }
  template <class F>
  void expect_error(ErrorCode code, F&& f) {
    auto before = letters_count();
    auto contacts = campaigns().contacts(id).size();
    try {
      f();
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << e.what();
    }
    EXPECT_EQ(letters_count(), before);
    EXPECT_EQ(campaigns().contacts(id).size(), contacts);
  }
};

TEST_F(CampaignsTest, TheFirstWaveWritesOnceToEachTwinAndSkipsTheContacted) {
  WaveResult r = send_all();
  ASSERT_EQ(r.sent.size(), 5u);  // Cologne, Hiroshima, Ruse from Volgograd; Kiel, Dresden
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].city_id, w.cologne);
  EXPECT_NE(r.skipped[0].reason.find("already contacted by Volgograd"), std::string::npos);
  CampaignContact cologne = contact(w.cologne);
  EXPECT_EQ(cologne.state, ContactState::kLetterSent);
  EXPECT_EQ(cologne.wave, 1);
  EXPECT_EQ(*cologne.referred_by, w.volgograd);
  EXPECT_EQ(cologne.reply_due->to_string(), "2013-10-06");
  Letter letter = letters::letter_view(*store, cologne.letter_id).letter;
  EXPECT_EQ(letter.number, "19-024/1рс");
  EXPECT_EQ(*letter.addressees.at(0).city_id, w.cologne);
  EXPECT_EQ(letters_count(), 5);
}

TEST_F(CampaignsTest, ASecondSendIsRefusedAndChangesNothing) {
  send_all();
  expect_error(ErrorCode::kConflict, [&] { send_all(); });
  SendOptions from_kiel;
  from_kiel.from = w.kiel;
  expect_error(ErrorCode::kInvalidInput, [&] { send_wave(*store, templates, id, from_kiel); });
}

TEST_F(CampaignsTest, ACircularGoesUnderOneExplicitNumber) {
  SendOptions o;
  o.from = w.volgograd;
  o.date = d0;
  o.circular = true;
  o.number = "19-024/125рс";
  WaveResult r = send_wave(*store, templates, id, o);
  ASSERT_EQ(r.sent.size(), 3u);
  for (const auto& s : r.sent) EXPECT_EQ(s.number, "19-024/125рс");
  EXPECT_EQ(letters_count(), 1);
  SendOptions unnumbered;
  unnumbered.number = "CCC/1";
  expect_error(ErrorCode::kInvalidInput, [&] { send_wave(*store, templates, id, unnumbered); });
}

TEST_F(CampaignsTest, ALettersSubjectIsTheCampaignsTitleInItsLanguage) {
  Campaign c = set_campaign_title(*store, id, "de", "  Jahr der Partnerstädte ");
  EXPECT_EQ(c.titles, (std::map<std::string, std::string>{{"de", "Jahr der Partnerstädte"}}));
  c = set_campaign_title(*store, id, "DE", "Jahr der Städtepartnerschaften");  // replaces
  EXPECT_EQ(c.titles.at("de"), "Jahr der Städtepartnerschaften");
  EXPECT_EQ(campaigns().get(id)->titles.size(), 1u);
  send_all();
  auto subject_to = [&](CityId city) {
    return letters::letter_view(*store, contact(city).letter_id).letter.subject;
  };
  EXPECT_EQ(subject_to(w.cologne), "Jahr der Städtepartnerschaften");
  EXPECT_EQ(subject_to(w.dresden), "Jahr der Städtepartnerschaften");
  // No Japanese title and the generic letter gives no subject of its own:
  // the campaign's title.
  EXPECT_EQ(subject_to(w.hiroshima), "Test campaign");
}

TEST_F(CampaignsTest, WithoutATitleInItsLanguageALetterTakesItsTemplatesSubject) {
  CampaignRequest r;
  r.code = "appeal";
  r.title = "Year of the International Twin Cities Movement";
  r.titles = {{"en", r.title}, {"de", "Jahr der internationalen Städtepartnerschaftsbewegung"}};
  r.originators = {w.volgograd};
  r.template_name = "appeal-2013";
  CampaignId appeal = create_campaign(*store, r);
  SendOptions o;
  o.date = d0;
  o.circular = true;
  o.number = "19-024/125рс";
  auto wave = send_wave(*store, templates, appeal, o);
  Letter circular = letters::letter_view(*store, wave.sent.at(0).letter_id).letter;
  EXPECT_EQ(circular.lang, "ru");
  // The Russian appeal's own subject, not the English title.
  EXPECT_EQ(circular.subject,
            "О провозглашении 2014 года Годом международного движения породненных городов");
  expect_error(ErrorCode::kInvalidInput, [&] { set_campaign_title(*store, appeal, "r u", "x"); });
  expect_error(ErrorCode::kInvalidInput, [&] { set_campaign_title(*store, appeal, "ru", " "); });
  r.code = "bad";
  r.titles = {{"", "x"}};
  expect_error(ErrorCode::kInvalidInput, [&] { create_campaign(*store, r); });
  store->set_actor(actor_of(Role::kViewer));
  expect_error(ErrorCode::kForbidden, [&] { set_campaign_title(*store, appeal, "ru", "Год"); });
  EXPECT_EQ(campaigns().get(appeal)->titles.size(), 2u);
}

TEST_F(CampaignsTest, ContactsMoveOnlyForward) {
  send_all();
  record_receipt(*store, id, w.hiroshima, parse_full_date("2013-09-20"));
  EXPECT_EQ(contact(w.hiroshima).state, ContactState::kReceived);
  expect_error(ErrorCode::kConflict, [&] { record_receipt(*store, id, w.hiroshima); });
  ForwardRequest f;
  f.city = w.hiroshima;
  expect_error(ErrorCode::kConflict, [&] { record_forward(*store, templates, id, f); });
  reply_from(w.hiroshima);
  EXPECT_EQ(contact(w.hiroshima).state, ContactState::kReplied);
  expect_error(ErrorCode::kConflict, [&] { reply_from(w.hiroshima); });
  expect_error(ErrorCode::kConflict, [&] { record_receipt(*store, id, w.hiroshima); });
  expect_error(ErrorCode::kNotFound, [&] { reply_from(w.lille); });  // never contacted
}

// Issue 17: a write returns the record it wrote, so that no face re-reads
// the store to answer.
TEST_F(CampaignsTest, EachRecordingStepReturnsTheRecordItWrote) {
  send_all();
  CampaignContact received = record_receipt(*store, id, w.hiroshima, parse_full_date("2013-09-20"));
  EXPECT_EQ(received.state, ContactState::kReceived);
  EXPECT_EQ(received.received_on, parse_full_date("2013-09-20"));
  EXPECT_EQ(nlohmann::json(received), nlohmann::json(contact(w.hiroshima)));

  ReplyRequest r;
  r.city = w.hiroshima;
  r.date = parse_full_date("2013-10-01");
  r.stance = ReplyStance::kDeclines;
  CampaignContact replied = record_reply(*store, id, r);
  EXPECT_EQ(replied.state, ContactState::kReplied);
  EXPECT_EQ(replied.stance, ReplyStance::kDeclines);
  ASSERT_TRUE(replied.reply_letter_id);
  EXPECT_EQ(letters::letter_view(*store, *replied.reply_letter_id).letter.links[0].target,
            replied.letter_id);
  EXPECT_EQ(nlohmann::json(replied), nlohmann::json(contact(w.hiroshima)));

  CountryStance asked = record_ministry_asked(*store, id, "jp", parse_full_date("2013-10-03"));
  EXPECT_EQ(asked.country, "JP");
  EXPECT_EQ(asked.state, MinistryState::kAsked);
  EXPECT_EQ(asked.asked_on, parse_full_date("2013-10-03"));
  EXPECT_EQ(nlohmann::json(asked), nlohmann::json(*campaigns().country(id, "JP")));
}

TEST_F(CampaignsTest, AReplyIsRegisteredAsAnswerToTheLetterThatReachedTheCity) {
  send_all();
  reply_from(w.ruse);
  CampaignContact ruse = contact(w.ruse);
  ASSERT_TRUE(ruse.reply_letter_id);
  EXPECT_EQ(ruse.received_on->to_string(), "2013-10-01");  // a reply implies receipt
  Letter reply = letters::letter_view(*store, *ruse.reply_letter_id).letter;
  EXPECT_EQ(reply.direction, LetterDirection::kIncoming);
  EXPECT_EQ(reply.office_id, w.volgograd_office);
  ASSERT_EQ(reply.links.size(), 1u);
  EXPECT_EQ(reply.links[0].kind, LetterLinkKind::kReplyTo);
  EXPECT_EQ(reply.links[0].target, ruse.letter_id);
  EXPECT_EQ(letters::letter_view(*store, ruse.letter_id).letter.status, LetterStatus::kAnswered);
}

TEST_F(CampaignsTest, AForwardBringsInTheTwinsAtTheNextWave) {
  send_all();
  reply_from(w.cologne);
  ForwardRequest f;
  f.city = w.cologne;
  f.date = parse_full_date("2013-10-02");
  WaveResult r = record_forward(*store, templates, id, f);
  ASSERT_EQ(r.sent.size(), 2u);  // Lille, Turin; the originators are skipped
  EXPECT_EQ(r.skipped.size(), 2u);
  for (CityId city : {w.lille, w.turin}) {
    CampaignContact c = contact(city);
    EXPECT_EQ(c.wave, 2);
    EXPECT_EQ(*c.referred_by, w.cologne);
    Letter copy = letters::letter_view(*store, c.letter_id).letter;
    EXPECT_EQ(copy.kind, LetterKind::kForward);
    EXPECT_EQ(*copy.sender.city_id, w.cologne);
  }
  EXPECT_EQ(contact(w.cologne).state, ContactState::kForwarded);
  ForwardRequest again;
  again.city = w.kiel;
  again.to = {w.dresden};
  reply_from(w.kiel);
  expect_error(ErrorCode::kInvalidInput, [&] { record_forward(*store, templates, id, again); });
}

TEST_F(CampaignsTest, AMinistryAnswerNeedsARegisteredIncomingLetter) {
  send_all();
  MinistryAnswer a;
  a.country = "DE";
  expect_error(ErrorCode::kInvalidInput, [&] { record_ministry_answer(*store, id, a); });
  a.evidence = contact(w.kiel).letter_id;  // our own outgoing letter
  expect_error(ErrorCode::kInvalidInput, [&] { record_ministry_answer(*store, id, a); });
  a.evidence = incoming_letter("Auswärtiges Amt");
  record_ministry_answer(*store, id, a);
  auto stance = *campaigns().country(id, "DE");
  EXPECT_EQ(stance.state, MinistryState::kEndorsed);
  EXPECT_EQ(*stance.evidence_letter_id, a.evidence);
  EXPECT_EQ(stance.decided_on->to_string(), "2013-11-01");
  expect_error(ErrorCode::kConflict, [&] { record_ministry_answer(*store, id, a); });
  a.country = "XX";
  expect_error(ErrorCode::kNotFound, [&] { record_ministry_answer(*store, id, a); });
}

TEST_F(CampaignsTest, RolesDecideWhoRecordsWhat) {
  send_all();
  store->set_actor(actor_of(Role::kViewer));
  expect_error(ErrorCode::kForbidden, [&] { testing::add_test_campaign(*store, w); });
  expect_error(ErrorCode::kForbidden, [&] { reply_from(w.cologne); });
  store->set_actor(actor_of(Role::kCorrespondent, w.cologne));
  expect_error(ErrorCode::kForbidden, [&] { send_all(); });
  expect_error(ErrorCode::kForbidden, [&] { reply_from(w.kiel); });
  reply_from(w.cologne);  // its own city, filed in the originator's register
  EXPECT_EQ(contact(w.cologne).state, ContactState::kReplied);
  // The grant that let it file there ended with the step; the role never changed.
  EXPECT_EQ(store->actor().role, Role::kCorrespondent);
  EXPECT_FALSE(store->actor().granted_register_city);
  letters::IncomingRequest again;
  again.office = letters::letter_view(*store, contact(w.cologne).reply_letter_id.value()).office.id;
  again.sender.city_id = w.cologne;
  again.body = "Once more, straight into the originator's register.";
  expect_error(ErrorCode::kForbidden, [&] { letters::register_incoming(*store, again, {}); });
  record_ministry_asked(*store, id, "DE");  // its own country
  expect_error(ErrorCode::kForbidden, [&] { record_ministry_asked(*store, id, "JP"); });
}

TEST_F(CampaignsTest, AMinistrysAnswerCitesOnlyALetterTheCallerMayRead) {
  send_all();
  LetterId volgograds = incoming_letter("Auswärtiges Amt");  // Cologne may not read it
  store->set_actor(actor_of(Role::kCorrespondent, w.cologne));
  MinistryAnswer a;
  a.country = "DE";
  a.evidence = volgograds;
  expect_error(ErrorCode::kForbidden, [&] { record_ministry_answer(*store, id, a); });
  EXPECT_FALSE(campaigns().country(id, "DE"));
  // Cologne's own reply is evidence it may cite.
  reply_from(w.cologne);
  a.evidence = contact(w.cologne).reply_letter_id.value();
  record_ministry_answer(*store, id, a);
  ASSERT_TRUE(campaigns().country(id, "DE"));
  EXPECT_EQ(campaigns().country(id, "DE")->state, MinistryState::kEndorsed);
  EXPECT_EQ(campaigns().country(id, "DE")->evidence_letter_id, a.evidence);
}

TEST_F(CampaignsTest, AMinistryThatAnsweredIsNotAskedAgain) {
  send_all();
  MinistryAnswer a;
  a.country = "DE";
  a.evidence = incoming_letter("Auswärtiges Amt");
  record_ministry_answer(*store, id, a);
  expect_error(ErrorCode::kConflict, [&] { record_ministry_asked(*store, id, "DE"); });
  EXPECT_EQ(campaigns().country(id, "DE")->state, MinistryState::kEndorsed);
  // A ministry not yet asked may be asked, once.
  record_ministry_asked(*store, id, "JP");
  EXPECT_EQ(campaigns().country(id, "JP")->state, MinistryState::kAsked);
  expect_error(ErrorCode::kConflict, [&] { record_ministry_asked(*store, id, "JP"); });
}

TEST_F(CampaignsTest, AMinistryAnswerNamesItsCountryInEnglishOrRussian) {
  send_all();
  MinistryAnswer a;
  a.country = "Германия";
  a.evidence = incoming_letter("Auswärtiges Amt");
  EXPECT_EQ(record_ministry_answer(*store, id, a).country, "DE");
  EXPECT_EQ(campaigns().country(id, "DE")->state, MinistryState::kEndorsed);
  a.country = "Gui";  // Guinea or Guinea-Bissau: saves nothing
  expect_error(ErrorCode::kAmbiguous, [&] { record_ministry_answer(*store, id, a); });
  EXPECT_FALSE(campaigns().country(id, "GN"));
}

TEST_F(CampaignsTest, ACoordinatorCorrectsAWrongMinistryAnswerAuditedAndDated) {
  send_all();
  LetterId evidence = endorse_with_evidence("GE");
  MinistryCorrection k =
      correction("Georgia", MinistryState::kUnknown, "typed Germany, saved Georgia");
  CorrectedStance r = correct_ministry_answer(*store, id, k);
  EXPECT_EQ(r.before.state, MinistryState::kEndorsed);
  EXPECT_EQ(r.after.state, MinistryState::kUnknown);
  EXPECT_FALSE(campaigns().country(id, "GE"));  // reads as unknown again
  auto audit = store::AuditLog(*store).list({"campaign_country", "", "", 0, 100});
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "correct");
  EXPECT_EQ(audit.back().before["state"], "endorsed");
  EXPECT_EQ(audit.back().after["state"], "unknown");
  EXPECT_NE(audit.back().after["notes"].get<std::string>().find("typed Germany"),
            std::string::npos);
  auto events = campaigns().events(id);
  EXPECT_EQ(events.back().kind, CampaignEventKind::kMinistryCorrected);
  EXPECT_EQ(events.back().country, "GE");
  EXPECT_NE(events.back().detail.find("endorsed → unknown: typed Germany"), std::string::npos);

  // Germany's answer, recorded then corrected to declined with its evidence.
  MinistryAnswer de;
  de.country = "Germany";
  de.evidence = evidence;
  record_ministry_answer(*store, id, de);
  k.country = "DE";
  k.state = MinistryState::kDeclined;
  k.reason = "the letter declines";
  expect_error(ErrorCode::kInvalidInput, [&] { correct_ministry_answer(*store, id, k); });
  k.evidence = de.evidence;
  correct_ministry_answer(*store, id, k);
  EXPECT_EQ(campaigns().country(id, "DE")->state, MinistryState::kDeclined);
  EXPECT_EQ(campaigns().country(id, "DE")->evidence_letter_id, de.evidence);
  expect_error(ErrorCode::kConflict, [&] { correct_ministry_answer(*store, id, k); });
}

TEST_F(CampaignsTest, OnlyCoordinatorsCorrectAndOnlyWithAReason) {
  send_all();
  endorse_with_evidence("DE");
  MinistryCorrection k = correction("DE", MinistryState::kUnknown, " ");
  expect_error(ErrorCode::kInvalidInput, [&] { correct_ministry_answer(*store, id, k); });
  k.reason = "wrong";
  for (auto actor : {actor_of(Role::kCorrespondent, w.cologne), actor_of(Role::kViewer)}) {
    store->set_actor(actor);
    expect_error(ErrorCode::kForbidden, [&] { correct_ministry_answer(*store, id, k); });
  }
  store->set_actor(actor_of(Role::kCoordinator));
  k.country = "FR";  // nothing recorded
  expect_error(ErrorCode::kNotFound, [&] { correct_ministry_answer(*store, id, k); });
  EXPECT_EQ(campaigns().country(id, "DE")->state, MinistryState::kEndorsed);
}

TEST_F(CampaignsTest, ADryRunPreviewsEachReminderAndTakesNoNumber) {
  send_all();
  ReminderOptions o;
  o.as_of = parse_full_date("2013-12-01");
  o.dry_run = true;
  o.only = {w.cologne};
  auto before = letters_count();
  auto preview = send_reminders(*store, templates, id, o);
  ASSERT_EQ(preview.size(), 1u);
  ASSERT_TRUE(preview[0].preview);
  EXPECT_EQ(preview[0].preview->kind, LetterKind::kReminder);
  EXPECT_EQ(*preview[0].preview->addressees.at(0).city_id, w.cologne);
  EXPECT_NE(preview[0].preview->body.find(preview[0].original_number), std::string::npos);
  ASSERT_TRUE(preview[0].office);
  EXPECT_EQ(preview[0].office->id, w.volgograd_office);
  EXPECT_EQ(letters_count(), before);
  o.dry_run = false;
  auto sent = send_reminders(*store, templates, id, o);
  EXPECT_EQ(sent.at(0).number, preview[0].next_number);  // the number the preview named
}

TEST_F(CampaignsTest, RemindersGoToOverdueSilentCitiesOnlyAndNotTooOften) {
  send_all();
  reply_from(w.cologne);
  record_receipt(*store, id, w.kiel);
  ReminderOptions o;
  o.as_of = parse_full_date("2013-10-05");  // due 2013-10-06: nobody late yet
  EXPECT_TRUE(send_reminders(*store, templates, id, o).empty());
  o.as_of = parse_full_date("2013-10-10");
  o.dry_run = true;
  auto planned = send_reminders(*store, templates, id, o);
  EXPECT_EQ(planned.size(), 4u);  // Hiroshima, Ruse, Kiel, Dresden; not Cologne
  o.dry_run = false;
  auto sent = send_reminders(*store, templates, id, o);
  ASSERT_EQ(sent.size(), 4u);
  for (const auto& r : sent) {
    EXPECT_NE(r.city_id, w.cologne);
    Letter reminder = letters::letter_view(*store, r.reminder).letter;
    EXPECT_EQ(reminder.kind, LetterKind::kReminder);
    ASSERT_EQ(reminder.links.size(), 1u);
    EXPECT_EQ(reminder.links[0].target, r.original);
    EXPECT_EQ(reminder.links[0].target_number, r.original_number);
    EXPECT_EQ(contact(r.city_id).reminders, 1);
  }
  o.as_of = parse_full_date("2013-10-15");
  EXPECT_TRUE(send_reminders(*store, templates, id, o).empty());  // within 14 days
  o.as_of = parse_full_date("2013-10-25");
  o.only = {w.kiel, w.cologne};  // Cologne has answered: only Kiel
  auto one = send_reminders(*store, templates, id, o);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].city_id, w.kiel);
  o.only.clear();
  o.as_of = parse_full_date("2013-11-10");
  EXPECT_EQ(send_reminders(*store, templates, id, o).size(), 4u);
}

TEST_F(CampaignsTest, RemindersCanBeLimitedToNamedCities) {
  send_all();
  ReminderOptions o;
  o.as_of = parse_full_date("2013-10-10");
  o.only = {w.ruse};
  auto r = send_reminders(*store, templates, id, o);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].city_id, w.ruse);
}

TEST_F(CampaignsTest, CreationValidatesItsInput) {
  CampaignRequest r;
  r.code = "Bad Code";
  r.title = "x";
  r.originators = {w.volgograd};
  expect_error(ErrorCode::kInvalidInput, [&] { create_campaign(*store, r); });
  r.code = "ok";
  r.originators = {};
  expect_error(ErrorCode::kInvalidInput, [&] { create_campaign(*store, r); });
  r.originators = {w.volgograd};
  r.majority_needed = 500;
  expect_error(ErrorCode::kInvalidInput, [&] { create_campaign(*store, r); });
  r.majority_needed.reset();
  r.code = "test";
  expect_error(ErrorCode::kConflict, [&] { create_campaign(*store, r); });
  r.code = "second";
  CampaignId second = create_campaign(*store, r);
  Campaign c = find_campaign(*store, "second");
  EXPECT_EQ(c.id, second);
  EXPECT_EQ(c.member_states, 193);
  EXPECT_EQ(c.majority_needed, 97);
  EXPECT_EQ(find_campaign(*store, std::to_string(second)).code, "second");
  expect_error(ErrorCode::kNotFound, [&] { find_campaign(*store, "nope"); });
}

}  // namespace
}  // namespace twinning::campaign
