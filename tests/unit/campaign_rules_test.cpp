// The refusals and edge rules of the campaign use cases (campaign/campaigns.h,
// campaign/demo_2013.h, campaign/campaign_forecast.h): every refused step
// names its field, says why, and leaves every table as it was.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "campaign/campaign_forecast.h"
#include "campaign/campaigns.h"
#include "campaign/demo_2013.h"
#include "letters/correspondence.h"
#include "letters/offices.h"
#include "model/error.h"
#include "registry/registry.h"
#include "store/campaign_store.h"
#include "store/city_store.h"
#include "store/letter_store.h"
#include "support/campaign_fixtures.h"
#include "support/test_support.h"

namespace twinning::campaign {
namespace {

using testing::actor_of;

// Expects `f` to throw `code` naming `field` with `phrase` in its message,
// and every table of the database at `db_path` to keep its row count.
void expect_refused(const std::string& db_path, ErrorCode code, const std::string& field,
                    const std::string& phrase, const std::function<void()>& f) {
  auto before = testing::table_row_counts(db_path);
  std::string message, got_field;
  EXPECT_EQ(testing::code_of(f, &message, &got_field), code) << message;
  EXPECT_EQ(got_field, field) << message;
  EXPECT_NE(message.find(phrase), std::string::npos) << message;
  EXPECT_EQ(testing::table_row_counts(db_path), before) << message;
}

class CampaignRulesTest : public testing::CampaignWorldTest {
 protected:
  Letter letter(LetterId l) { return letters::letter_view(*store, l).letter; }
  void refused(ErrorCode code, const std::string& field, const std::string& phrase,
               const std::function<void()>& f) {
    expect_refused(dir.file("test.db"), code, field, phrase, f);
  }
  CampaignRequest request(const std::string& code, std::vector<CityId> originators) {
    CampaignRequest r;
    r.code = code;
    r.title = "Another campaign";
    r.originators = std::move(originators);
    return r;
  }
  // Campaign `code` of `originator` alone, its wave 1 sent as one circular on d0.
  WaveResult circular_of(const std::string& code, CityId originator) {
    CampaignId c = create_campaign(*store, request(code, {originator}));
    SendOptions o;
    o.date = d0;
    o.circular = true;
    return send_wave(*store, templates, c, o);
  }
  LetterId reply_from(CityId city, bool asked_ministry = false) {
    ReplyRequest r;
    r.city = city;
    r.date = parse_full_date("2013-10-01");
    r.asked_ministry = asked_ministry;
    return record_reply(*store, id, r).reply_letter_id.value();
  }
  OfficeId add_office(CityId city, const std::string& code) {
    letters::OfficeRequest r;
    r.code = code;
    r.city_id = city;
    r.outgoing_pattern = code + "/{seq}";
    return letters::add_office(*store, r);
  }
  int events_of_kind(const std::string& kind) {
    int n = 0;
    for (const auto& e : campaigns().events(id))
      n += campaign_event_kind_name(e.kind) == kind ? 1 : 0;
    return n;
  }
};

TEST_F(CampaignRulesTest, CreationRefusesEachBadFieldByName) {
  auto bad = [&](const std::string& field, const std::string& phrase, CampaignRequest r) {
    refused(ErrorCode::kInvalidInput, field, phrase, [&] { create_campaign(*store, r); });
  };
  for (const std::string& code :
       std::vector<std::string>{"", std::string(49, 'a'), "Upper", "a{b", "a/b", "a b"}) {
    bad("code", "must be 1-48 lower-case letters", request(code, {w.volgograd}));
  }
  CampaignRequest r = request("ok", {w.volgograd});
  r.title = "   ";
  bad("title", "needs a title", r);
  for (std::string CampaignRequest::*text :
       {&CampaignRequest::title, &CampaignRequest::initiative, &CampaignRequest::template_name,
        &CampaignRequest::target}) {
    r = request("ok", {w.volgograd});
    r.*text = "caf\xc3";
    bad("title", "valid UTF-8", r);
  }
  for (const std::string ask : {"  ", "\xff"}) {
    r = request("ok", {w.volgograd});
    r.asks = {"Ask your ministry", ask};
    bad("asks", "an ask may not be empty", r);
  }
  bad("originators", "named twice", request("ok", {w.volgograd, w.coventry, w.volgograd}));
  r = request("ok", {w.volgograd});
  r.reply_days = 0;
  bad("reply_days", "at least 1", r);
  r = request("ok", {w.volgograd});
  r.starts_on = parse_full_date("2014-01-01");
  r.ends_on = parse_full_date("2013-12-31");
  bad("ends_on", "ends before it starts", r);
  r = request("ok", {w.volgograd});
  r.member_states = 0;
  r.majority_needed = 1;
  bad("member_states", "at least 1", r);
  r.member_states = 10;
  r.majority_needed = 0;
  bad("majority_needed", "1..10", r);
  r.majority_needed = 11;
  bad("majority_needed", "1..10", r);
  refused(ErrorCode::kNotFound, "city", "no city with id 999999", [&] {
    create_campaign(*store, request("ok", {w.volgograd, 999999}));
  });
  EXPECT_EQ(campaigns().list().size(), 1u);
}

TEST_F(CampaignRulesTest, CreationTakesTheBoundsItIsGiven) {
  CampaignRequest r = request("a-b_9", {w.volgograd});
  r.member_states = 10;
  r.starts_on = parse_full_date("2014-01-01");
  r.ends_on = parse_full_date("2014-01-01");  // a one-day campaign ends as it starts
  Campaign c = *campaigns().get(create_campaign(*store, r));
  EXPECT_EQ(c.code, "a-b_9");
  EXPECT_EQ(c.member_states, 10);
  EXPECT_EQ(c.majority_needed, 6);  // a simple majority of the given membership
  auto events = campaigns().events(c.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, CampaignEventKind::kCreated);
  EXPECT_EQ(events[0].date.to_string(), "2014-01-01");  // the start, not today
  r = request("open-ended", {w.coventry});
  r.ends_on = parse_full_date("2013-01-01");  // an end without a start is not checked
  r.title = "  Spaced title  ";
  Campaign open = *campaigns().get(create_campaign(*store, r));
  EXPECT_EQ(open.title, "Spaced title");
  EXPECT_EQ(open.ends_on->to_string(), "2013-01-01");
}

TEST_F(CampaignRulesTest, ACampaignIsFoundByItsTrimmedCodeOrByItsId) {
  CampaignId numbered = create_campaign(*store, request("2014", {w.coventry}));
  EXPECT_EQ(find_campaign(*store, "  test ").id, id);
  EXPECT_EQ(find_campaign(*store, std::to_string(id)).id, id);
  EXPECT_EQ(find_campaign(*store, "2014").id, numbered);  // a code before an id
  for (const std::string ref : {"", "nope", "12a", "999", "1234567890123456789"}) {
    std::string message, field;
    EXPECT_EQ(testing::code_of([&] { find_campaign(*store, ref, "with"); }, &message, &field),
              ErrorCode::kNotFound)
        << ref;
    EXPECT_EQ(field, "with");
    EXPECT_NE(message.find("no campaign '" + ref + "'"), std::string::npos) << message;
  }
}

TEST_F(CampaignRulesTest, AWaveIsRefusedForAStrangerANumberWithoutCircularOrWithoutFrom) {
  SendOptions o;
  o.date = d0;
  o.from = w.kiel;
  refused(ErrorCode::kInvalidInput, "from", "Kiel, DE is not an originator",
          [&] { send_wave(*store, templates, id, o); });
  o.from = 999999;
  refused(ErrorCode::kInvalidInput, "from", "#999999 is not an originator",
          [&] { send_wave(*store, templates, id, o); });
  o.from.reset();
  o.number = "19-024/125рс";
  refused(ErrorCode::kInvalidInput, "number", "add --circular",
          [&] { send_wave(*store, templates, id, o); });
  o.circular = true;  // one number, but two originators
  refused(ErrorCode::kInvalidInput, "number", "add --from",
          [&] { send_wave(*store, templates, id, o); });
  refused(ErrorCode::kNotFound, "campaign", "no campaign with id 999",
          [&] { send_wave(*store, templates, 999, o); });
  EXPECT_TRUE(campaigns().contacts(id).empty());
  EXPECT_EQ(campaigns().events(id).size(), 1u);  // "created" only
}

TEST_F(CampaignRulesTest, ANumberedCircularOfTheOnlyOriginatorNeedsNoFrom) {
  CampaignId solo = create_campaign(*store, request("solo", {w.volgograd}));
  SendOptions o;
  o.date = d0;
  o.circular = true;
  o.number = "19-024/125рс";
  WaveResult r = send_wave(*store, templates, solo, o);
  ASSERT_EQ(r.sent.size(), 3u);  // Cologne, Hiroshima, Ruse under one number
  for (const auto& s : r.sent) EXPECT_EQ(s.number, "19-024/125рс");
  Letter circular = letter(r.sent[0].letter_id);
  EXPECT_EQ(circular.addressees.size(), 3u);
  EXPECT_EQ(circular.lang, "ru");  // Volgograd's own language has the template
}

// A circular takes the language a letter to its originator would: with no
// languages recorded for Volgograd, its country's (Russian).
TEST_F(CampaignRulesTest, ACircularIsWrittenInTheLanguageALetterToItsOriginatorTakes) {
  CityDetails no_languages;
  no_languages.languages = std::vector<std::string>{};
  registry::update_city(*store, w.volgograd, no_languages);
  letters::DraftRequest to_volgograd;
  to_volgograd.office = w.coventry_office;
  to_volgograd.addressees = {Addressee{w.volgograd, "", "", ""}};
  Letter letter_to_it = letters::prepare_draft(*store, templates, to_volgograd);
  EXPECT_EQ(letter_to_it.lang, "ru");
  WaveResult r = circular_of("solo", w.volgograd);
  ASSERT_FALSE(r.sent.empty());
  EXPECT_EQ(letter(r.sent[0].letter_id).lang, letter_to_it.lang);
}

TEST_F(CampaignRulesTest, ACircularFallsBackToEnglishWithoutATemplateInTheOriginatorsLanguage) {
  City tartu;  // Estonia: no "letter" template in Estonian, its official language
  tartu.name = "Tartu";
  tartu.country = "EE";
  tartu.id = store::CityStore(*store).create(tartu);
  Link link;
  link.city_a = std::min(tartu.id, w.coventry);
  link.city_b = std::max(tartu.id, w.coventry);
  registry::add_link(*store, link);
  add_office(tartu.id, "tartu");
  WaveResult r = circular_of("tartu", tartu.id);
  ASSERT_EQ(r.sent.size(), 1u);  // Coventry
  EXPECT_EQ(r.sent[0].city_id, w.coventry);
  EXPECT_EQ(letter(r.sent[0].letter_id).lang, "en");
}

TEST_F(CampaignRulesTest, AnOriginatorWithoutAnOfficeCannotSendItsWave) {
  CampaignId hiroshimas = create_campaign(*store, request("hiroshima", {w.hiroshima}));
  SendOptions o;
  o.date = d0;
  refused(ErrorCode::kNotFound, "from", "has no registering office",
          [&] { send_wave(*store, templates, hiroshimas, o); });
  EXPECT_EQ(campaigns().events(hiroshimas).size(), 1u);
}

TEST_F(CampaignRulesTest, ASuspendedTwinIsNotWritten) {
  Link l;
  l.city_a = std::min(w.volgograd, w.lille);
  l.city_b = std::max(w.volgograd, w.lille);
  l.status = LinkStatus::kSuspended;
  registry::add_link(*store, l);
  WaveResult r = send_all();
  for (const auto& s : r.sent) EXPECT_NE(s.city_id, w.lille);
  for (const auto& s : r.skipped) EXPECT_NE(s.city_id, w.lille);
  EXPECT_FALSE(campaigns().contact(id, w.lille));
}

TEST_F(CampaignRulesTest, AContactOfUnknownOriginIsSkippedAsContactedByUnknown) {
  CampaignContact stray;
  stray.city_id = w.kiel;
  stray.state = ContactState::kLetterSent;
  stray.wave = 1;
  stray.letter_id = incoming_letter("Somebody");
  stray.sent_on = d0;
  campaigns().insert_contact(id, stray);
  WaveResult r = send_all();
  bool kiel_skipped = false;
  for (const auto& s : r.skipped) {
    if (s.city_id != w.kiel) continue;
    kiel_skipped = true;
    EXPECT_EQ(s.reason, "already contacted by ?");
  }
  EXPECT_TRUE(kiel_skipped);
}

TEST_F(CampaignRulesTest, AReplyCarriesTheCitysRequisitesAndAsksTheMinistryOnce) {
  CityDetails hiroshima;
  hiroshima.head_title = "Mayor of Hiroshima";
  hiroshima.head_name = "K. Matsui";
  store::CityStore(*store).update(w.hiroshima, hiroshima);
  CityDetails ruse;
  ruse.languages = std::vector<std::string>{};
  store::CityStore(*store).update(w.ruse, ruse);
  send_all();
  Letter from_hiroshima = letter(reply_from(w.hiroshima));
  EXPECT_EQ(from_hiroshima.sender.letterhead, "Mayor of Hiroshima");
  EXPECT_EQ(from_hiroshima.sender.signatory_name, "K. Matsui");
  EXPECT_EQ(from_hiroshima.lang, "ja");
  Letter from_ruse = letter(reply_from(w.ruse));
  EXPECT_EQ(from_ruse.sender.letterhead, "Ruse");
  EXPECT_EQ(from_ruse.lang, "en");  // a city without languages answers in English
  reply_from(w.kiel, true);
  EXPECT_EQ(campaigns().country(id, "DE")->state, MinistryState::kAsked);
  EXPECT_EQ(campaigns().country(id, "DE")->asked_on->to_string(), "2013-10-01");
  reply_from(w.dresden, true);  // the same country: already asked, no second ask
  EXPECT_EQ(events_of_kind("ministry_asked"), 1);
  EXPECT_EQ(events_of_kind("replied"), 4);
}

TEST_F(CampaignRulesTest, StepsOfAnUnknownCampaignAreRefused) {
  refused(ErrorCode::kNotFound, "campaign", "no campaign with id 999", [&] {
    ReplyRequest r;
    r.city = w.cologne;
    record_reply(*store, 999, r);
  });
  refused(ErrorCode::kNotFound, "campaign", "no campaign with id 999", [&] {
    ForwardRequest f;
    f.city = w.cologne;
    record_forward(*store, templates, 999, f);
  });
  refused(ErrorCode::kNotFound, "campaign", "no campaign with id 999",
          [&] { record_ministry_asked(*store, 999, "DE"); });
  LetterId evidence = incoming_letter("Auswärtiges Amt");
  refused(ErrorCode::kNotFound, "campaign", "no campaign with id 999", [&] {
    MinistryAnswer a;
    a.country = "DE";
    a.evidence = evidence;
    record_ministry_answer(*store, 999, a);
  });
  refused(ErrorCode::kNotFound, "campaign", "no campaign with id 999",
          [&] { send_reminders(*store, templates, 999, ReminderOptions{}); });
  refused(ErrorCode::kNotFound, "campaign", "no campaign with id 999",
          [&] { campaign_model_state(*store, 999); });
}

TEST_F(CampaignRulesTest, AForwardRefusesContactedRecipientsAndCountsARepeatedOneOnce) {
  Link l;
  l.city_a = std::min(w.cologne, w.kiel);
  l.city_b = std::max(w.cologne, w.kiel);
  registry::add_link(*store, l);  // Kiel: twin of Cologne and of Coventry
  send_all();
  reply_from(w.cologne);
  ForwardRequest f;
  f.city = w.cologne;
  f.date = parse_full_date("2013-10-02");
  f.to = {w.lille, w.kiel};
  refused(ErrorCode::kConflict, "to", "Kiel, DE: already contacted by Coventry",
          [&] { record_forward(*store, templates, id, f); });
  f.to = {w.volgograd};
  refused(ErrorCode::kConflict, "to", "Volgograd, RU: originator of this campaign",
          [&] { record_forward(*store, templates, id, f); });
  f.to = {w.turin, 999999};
  refused(ErrorCode::kInvalidInput, "to", "#999999 is not an active twin of Cologne, DE",
          [&] { record_forward(*store, templates, id, f); });
  EXPECT_EQ(contact(w.cologne).state, ContactState::kReplied);
  f.to = {w.lille, w.lille};
  WaveResult r = record_forward(*store, templates, id, f);
  ASSERT_EQ(r.sent.size(), 1u);
  EXPECT_EQ(r.sent[0].city_id, w.lille);
  EXPECT_TRUE(r.skipped.empty());
  EXPECT_FALSE(campaigns().contact(id, w.turin));
  EXPECT_EQ(contact(w.cologne).state, ContactState::kForwarded);
}

TEST_F(CampaignRulesTest, AForwardIsWrittenFromTheCitysOwnOfficeAndRefusedWhenItHasSeveral) {
  send_all();
  reply_from(w.cologne);
  reply_from(w.hiroshima);
  OfficeId cologne = add_office(w.cologne, "koeln");
  ForwardRequest f;
  f.city = w.cologne;
  f.date = parse_full_date("2013-10-02");
  f.to = {w.turin};
  WaveResult r = record_forward(*store, templates, id, f);
  ASSERT_EQ(r.sent.size(), 1u);
  Letter copy = letter(r.sent[0].letter_id);
  EXPECT_EQ(copy.office_id, cologne);
  EXPECT_EQ(r.sent[0].number, "koeln/1");
  add_office(w.hiroshima, "hiroshima");
  add_office(w.hiroshima, "hiroshima-intl");
  ForwardRequest h;
  h.city = w.hiroshima;
  refused(ErrorCode::kAmbiguous, "office", "several offices",
          [&] { record_forward(*store, templates, id, h); });
  EXPECT_EQ(contact(w.hiroshima).state, ContactState::kReplied);
}

TEST_F(CampaignRulesTest, AMinistryIsAskedOnceAndDecidesOnce) {
  record_ministry_asked(*store, id, "de", parse_full_date("2013-10-03"));
  auto stance = *campaigns().country(id, "DE");
  EXPECT_EQ(stance.state, MinistryState::kAsked);
  EXPECT_EQ(stance.asked_on->to_string(), "2013-10-03");
  refused(ErrorCode::kConflict, "country", "the foreign ministry of DE is already asked",
          [&] { record_ministry_asked(*store, id, "DE"); });
  refused(ErrorCode::kNotFound, "country", "unknown country code 'XX'",
          [&] { record_ministry_asked(*store, id, "XX"); });
  MinistryAnswer a;
  a.country = "DE";
  a.endorsed = false;
  a.evidence = incoming_letter("Auswärtiges Amt");
  a.date = parse_full_date("2013-12-01");
  a.notes = "Not this year";
  record_ministry_answer(*store, id, a);
  stance = *campaigns().country(id, "DE");
  EXPECT_EQ(stance.state, MinistryState::kDeclined);
  EXPECT_EQ(stance.decided_on->to_string(), "2013-12-01");  // the date given, not the letter's
  EXPECT_EQ(stance.notes, "Not this year");
  EXPECT_EQ(events_of_kind("declined"), 1);
  refused(ErrorCode::kConflict, "country", "already declined",
          [&] { record_ministry_asked(*store, id, "DE"); });
  a.endorsed = true;
  refused(ErrorCode::kConflict, "country", "has already declined",
          [&] { record_ministry_answer(*store, id, a); });
}

TEST_F(CampaignRulesTest, AMinistrysEvidenceMustExistAndBeRegistered) {
  MinistryAnswer a;
  a.country = "DE";
  a.evidence = 424242;
  refused(ErrorCode::kNotFound, "evidence", "", [&] { record_ministry_answer(*store, id, a); });
  Letter draft;
  draft.office_id = w.volgograd_office;
  draft.direction = LetterDirection::kIncoming;
  draft.status = LetterStatus::kDraft;
  draft.sender.letterhead = "Auswärtiges Amt";
  draft.lang = "en";
  draft.template_name = "letter";
  a.evidence = store::LetterStore(*store).insert(draft);
  refused(ErrorCode::kInvalidInput, "evidence", "is incoming, draft",
          [&] { record_ministry_answer(*store, id, a); });
  EXPECT_FALSE(campaigns().country(id, "DE"));
}

TEST_F(CampaignRulesTest, CorrespondentsWriteForTheirOwnCityAndCountryOnly) {
  send_all();
  auto reply = [&](CityId city) {
    ReplyRequest r;
    r.city = city;
    record_reply(*store, id, r);
  };
  store->set_actor(actor_of(Role::kCorrespondent));  // bound to no city
  refused(ErrorCode::kForbidden, "", "your own city only", [&] { reply(w.kiel); });
  refused(ErrorCode::kForbidden, "", "your own city's country only",
          [&] { record_ministry_asked(*store, id, "DE"); });
  store->set_actor(actor_of(Role::kCorrespondent, 999999));  // a city no longer registered
  refused(ErrorCode::kForbidden, "", "your own city's country only",
          [&] { record_ministry_asked(*store, id, "DE"); });
  store->set_actor(actor_of(Role::kCorrespondent, w.kiel));
  refused(ErrorCode::kForbidden, "", "your own city only",
          [&] { record_receipt(*store, id, w.cologne); });
  refused(ErrorCode::kForbidden, "", "your own city's country only",
          [&] { record_ministry_asked(*store, id, "RU"); });
  store->set_actor(actor_of(Role::kViewer));
  refused(ErrorCode::kForbidden, "", "your own city's country only",
          [&] { record_ministry_asked(*store, id, "DE"); });
  refused(ErrorCode::kForbidden, "", "only coordinators and admins",
          [&] { send_reminders(*store, templates, id, ReminderOptions{}); });
  store->set_actor(actor_of(Role::kAdmin));
  record_receipt(*store, id, w.cologne, parse_full_date("2013-09-20"));
  record_ministry_asked(*store, id, "DE");
  EXPECT_EQ(contact(w.cologne).state, ContactState::kReceived);
  EXPECT_EQ(campaigns().country(id, "DE")->state, MinistryState::kAsked);
}

TEST_F(CampaignRulesTest, ADryRunOfNamedCitiesListsWithoutRegistering) {
  send_all();
  ReminderOptions o;
  o.as_of = parse_full_date("2013-10-10");
  o.dry_run = true;
  o.only = {w.ruse, w.lille};  // Lille was never contacted
  auto before = testing::table_row_counts(dir.file("test.db"));
  auto planned = send_reminders(*store, templates, id, o);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].city_id, w.ruse);
  EXPECT_EQ(planned[0].reminder, 0);
  EXPECT_EQ(planned[0].number, "");
  EXPECT_EQ(planned[0].original, contact(w.ruse).letter_id);
  EXPECT_EQ(planned[0].original_date.to_string(), "2013-09-06");
  EXPECT_EQ(testing::table_row_counts(dir.file("test.db")), before);
  EXPECT_EQ(contact(w.ruse).reminders, 0);
}

// The 2013 demo on the campaign world (Volgograd and Coventry already
// registered, with their offices).
class DemoRulesTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  letters::TemplateLibrary templates = testing::shipped_templates();

  void refused(ErrorCode code, const std::string& field, const std::string& phrase,
               const std::function<void()>& f) {
    expect_refused(dir.file("test.db"), code, field, phrase, f);
  }
  std::string world_csv(const std::string& rows) {
    return dir.write("world.csv", "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n" + rows);
  }
};

TEST_F(DemoRulesTest, ASimulationNeedsProbabilitiesAndTheDemoAndRunsOnce) {
  testing::CampaignWorld w = testing::add_campaign_world(*store);
  SimulationOptions o;
  o.comply = 1;
  o.endorse = 1;
  refused(ErrorCode::kNotFound, "campaign", "load the demo first",
          [&] { simulate_2013(*store, templates, o); });
  DemoReport demo = load_demo_2013(*store, templates, dir.file("absent.csv"));
  EXPECT_FALSE(demo.imported_world);  // both cities were there, with their offices
  EXPECT_EQ(demo.letters_registered, 2);
  EXPECT_EQ(demo.cities_contacted, 5);
  EXPECT_EQ(letters::list_offices(*store, w.volgograd).size(), 1u);
  for (double bad : {-0.01, 1.01}) {
    SimulationOptions b = o;
    b.comply = bad;
    refused(ErrorCode::kInvalidInput, "comply", "0..1",
            [&] { simulate_2013(*store, templates, b); });
    b = o;
    b.endorse = bad;
    refused(ErrorCode::kInvalidInput, "endorse", "0..1",
            [&] { simulate_2013(*store, templates, b); });
  }
  SimulationReport sim = simulate_2013(*store, templates, o);
  // Everyone complies: Cologne, Hiroshima, Ruse, Kiel, Dresden, then Lille and
  // Turin from Cologne's forward; each country's ministry endorses once.
  EXPECT_EQ(sim.replies, 7);
  EXPECT_EQ(sim.forwards, 1);
  EXPECT_EQ(sim.endorsements, 5);
  store::CampaignStore campaigns(*store);
  EXPECT_EQ(campaigns.contact(sim.campaign, w.turin)->wave, 2);
  EXPECT_EQ(campaigns.country(sim.campaign, "DE")->state, MinistryState::kEndorsed);
  EXPECT_FALSE(campaigns.country(demo.campaign, "DE"));  // the real campaign is untouched
  refused(ErrorCode::kConflict, "campaign", "exists already",
          [&] { simulate_2013(*store, templates, o); });
}

TEST_F(DemoRulesTest, WithoutEndorsementsEveryAskedMinistryStaysAsked) {
  testing::CampaignWorld w = testing::add_campaign_world(*store);
  load_demo_2013(*store, templates, dir.file("absent.csv"));
  SimulationOptions o;
  o.comply = 1;
  o.endorse = 0;
  SimulationReport sim = simulate_2013(*store, templates, o);
  EXPECT_EQ(sim.replies, 7);
  EXPECT_EQ(sim.endorsements, 0);
  store::CampaignStore campaigns(*store);
  for (const auto& stance : campaigns.countries(sim.campaign)) {
    EXPECT_EQ(stance.state, MinistryState::kAsked) << stance.country;
  }
  EXPECT_EQ(campaigns.countries(sim.campaign).size(), 5u);  // DE, JP, BG, FR, IT
  EXPECT_EQ(campaigns.contact(sim.campaign, w.lille)->state, ContactState::kForwarded);
}

TEST_F(DemoRulesTest, AnEmptyRegistryImportsTheWorldListFirst) {
  std::string csv = world_csv(
      "Volgograd,Russia,48.7,44.5,Cologne,Germany,50.9,6.9\n"
      "Coventry,England,52.4,-1.5,Cologne,Germany,50.9,6.9\n");
  DemoReport r = load_demo_2013(*store, templates, csv);
  EXPECT_TRUE(r.imported_world);
  EXPECT_EQ(r.letters_registered, 1);  // Coventry's only twin is already contacted
  EXPECT_EQ(r.cities_contacted, 1);
  DemoReport again = load_demo_2013(*store, templates, csv);
  EXPECT_TRUE(again.already_loaded);
  EXPECT_EQ(again.campaign, r.campaign);
}

TEST_F(DemoRulesTest, AWorldListWithoutBothOriginatorsLoadsNothing) {
  refused(ErrorCode::kNotFound, "FILE", "",
          [&] { load_demo_2013(*store, templates, dir.file("absent.csv")); });
  std::string csv = world_csv("Volgograd,Russia,48.7,44.5,Cologne,Germany,50.9,6.9\n");
  refused(ErrorCode::kNotFound, "city", "Coventry",
          [&] { load_demo_2013(*store, templates, csv); });
  EXPECT_EQ(store::CityStore(*store).count(), 0);
  EXPECT_FALSE(store::CampaignStore(*store).find_by_code(kDemoCampaignCode));
}

TEST_F(DemoRulesTest, TwoCitiesOfTheSameNameStopTheDemo) {
  for (int i = 0; i < 2; ++i) {
    City c;
    c.name = "Volgograd";
    c.country = "RU";
    store::CityStore(*store).create(c);
  }
  refused(ErrorCode::kAmbiguous, "city", "Volgograd",
          [&] { load_demo_2013(*store, templates, dir.file("absent.csv")); });
}

TEST_F(DemoRulesTest, TwinnedOriginatorsAloneWriteNoLetter) {
  std::string csv = world_csv("Coventry,England,52.4,-1.5,Volgograd,Russia,48.7,44.5\n");
  DemoReport r = load_demo_2013(*store, templates, csv);
  EXPECT_TRUE(r.imported_world);
  EXPECT_EQ(r.letters_registered, 0);  // each one's only twin is the other originator
  EXPECT_EQ(r.cities_contacted, 0);
  store::CampaignStore campaigns(*store);
  EXPECT_TRUE(campaigns.contacts(r.campaign).empty());
  int waves = 0;
  for (const auto& e : campaigns.events(r.campaign))
    waves += e.kind == CampaignEventKind::kWaveSent ? 1 : 0;
  EXPECT_EQ(waves, 2);  // both waves went out, empty
}

TEST_F(DemoRulesTest, AnOriginatorWithAnotherOfficeStopsTheDemo) {
  CityId ids[2];
  const char* names[2][2] = {{"Volgograd", "RU"}, {"Coventry", "GB"}};
  for (int i = 0; i < 2; ++i) {
    City c;
    c.name = names[i][0];
    c.country = names[i][1];
    ids[i] = store::CityStore(*store).create(c);
  }
  letters::OfficeRequest r;
  r.code = "vlg";
  r.city_id = ids[0];
  r.outgoing_pattern = "VLG/{seq}";
  letters::add_office(*store, r);
  refused(ErrorCode::kAmbiguous, "from", "several offices (vlg, volgograd)",
          [&] { load_demo_2013(*store, templates, dir.file("absent.csv")); });
  EXPECT_EQ(letters::list_offices(*store, ids[0]).size(), 1u);
  EXPECT_FALSE(store::CampaignStore(*store).find_by_code(kDemoCampaignCode));
}

}  // namespace
}  // namespace twinning::campaign
