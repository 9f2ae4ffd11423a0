// /api/campaigns over real HTTP on SQLite and PostgreSQL: the 2013 scenario
// (campaign, wave 1 from Volgograd and Coventry, Cologne's reply and
// forward, Germany's endorsement with its letter as evidence), the tally
// compared with the CLI's, who may record what, reminders, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "letters/correspondence.h"
#include "letters/offices.h"
#include "registry/registry.h"
#include "store/campaign_store.h"
#include "store/letter_store.h"
#include "store/office_store.h"
#include "support/api_fixture.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

// The fixture's registry (Coventry - Volgograd, Coventry - Cologne) plus
// Cologne - Kiel, so that Cologne has a twin to forward to, and the offices
// the originators write from.
class CampaignsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Link l;
    l.city_a = cologne;
    l.city_b = kiel;
    registry::add_link(*store, l);
    letters::OfficeRequest v;
    v.code = "volgograd";
    v.city_id = volgograd;
    v.outgoing_pattern = "19-024/{seq}рс";
    volgograd_office = letters::add_office(*store, v);
    letters::OfficeRequest c;
    c.code = "coventry";
    c.city_id = coventry;
    c.outgoing_pattern = "CCC/{yyyy}/{seq}";
    letters::add_office(*store, c);
  }

  HttpResponse post(Role role, const std::string& path, const nlohmann::json& body) {
    return as(role).send_json("POST", "/api/campaigns" + path, body);
  }

  // Creates campaign un-2014 and sends wave 1 on 2013-09-06.
  void create_and_send() {
    auto r = post(Role::kCoordinator, "",
                  {{"code", "un-2014"},
                   {"title", "2014 — Year of the International Twin Cities Movement"},
                   {"originators", {volgograd, "Coventry, GB"}},
                   {"template", "appeal-2013"},
                   {"asks",
                    {"Obtain your foreign ministry's written approval",
                     "Inform Volgograd by official letter"}},
                   {"starts_on", "2013-09-06"}});
    ASSERT_EQ(r.status, 201) << r.body;
    r = post(Role::kCoordinator, "/un-2014/send", {{"date", "2013-09-06"}});
    ASSERT_EQ(r.status, 200) << r.body;
    wave1 = r.json();
  }

  // A registered incoming letter of the Volgograd office: the German
  // foreign ministry's answer.
  LetterId ministry_letter(const std::string& number = "") {
    letters::IncomingRequest in;
    in.office = volgograd_office;
    in.sender.letterhead = "Auswärtiges Amt";
    in.subject = "UN resolution on twin cities";
    in.body = "Germany will support the resolution.";
    return letters::register_incoming(*store, in, {parse_partial_date("2013-11-01"), number}).id;
  }

  // The whole scenario up to Germany's endorsement.
  void play_scenario() {
    create_and_send();
    if (HasFatalFailure()) return;
    auto r =
        post(Role::kCorrespondent, "/un-2014/receive", {{"city", cologne}, {"date", "2013-09-20"}});
    ASSERT_EQ(r.status, 200) << r.body;
    r = post(Role::kCorrespondent, "/un-2014/reply",
             {{"city", cologne},
              {"date", "2013-10-01"},
              {"their_number", "K-2013/77"},
              {"their_date", "2013-09-30"},
              {"stance", "supports"},
              {"asked_ministry", true}});
    ASSERT_EQ(r.status, 200) << r.body;
    reply = r.json();
    r = post(Role::kCorrespondent, "/un-2014/forward", {{"city", cologne}, {"date", "2013-10-02"}});
    ASSERT_EQ(r.status, 200) << r.body;
    forwarded = r.json();
    evidence = ministry_letter();
    r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "de"}, {"evidence", evidence}});
    ASSERT_EQ(r.status, 200) << r.body;
    endorsed = r.json();
  }

  std::size_t letter_count() {
    store::LetterQuery q;
    q.limit = 100000;
    return store::LetterStore(*store).list(q).size();
  }

  // Everything a refused request must leave as it was.
  std::string fingerprint() {
    return anonymous().get("/api/campaigns/un-2014").body +
           anonymous().get("/api/campaigns/un-2014/timeline").body + std::to_string(letter_count());
  }

  OfficeId volgograd_office = 0;
  LetterId evidence = 0;
  nlohmann::json wave1, reply, forwarded, endorsed;
};

std::set<std::string> names_of(const nlohmann::json& items, const char* key) {
  std::set<std::string> out;
  for (const auto& i : items) out.insert(i[key]["name"].get<std::string>());
  return out;
}

TEST_P(CampaignsApi, PlaysThe2013Scenario) {
  play_scenario();
  ASSERT_FALSE(HasFatalFailure());
  // Wave 1: Coventry writes to Cologne; each originator's other twin is the
  // other originator.
  ASSERT_EQ(wave1["sent"].size(), 1u) << wave1;
  EXPECT_EQ(wave1["sent"][0]["city"]["name"], "Cologne");
  EXPECT_EQ(wave1["sent"][0]["from"]["name"], "Coventry");
  EXPECT_EQ(wave1["sent"][0]["number"], "CCC/2013/1");
  EXPECT_EQ(names_of(wave1["skipped"], "city"), (std::set<std::string>{"Coventry", "Volgograd"}));
  EXPECT_EQ(wave1["skipped"][0]["reason"], "originator of this campaign");
  // Cologne replied (registered as an incoming letter) and forwarded to Kiel.
  EXPECT_EQ(reply["state"], "replied");
  EXPECT_GT(reply["reply_letter_id"].get<std::int64_t>(), 0);
  ASSERT_EQ(forwarded["sent"].size(), 1u) << forwarded;
  EXPECT_EQ(forwarded["sent"][0]["city"]["name"], "Kiel");
  EXPECT_EQ(forwarded["sent"][0]["from"]["name"], "Cologne");
  EXPECT_EQ(names_of(forwarded["skipped"], "city"), std::set<std::string>{"Coventry"});
  EXPECT_EQ(endorsed["state"], "endorsed");
  EXPECT_EQ(endorsed["evidence_letter_id"], evidence);
  EXPECT_EQ(endorsed["decided_on"], "2013-11-01");

  // The tally, public.
  auto r = anonymous().get("/api/campaigns/un-2014/status?as_of=2013-12-31");
  ASSERT_EQ(r.status, 200) << r.body;
  auto s = r.json();
  EXPECT_EQ(s["cities_contacted"], 2);
  EXPECT_EQ(s["cities_received"], 1);
  EXPECT_EQ(s["cities_replied"], 1);
  EXPECT_EQ(s["cities_forwarded"], 1);
  EXPECT_EQ(s["cities_awaiting"], 1);
  EXPECT_EQ(s["cities_overdue"], 1);  // Kiel: due 2013-12-01
  EXPECT_EQ(s["max_wave"], 2);
  EXPECT_EQ(s["countries_reached"], 1);
  EXPECT_EQ(s["un_members_endorsing"], 1);
  EXPECT_EQ(s["endorsing"], nlohmann::json({"DE"}));
  EXPECT_EQ(s["majority_needed"], 97);
  EXPECT_EQ(s["member_states"], 193);
  EXPECT_FALSE(s["majority_reached"].get<bool>());
  ASSERT_EQ(s["over_time"].size(), 1u);
  EXPECT_EQ(s["over_time"][0]["date"], "2013-11-01");
  // On 2013-11-30 Kiel's reply is not due yet.
  EXPECT_EQ(
      anonymous().get("/api/campaigns/un-2014/status?as_of=2013-11-30").json()["cities_overdue"],
      0);

  r = anonymous().get("/api/campaigns/un-2014/countries-map");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), nlohmann::json({{"DE", "endorsed"}}));

  r = anonymous().get("/api/campaigns/un-2014");
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = r.json();
  EXPECT_EQ(d["campaign"]["code"], "un-2014");
  EXPECT_EQ(d["campaign"]["originators"], nlohmann::json({volgograd, coventry}));
  ASSERT_EQ(d["contacts"].size(), 2u);
  EXPECT_EQ(d["contacts"][0]["city"]["name"], "Cologne");
  EXPECT_EQ(d["contacts"][0]["city"]["country"], "DE");
  EXPECT_DOUBLE_EQ(d["contacts"][0]["city"]["lat"].get<double>(), 50.9375);
  EXPECT_DOUBLE_EQ(d["contacts"][0]["city"]["lng"].get<double>(), 6.9603);
  EXPECT_EQ(d["contacts"][0]["state"], "forwarded");
  EXPECT_EQ(d["contacts"][0]["referred_by"], coventry);
  EXPECT_EQ(d["contacts"][1]["city"]["name"], "Kiel");
  EXPECT_EQ(d["contacts"][1]["wave"], 2);
  EXPECT_EQ(d["contacts"][1]["referred_by"], cologne);
  ASSERT_EQ(d["countries"].size(), 1u);
  EXPECT_EQ(d["countries"][0]["country"], "DE");
  EXPECT_EQ(d["countries"][0]["asked_on"], "2013-10-01");

  r = anonymous().get("/api/campaigns/un-2014/chain/" + std::to_string(kiel));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), nlohmann::json::parse(R"([
      {"id": )" + std::to_string(kiel) + R"(, "name": "Kiel", "country": "DE"},
      {"id": )" + std::to_string(cologne) + R"(, "name": "Cologne", "country": "DE"},
      {"id": )" + std::to_string(coventry) + R"(, "name": "Coventry", "country": "GB"}])"));
  r = anonymous().get("/api/campaigns/un-2014/chain/Kiel%2C%20DE");
  EXPECT_EQ(r.json().size(), 3u);

  r = anonymous().get("/api/campaigns/un-2014/timeline");
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> kinds;
  for (const auto& e : r.json()) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"created", "wave_sent", "sent", "wave_sent",
                                             "received", "replied", "ministry_asked", "sent",
                                             "forwarded", "endorsed"}));

  r = anonymous().get("/api/campaigns");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["total"], 1);
  EXPECT_EQ(r.json()["items"][0]["title"], "2014 — Year of the International Twin Cities Movement");
}

TEST_P(CampaignsApi, StatusIsTheCliObject) {
  play_scenario();
  ASSERT_FALSE(HasFatalFailure());
  for (const char* as_of : {"2013-11-30", "2013-12-31"}) {
    auto cli = run_twinning({"--db", database->location(), "campaign", "status", "un-2014",
                             "--as-of", as_of, "--json"});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    auto http = anonymous().get(std::string("/api/campaigns/un-2014/status?as_of=") + as_of);
    EXPECT_EQ(http.json(), cli.json()) << as_of;
  }
  auto cli = run_twinning({"--db", database->location(), "campaign", "show", "un-2014", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  // The same object for a coordinator (who may read every letter; the
  // public view leaves the letter ids out: PublicViewsShowNoLettersOfTheRegister),
  // but the API's cities carry their coordinates.
  auto http = as(Role::kCoordinator).get("/api/campaigns/un-2014").json();
  for (auto& k : http["contacts"]) {
    EXPECT_TRUE(k["city"].contains("lat"));
    k["city"].erase("lat");
    k["city"].erase("lng");
  }
  EXPECT_EQ(http, cli.json());
}

TEST_P(CampaignsApi, ACorrespondentRecordsOnlyItsOwnCityAndCountry) {
  create_and_send();
  ASSERT_FALSE(HasFatalFailure());
  // Coventry is an originator, Kiel not contacted: both are other cities
  // than the correspondent's Cologne.
  LetterId answer = ministry_letter("AA-2013/501");  // a number of Volgograd's register alone
  std::string before = fingerprint();
  for (CityId other : {coventry, kiel, volgograd}) {
    auto r =
        post(Role::kCorrespondent, "/un-2014/reply", {{"city", other}, {"date", "2013-10-01"}});
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.error_code(), "forbidden");
    r = post(Role::kCorrespondent, "/un-2014/receive", {{"city", other}});
    EXPECT_EQ(r.status, 403) << r.body;
    r = post(Role::kCorrespondent, "/un-2014/forward", {{"city", other}});
    EXPECT_EQ(r.status, 403) << r.body;
  }
  auto r = post(Role::kCorrespondent, "/un-2014/ask", {{"country", "GB"}});
  EXPECT_EQ(r.status, 403) << r.body;
  r = post(Role::kCorrespondent, "/un-2014/endorse", {{"country", "RU"}, {"evidence", answer}});
  EXPECT_EQ(r.status, 403) << r.body;
  // What the route table reserves for coordinators.
  EXPECT_EQ(post(Role::kCorrespondent, "/un-2014/remind", nlohmann::json::object()).status, 403);
  EXPECT_EQ(post(Role::kCorrespondent, "/un-2014/send", nlohmann::json::object()).status, 403);
  EXPECT_EQ(post(Role::kCorrespondent, "", {{"code", "x"}}).status, 403);
  // Viewers and anonymous callers read, and write nothing.
  EXPECT_EQ(post(Role::kViewer, "/un-2014/receive", {{"city", cologne}}).status, 403);
  EXPECT_EQ(
      anonymous().send_json("POST", "/api/campaigns/un-2014/receive", {{"city", cologne}}).status,
      401);
  EXPECT_EQ(as(Role::kViewer).get("/api/campaigns/un-2014/status").status, 200);
  EXPECT_EQ(fingerprint(), before);

  // Its own city and country it may record.
  r = post(Role::kCorrespondent, "/un-2014/reply", {{"city", cologne}, {"date", "2013-10-01"}});
  ASSERT_EQ(r.status, 200) << r.body;
  LetterId own_reply = r.json()["reply_letter_id"];
  r = post(Role::kCorrespondent, "/un-2014/ask", {{"country", "DE"}, {"date", "2013-10-03"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "asked");
  // Volgograd's register is not Cologne's: its letter is no evidence for
  // Cologne's correspondent in any form, and the refusal tells nothing of it.
  before = fingerprint();
  std::string number = letters::letter_view(*store, answer).letter.number;
  for (const nlohmann::json& form :
       {nlohmann::json(answer), nlohmann::json(std::to_string(answer)),
        nlohmann::json("#" + std::to_string(answer)), nlohmann::json(number)}) {
    r = post(Role::kCorrespondent, "/un-2014/endorse", {{"country", "DE"}, {"evidence", form}});
    EXPECT_TRUE(r.status == 403 || r.status == 404) << form << ": " << r.body;
    EXPECT_EQ(r.error_field(), "evidence") << form << ": " << r.body;
    for (const char* secret :
         {"Auswärtiges", "incoming", "registered", "Volgograd", "2013-11-01"}) {
      EXPECT_EQ(r.body.find(secret), std::string::npos)
          << form << " tells " << secret << ": " << r.body;
    }
    if (!form.is_string() || form.get<std::string>() != number) {
      EXPECT_EQ(r.body.find(number), std::string::npos) << form << ": " << r.body;
    }
  }
  EXPECT_EQ(fingerprint(), before);
  r = post(Role::kCorrespondent, "/un-2014/endorse",
           {{"country", "DE"}, {"evidence", own_reply}, {"declined", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "declined");
  EXPECT_EQ(anonymous().get("/api/campaigns/un-2014/countries-map").json(),
            nlohmann::json({{"DE", "declined"}}));
}

// Issue 13: "Germany" typed in the ministry form saved Georgia. A country
// is named in English or Russian or by its code, and a name that is unknown
// or fits several countries saves nothing.
TEST_P(CampaignsApi, AMinistryAnswerNamesItsCountryAndAnUnclearNameSavesNothing) {
  create_and_send();
  ASSERT_FALSE(HasFatalFailure());
  LetterId answer = ministry_letter();
  std::string before = fingerprint();
  auto r = post(Role::kCoordinator, "/un-2014/endorse",
                {{"country", "Germanistan"}, {"evidence", answer}});
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.error_field(), "country");
  r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "Gui"}, {"evidence", answer}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.error_code(), "ambiguous");
  EXPECT_NE(r.body.find("Guinea-Bissau (GW)"), std::string::npos) << r.body;
  EXPECT_EQ(fingerprint(), before);
  r = post(Role::kCoordinator, "/un-2014/endorse",
           {{"country", "Германия"}, {"evidence", answer}, {"lang", "ru"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["country"], "DE");
  EXPECT_EQ(r.json()["state"], "endorsed");
  EXPECT_EQ(anonymous().get("/api/campaigns/un-2014/countries-map").json()["DE"], "endorsed");
}

TEST_P(CampaignsApi, OnlyACoordinatorCorrectsAMinistryAnswerAndTheAuditKeepsBeforeAndAfter) {
  create_and_send();
  ASSERT_FALSE(HasFatalFailure());
  LetterId answer = ministry_letter();
  auto r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "GE"}, {"evidence", answer}});
  ASSERT_EQ(r.status, 200) << r.body;
  nlohmann::json correction = {
      {"country", "Georgia"}, {"state", "unknown"}, {"reason", "typed Germany, saved Georgia"}};
  std::string before = fingerprint();
  EXPECT_EQ(post(Role::kCorrespondent, "/un-2014/ministry-correction", correction).status, 403);
  EXPECT_EQ(post(Role::kViewer, "/un-2014/ministry-correction", correction).status, 403);
  EXPECT_EQ(anonymous()
                .send_json("POST", "/api/campaigns/un-2014/ministry-correction", correction)
                .status,
            401);
  nlohmann::json no_reason = correction;
  no_reason.erase("reason");
  r = post(Role::kCoordinator, "/un-2014/ministry-correction", no_reason);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error_field(), "reason");
  EXPECT_EQ(fingerprint(), before);

  r = post(Role::kCoordinator, "/un-2014/ministry-correction", correction);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["before"]["state"], "endorsed");
  EXPECT_EQ(r.json()["after"]["state"], "unknown");
  EXPECT_EQ(r.json()["after"]["country"], "GE");
  EXPECT_EQ(anonymous().get("/api/campaigns/un-2014/status").json()["un_members_endorsing"], 0);
  EXPECT_FALSE(anonymous().get("/api/campaigns/un-2014/countries-map").json().contains("GE"));
  auto audit = as(Role::kCoordinator).get("/api/audit?entity=campaign_country").json();
  auto items = audit.is_array() ? audit : audit["items"];
  ASSERT_FALSE(items.empty()) << audit;
  const auto& last = items.back();
  EXPECT_EQ(last["action"], "correct");
  EXPECT_EQ(last["before"]["state"], "endorsed");
  EXPECT_EQ(last["after"]["state"], "unknown");
  auto timeline = anonymous().get("/api/campaigns/un-2014/timeline").json();
  EXPECT_EQ(timeline.back()["kind"], "ministry_corrected");
  EXPECT_NE(timeline.back()["detail"].get<std::string>().find("typed Germany"), std::string::npos);
  // Corrected again: nothing is left to correct.
  r = post(Role::kCoordinator, "/un-2014/ministry-correction", correction);
  EXPECT_EQ(r.status, 404) << r.body;
}

TEST_P(CampaignsApi, TheCampaignTellsEachCallerWhichControlsItMayUse) {
  create_and_send();
  ASSERT_FALSE(HasFatalFailure());
  auto can = [&](HttpClient& c) { return c.get("/api/campaigns/un-2014").json()["can"]; };
  auto coordinator = can(as(Role::kCoordinator));
  EXPECT_EQ(coordinator["remind"], true);
  EXPECT_EQ(coordinator["record_ministry_answer"], true);
  EXPECT_EQ(coordinator["correct_ministry_answer"], true);
  EXPECT_TRUE(coordinator["ministry_country"].is_null());
  auto correspondent = can(as(Role::kCorrespondent));
  EXPECT_EQ(correspondent["remind"], false);
  EXPECT_EQ(correspondent["send"], false);
  EXPECT_EQ(correspondent["correct_ministry_answer"], false);
  EXPECT_EQ(correspondent["record_ministry_answer"], true);
  EXPECT_EQ(correspondent["ministry_country"], "DE");
  for (HttpClient* c : {&as(Role::kViewer), &anonymous()}) {
    auto none = can(*c);
    for (const char* key : {"send", "remind", "record_city_answers", "record_ministry_answer",
                            "correct_ministry_answer"}) {
      EXPECT_EQ(none[key], false) << key;
    }
  }
  // The countries each may record, the reached first, named in the asked language.
  auto list = as(Role::kCoordinator).get("/api/campaigns/un-2014/ministry-countries?lang=ru");
  ASSERT_EQ(list.status, 200) << list.body;
  auto countries = list.json();
  ASSERT_GT(countries.size(), 100u);
  EXPECT_EQ(countries[0]["reached"], true);
  bool germany = false;
  for (const auto& c : countries) {
    if (c["iso2"] == "DE") {
      germany = true;
      EXPECT_EQ(c["name"], "Германия");
      EXPECT_EQ(c["name_en"], "Germany");
      EXPECT_EQ(c["reached"], true);
    }
  }
  EXPECT_TRUE(germany);
  auto own = as(Role::kCorrespondent).get("/api/campaigns/un-2014/ministry-countries").json();
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0]["iso2"], "DE");
  EXPECT_EQ(anonymous().get("/api/campaigns/un-2014/ministry-countries").json().size(), 0u);
}

TEST_P(CampaignsApi, ARemindersDryRunPreviewsTheLetterAndTheNumberItWouldTake) {
  create_and_send();
  ASSERT_FALSE(HasFatalFailure());
  std::size_t letters_before = letter_count();
  auto r = post(Role::kCoordinator, "/un-2014/remind",
                {{"as_of", "2013-12-01"}, {"dry_run", true}, {"cities", {cologne}}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto preview = r.json().at(0)["preview"];
  EXPECT_EQ(preview["letter"]["kind"], "reminder");
  EXPECT_EQ(preview["letter"]["addressees"][0]["city_id"], cologne);
  EXPECT_EQ(preview["office"]["code"], "coventry");
  std::string next = preview["next_number"];
  EXPECT_EQ(letter_count(), letters_before);
  r = post(Role::kCoordinator, "/un-2014/remind", {{"as_of", "2013-12-01"}, {"cities", {cologne}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at(0)["number"], next);
  EXPECT_FALSE(r.json().at(0).contains("preview"));
}

// The campaign is public, the register is not (issue 14): its public views
// name no registration number of any office, and give a letter's id only to
// whom may read that letter.
TEST_P(CampaignsApi, PublicViewsShowNoLettersOfTheRegister) {
  play_scenario();
  ASSERT_FALSE(HasFatalFailure());
  store::LetterQuery all;
  all.limit = 100000;
  auto letters_of_register = store::LetterStore(*store).list(all);
  ASSERT_GE(letters_of_register.size(), 4u);
  std::set<LetterId> readable_by_cologne;
  for (const auto& l : letters_of_register) {
    if (l.sender_city_id == cologne ||
        store::OfficeStore(*store).require(l.office_id).city_id == cologne ||
        std::find(l.addressee_cities.begin(), l.addressee_cities.end(), cologne) !=
            l.addressee_cities.end()) {
      readable_by_cologne.insert(l.id);
    }
  }
  auto ids_in = [](const nlohmann::json& items, std::initializer_list<const char*> keys) {
    std::set<LetterId> ids;
    for (const auto& i : items) {
      for (const char* k : keys) {
        if (i.contains(k) && i[k].is_number()) ids.insert(i[k].get<LetterId>());
      }
    }
    return ids;
  };
  for (Role role : {Role::kViewer, Role::kCorrespondent, Role::kCoordinator}) {
    std::string who(role_name(role));
    auto timeline = as(role).get("/api/campaigns/un-2014/timeline");
    auto detail = as(role).get("/api/campaigns/un-2014");
    ASSERT_EQ(timeline.status, 200) << timeline.body;
    ASSERT_EQ(detail.status, 200) << detail.body;
    for (const auto& l : letters_of_register) {
      EXPECT_EQ(timeline.body.find(l.number), std::string::npos)
          << who << ": the timeline names No " << l.number;
      EXPECT_EQ(detail.body.find("\"" + l.number + "\""), std::string::npos)
          << who << ": the campaign names No " << l.number;
    }
    std::set<LetterId> shown = ids_in(timeline.json(), {"letter_id"});
    auto more = ids_in(detail.json()["contacts"], {"letter_id", "reply_letter_id"});
    shown.insert(more.begin(), more.end());
    more = ids_in(detail.json()["countries"], {"evidence_letter_id"});
    shown.insert(more.begin(), more.end());
    if (role == Role::kViewer) {
      EXPECT_TRUE(shown.empty()) << who;
    } else if (role == Role::kCorrespondent) {
      EXPECT_FALSE(shown.empty());
      for (LetterId id : shown) EXPECT_TRUE(readable_by_cologne.count(id)) << who << ": #" << id;
    } else {
      EXPECT_TRUE(shown.count(evidence)) << who;  // the coordinator sees every letter
    }
  }
  // An anonymous visitor sees that Germany endorsed with evidence, not which.
  auto timeline = anonymous().get("/api/campaigns/un-2014/timeline").json();
  bool endorsement = false;
  for (const auto& e : timeline) {
    if (e["kind"] != "endorsed") continue;
    endorsement = true;
    EXPECT_EQ(e["country"], "DE");
    EXPECT_EQ(e["detail"], "with a letter as evidence");
    EXPECT_TRUE(e["letter_id"].is_null()) << e;
  }
  EXPECT_TRUE(endorsement) << timeline;
}

TEST_P(CampaignsApi, AnEndorsementNeedsARegisteredIncomingLetter) {
  create_and_send();
  ASSERT_FALSE(HasFatalFailure());
  std::string before = fingerprint();
  auto r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "DE"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "evidence");
  r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "DE"}, {"evidence", nullptr}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "evidence");
  // Wave 1's letter to Cologne is outgoing: no evidence of an answer.
  LetterId outgoing = wave1["sent"][0]["letter_id"];
  r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "DE"}, {"evidence", outgoing}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error_field(), "evidence");
  r = post(Role::kCoordinator, "/un-2014/endorse",
           {{"country", "DE"}, {"evidence", "no such number"}});
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.error_field(), "evidence");
  r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "DE"}, {"evidence", 1.5}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error_field(), "evidence");
  EXPECT_EQ(fingerprint(), before);
  // By registration number, as the dashboard's form allows.
  LetterId id = ministry_letter();
  std::string number = letters::letter_view(*store, id).letter.number;
  r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "DE"}, {"evidence", number}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["evidence_letter_id"], id);
  // A ministry answers once.
  r = post(Role::kCoordinator, "/un-2014/endorse", {{"country", "DE"}, {"evidence", id}});
  EXPECT_EQ(r.status, 409) << r.body;
}

TEST_P(CampaignsApi, RemindersGoOnlyToCitiesThatHaveNotAnswered) {
  play_scenario();
  ASSERT_FALSE(HasFatalFailure());
  auto r =
      post(Role::kCoordinator, "/un-2014/remind", {{"as_of", "2013-12-31"}, {"dry_run", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().size(), 1u);
  EXPECT_EQ(r.json()[0]["city"]["name"], "Kiel");
  EXPECT_EQ(r.json()[0]["reminder_letter_id"], 0);
  // Cologne answered: naming it reminds nobody.
  r = post(Role::kCoordinator, "/un-2014/remind", {{"as_of", "2013-12-31"}, {"cities", {cologne}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), nlohmann::json::array());
  r = post(Role::kCoordinator, "/un-2014/remind",
           {{"as_of", "2013-12-31"}, {"cities", nlohmann::json::array()}});
  EXPECT_EQ(r.json(), nlohmann::json::array());
  r = post(Role::kCoordinator, "/un-2014/remind", {{"as_of", "2013-12-31"}, {"cities", {kiel}}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().size(), 1u);
  auto reminder = r.json()[0];
  EXPECT_EQ(reminder["city"]["name"], "Kiel");
  EXPECT_EQ(reminder["original_letter_id"], forwarded["sent"][0]["letter_id"]);
  EXPECT_EQ(reminder["original_number"], forwarded["sent"][0]["number"]);
  EXPECT_EQ(reminder["original_date"], "2013-10-02");
  LetterId id = reminder["reminder_letter_id"];
  EXPECT_GT(id, 0);
  EXPECT_EQ(letters::letter_view(*store, id).letter.number, reminder["number"]);
  // Not again within min_days.
  r = post(Role::kCoordinator, "/un-2014/remind", {{"as_of", "2014-01-05"}});
  EXPECT_EQ(r.json(), nlohmann::json::array());
  r = post(Role::kCoordinator, "/un-2014/remind", {{"as_of", "2014-01-05"}, {"min_days", 0}});
  EXPECT_EQ(r.json().size(), 1u);
  auto kiel_contact = store::CampaignStore(*store).contact(
      store::CampaignStore(*store).find_by_code("un-2014")->id, kiel);
  EXPECT_EQ(kiel_contact->reminders, 2);
}

TEST_P(CampaignsApi, BadInputIs400NamingTheFieldAndWritesNothing) {
  create_and_send();
  ASSERT_FALSE(HasFatalFailure());
  std::string before = fingerprint();
  struct Case {
    std::string path;
    nlohmann::json body;
    int status;
    std::string field;
  };
  std::vector<Case> cases = {
      {"/un-2014/receive", {{"city", cologne}, {"colour", "red"}}, 400, "colour"},
      {"/un-2014/receive", {{"city", cologne}, {"date", "2013"}}, 400, "date"},
      {"/un-2014/receive", {{"city", cologne}, {"date", "2013-02-30"}}, 400, "date"},
      {"/un-2014/receive", {{"city", true}}, 400, "city"},
      {"/un-2014/receive", {{"city", 999999}}, 404, "city"},
      {"/un-2014/receive", {{"city", "Atlantis, XX"}}, 404, "city"},
      {"/un-2014/receive", nlohmann::json::object(), 400, "city"},
      {"/un-2014/reply", {{"city", cologne}, {"stance", "maybe"}}, 400, "stance"},
      {"/un-2014/reply", {{"city", cologne}, {"asked_ministry", "yes"}}, 400, "asked_ministry"},
      {"/un-2014/reply", {{"city", kiel}}, 404, "city"},       // not contacted
      {"/un-2014/forward", {{"city", cologne}}, 409, "city"},  // not replied yet
      {"/un-2014/forward", {{"city", cologne}, {"to", kiel}}, 400, "to"},
      {"/un-2014/ask", {{"country", "XX"}}, 404, "country"},
      {"/un-2014/ask", {{"country", 49}}, 400, "country"},
      {"/un-2014/send", {{"date", "2013-09-07"}}, 409, "from"},  // duplicate wave
      {"/un-2014/send", {{"from", kiel}}, 400, "from"},
      {"/un-2014/remind", {{"min_days", -1}}, 400, "min_days"},
      {"/un-2014/remind", {{"cities", "Kiel, DE"}}, 400, "cities"},
      {"/un-2014/remind", {{"as_of", "soon"}}, 400, "as_of"},
      {"/nope/receive", {{"city", cologne}}, 404, "code"},
      {"", {{"code", "un-2014"}, {"title", "Again"}, {"originators", {coventry}}}, 409, "code"},
      {"", {{"code", "Bad Code"}, {"title", "T"}, {"originators", {coventry}}}, 400, "code"},
      {"",
       {{"code", "x"}, {"title", "T"}, {"originators", nlohmann::json::array()}},
       400,
       "originators"},
      {"",
       {{"code", "x"}, {"title", "T"}, {"originators", {coventry}}, {"majority_needed", 500}},
       400,
       "majority_needed"},
      {"",
       {{"code", "x"}, {"title", "T"}, {"originators", {coventry}}, {"reply_days", 0}},
       400,
       "reply_days"},
  };
  for (const auto& c : cases) {
    auto r = post(Role::kCoordinator, c.path, c.body);
    EXPECT_EQ(r.status, c.status) << c.path << " " << c.body << ": " << r.body;
    EXPECT_EQ(r.error_field(), c.field) << c.path << " " << c.body << ": " << r.body;
  }
  auto r = as(Role::kCoordinator).request("POST", "/api/campaigns/un-2014/receive", "city=1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "Content-Type");
  r = as(Role::kCoordinator)
          .request("POST", "/api/campaigns/un-2014/receive",
                   "{\"city\": ", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  r = anonymous().get("/api/campaigns/un-2014/status?as_of=yesterday");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "as_of");
  r = anonymous().get("/api/campaigns/un-2014/status?colour=red");
  EXPECT_EQ(r.error_field(), "colour");
  r = anonymous().get("/api/campaigns/nope/status");
  EXPECT_EQ(r.status, 404);
  r = anonymous().get("/api/campaigns/un-2014/chain/" + std::to_string(kiel));
  EXPECT_EQ(r.status, 404);  // not contacted
  EXPECT_EQ(fingerprint(), before);
  EXPECT_EQ(anonymous().get("/api/campaigns").json()["total"], 1);
}

TWINNING_API_ON_EVERY_BACKEND(CampaignsApi);

}  // namespace
}  // namespace twinning::testing
