// The letter desk's steps over real HTTP on SQLite and PostgreSQL (issue 13):
// previewing a letter before anything is numbered, marking a letter sent,
// drafting a correction, what each caller may do with a letter ("can" and
// "campaign_steps" in the letter view), the twins a city may forward a
// campaign letter to, and linking a letter from the forward template to its
// campaign — each with its refusals by role.
#include <gtest/gtest.h>

#include "registry/registry.h"
#include "store/campaign_store.h"
#include "store/letter_store.h"
#include "support/letter_api_fixture.h"

namespace twinning::testing {
namespace {

using LetterDesk = LettersApiTest;

std::string letter_path(const nlohmann::json& view, const std::string& suffix = "") {
  return "/api/letters/" + std::to_string(view["letter"]["id"].get<LetterId>()) + suffix;
}

// A letter of the Volgograd office to Cologne, in English, unregistered.
nlohmann::json draft_to_cologne(CityId cologne) {
  return {{"office", "volgograd"},
          {"addressees", {{{"city_id", cologne}}}},
          {"template", "appeal-2013"},
          {"lang", "en"},
          {"subject", "2014, the Year of the International Twin Cities Movement"}};
}

std::size_t letters_stored(store::Store& store) {
  store::LetterQuery q;
  q.limit = 100000;
  return store::LetterStore(store).list(q).size();
}

TEST_P(LetterDesk, APreviewShowsTheMergedLetterAndTheNumberItWouldTakeAndStoresNothing) {
  send("volgograd", kiel, "2013-09-05");  // 19-024/1рс
  std::size_t before = letters_stored(*store);
  auto r =
      as(Role::kCoordinator).send_json("POST", "/api/letters/preview", draft_to_cologne(cologne));
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = r.json();
  EXPECT_EQ(p["next_number"], "19-024/2рс");
  EXPECT_EQ(p["office"]["code"], "volgograd");
  EXPECT_EQ(p["letter"]["number"], "");
  EXPECT_EQ(p["letter"]["status"], "draft");
  EXPECT_EQ(p["document"]["subject"], "2014, the Year of the International Twin Cities Movement");
  std::string body;
  for (const auto& para : p["document"]["body"]) body += para.get<std::string>() + "\n";
  EXPECT_NE(body.find("bonds of friendship"), std::string::npos) << body;
  EXPECT_EQ(p["campaigns"], nlohmann::json::array());  // appeal-2013 is not a follow-up template

  auto pdf = as(Role::kCoordinator)
                 .send_json("POST", "/api/letters/preview/pdf", draft_to_cologne(cologne));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(letters_stored(*store), before) << "a preview stores no letter";

  // Registering it takes exactly the number the preview named.
  auto registered = draft_to_cologne(cologne);
  registered["register"] = true;
  EXPECT_EQ(post(Role::kCoordinator, "/api/letters", registered)["letter"]["number"], "19-024/2рс");
}

TEST_P(LetterDesk, APreviewIsRefusedToWhoCannotWriteForTheOfficeAndNamesAMissingField) {
  auto body = draft_to_cologne(cologne);
  EXPECT_EQ(anonymous().send_json("POST", "/api/letters/preview", body).status, 401);
  EXPECT_EQ(as(Role::kViewer).send_json("POST", "/api/letters/preview", body).status, 403);
  EXPECT_EQ(as(Role::kCorrespondent).send_json("POST", "/api/letters/preview", body).status, 403);
  EXPECT_EQ(as(Role::kCorrespondent).send_json("POST", "/api/letters/preview/pdf", body).status,
            403);
  body["office"] = "cologne";
  EXPECT_EQ(as(Role::kCorrespondent).send_json("POST", "/api/letters/preview", body).status, 200);
  body["addressees"] = nlohmann::json::array();
  auto r = as(Role::kCorrespondent).send_json("POST", "/api/letters/preview", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "addressees") << r.body;
}

TEST_P(LetterDesk, ARegisteredLetterIsMarkedSentOnceByWhoWritesForItsOffice) {
  auto v = send("volgograd", cologne, "2013-09-06");
  EXPECT_EQ(v["can"]["mark_sent"], true);
  std::string path = letter_path(v, "/sent");
  EXPECT_EQ(anonymous().send_json("POST", path, {{"date", "2013-09-07"}}).status, 401);
  EXPECT_EQ(as(Role::kViewer).send_json("POST", path, {{"date", "2013-09-07"}}).status, 403);
  // Cologne's correspondent reads the letter (it is addressed to Cologne)
  // but does not write for Volgograd's office: it may not, and is not offered to.
  auto seen = as(Role::kCorrespondent).get(letter_path(v)).json();
  EXPECT_EQ(seen["can"]["mark_sent"], false);
  EXPECT_EQ(as(Role::kCorrespondent).send_json("POST", path, {{"date", "2013-09-07"}}).status, 403);
  auto r = as(Role::kCoordinator).send_json("POST", path, {{"date", "2013-09-05"}});
  EXPECT_EQ(r.status, 400) << "sent before it was registered";
  r = as(Role::kCoordinator).send_json("POST", path, {{"date", "2013-09-07"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["letter"]["status"], "sent");
  EXPECT_EQ(r.json()["letter"]["sent_date"], "2013-09-07");
  EXPECT_EQ(r.json()["can"]["mark_sent"], false);
  EXPECT_EQ(as(Role::kCoordinator).send_json("POST", path, nlohmann::json::object()).status, 409);

  auto draft = post(Role::kCoordinator, "/api/letters", draft_to_cologne(cologne));
  EXPECT_EQ(draft["can"]["mark_sent"], false);
  EXPECT_EQ(draft["can"]["register"], true);
  EXPECT_EQ(as(Role::kCoordinator)
                .send_json("POST", letter_path(draft, "/sent"), nlohmann::json::object())
                .status,
            409);
}

TEST_P(LetterDesk, EachCallerIsOfferedTheStepsItMayTakeWithALetter) {
  auto to_cologne = send("volgograd", cologne, "2013-09-06");
  auto coordinator = as(Role::kCoordinator).get(letter_path(to_cologne)).json()["can"];
  EXPECT_EQ(coordinator, (nlohmann::json{{"register", false},
                                         {"mark_sent", true},
                                         {"reply", true},
                                         {"forward", true},
                                         {"correct", true}}));
  // Cologne's correspondent answers and forwards from Cologne's office, but
  // neither sends nor corrects Volgograd's letter.
  auto correspondent = as(Role::kCorrespondent).get(letter_path(to_cologne)).json()["can"];
  EXPECT_EQ(correspondent, (nlohmann::json{{"register", false},
                                           {"mark_sent", false},
                                           {"reply", true},
                                           {"forward", true},
                                           {"correct", false}}));
  auto own =
      post(Role::kCorrespondent, "/api/letters",
           {{"office", "cologne"}, {"addressees", {{{"city_id", kiel}}}}, {"body", "Hello."}});
  EXPECT_EQ(own["can"]["register"], true);
  EXPECT_EQ(own["can"]["reply"], false) << "a draft has nothing to reply to";
}

TEST_P(LetterDesk, ACorrectionIsDraftedFromTheLetterItReplaces) {
  auto original = send("volgograd", cologne, "2013-09-06");
  EXPECT_EQ(as(Role::kCorrespondent)
                .send_json("POST", letter_path(original, "/correct"), {{"body", "Corrected."}})
                .status,
            403);
  auto c = post(Role::kCoordinator, letter_path(original, "/correct"), {{"body", "Corrected."}});
  EXPECT_EQ(c["letter"]["kind"], "correction");
  EXPECT_EQ(c["letter"]["status"], "draft");
  ASSERT_EQ(c["letter"]["links"].size(), 1u);
  EXPECT_EQ(c["letter"]["links"][0]["kind"], "correction_of");
  EXPECT_EQ(c["letter"]["links"][0]["target"], original["letter"]["id"]);
}

// A campaign of Volgograd and Coventry whose wave 1 reached Cologne, which
// has Kiel as a twin to forward to.
class LetterDeskCampaign : public LettersApiTest {
 protected:
  void SetUp() override {
    LettersApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Link l;
    l.city_a = cologne;
    l.city_b = kiel;
    registry::add_link(*store, l);
    post(Role::kCoordinator, "/api/campaigns",
         {{"code", "un-2014"},
          {"title", "2014 — Year of the International Twin Cities Movement"},
          {"originators", {volgograd, coventry}},
          {"starts_on", "2013-09-06"}});
    auto wave =
        post(Role::kCoordinator, "/api/campaigns/un-2014/send", {{"date", "2013-09-06"}}, 200);
    for (const auto& s : wave["sent"]) {
      if (s["city"]["id"] == cologne) to_cologne = s["letter_id"].get<LetterId>();
    }
    ASSERT_NE(to_cologne, 0) << wave.dump();
  }

  nlohmann::json steps(Role role) {
    return as(role).get("/api/letters/" + std::to_string(to_cologne)).json()["campaign_steps"];
  }

  LetterId to_cologne = 0;
};

TEST_P(LetterDeskCampaign, ALetterPageOffersTheCampaignStepsOfItsCitiesToWhoMayRecordThem) {
  auto mine = steps(Role::kCorrespondent);
  ASSERT_EQ(mine.size(), 1u) << mine.dump();
  EXPECT_EQ(mine[0]["campaign"]["code"], "un-2014");
  EXPECT_EQ(mine[0]["city"]["id"], cologne);
  EXPECT_EQ(mine[0]["state"], "letter_sent");
  EXPECT_EQ(mine[0]["record_reply"], true);
  EXPECT_EQ(mine[0]["record_forward"], false) << "a city forwards after it replied";
  post(Role::kCorrespondent, "/api/campaigns/un-2014/reply",
       {{"city", cologne}, {"date", "2013-10-01"}, {"stance", "supports"}}, 200);
  mine = steps(Role::kCorrespondent);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["record_reply"], false);
  EXPECT_EQ(mine[0]["record_forward"], true);

  // The twins Cologne may name: Kiel; Volgograd and Coventry are originators.
  auto r = as(Role::kCorrespondent)
               .get("/api/campaigns/un-2014/forward-candidates?city=" + std::to_string(cologne));
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<CityId, nlohmann::json> reasons;
  for (const auto& c : r.json()) reasons[c["city"]["id"].get<CityId>()] = c["reason"];
  EXPECT_TRUE(reasons.at(kiel).is_null());
  EXPECT_EQ(reasons.at(coventry), "originator of this campaign");
  EXPECT_EQ(as(Role::kCorrespondent)
                .get("/api/campaigns/un-2014/forward-candidates?city=" + std::to_string(coventry))
                .status,
            403);
  EXPECT_EQ(as(Role::kViewer)
                .get("/api/campaigns/un-2014/forward-candidates?city=" + std::to_string(cologne))
                .status,
            403);
  EXPECT_EQ(as(Role::kCoordinator).get("/api/campaigns/un-2014/forward-candidates").status, 400);

  post(Role::kCorrespondent, "/api/campaigns/un-2014/forward",
       {{"city", cologne}, {"to", {kiel}}, {"date", "2013-10-02"}}, 200);
  EXPECT_EQ(steps(Role::kCorrespondent), nlohmann::json::array()) << "nothing left to record";
  // Neither the viewer nor anyone else is offered a step of Cologne.
  EXPECT_EQ(as(Role::kViewer).get("/api/letters/" + std::to_string(to_cologne)).status, 403);
}

TEST_P(LetterDeskCampaign, ALetterFromTheForwardTemplateIsLinkedToItsCampaignAsItIsComposed) {
  nlohmann::json body = {{"office", "cologne"},
                         {"addressees", {{{"city_id", kiel}}}},
                         {"template", "forward"},
                         {"lang", "en"},
                         {"body", "Please join the initiative."}};
  auto preview = post(Role::kCorrespondent, "/api/letters/preview", body, 200);
  ASSERT_EQ(preview["campaigns"].size(), 1u) << preview.dump();
  EXPECT_EQ(preview["campaigns"][0]["code"], "un-2014");
  body["campaign"] = "un-2014";
  body["register"] = true;
  body["date"] = "2013-10-05";
  auto linked = post(Role::kCorrespondent, "/api/letters", body);
  auto id = linked["letter"]["id"].get<LetterId>();
  auto campaign_letters = as(Role::kCorrespondent).get("/api/letters?campaign=un-2014").json();
  bool listed = false;
  for (const auto& l : campaign_letters["items"]) listed = listed || l["id"] == id;
  EXPECT_TRUE(listed) << "the campaign's letters include it: " << campaign_letters.dump();
  store::CampaignStore campaigns(*store);
  bool event = false;
  for (const auto& e : campaigns.events(campaigns.list().at(0).id)) {
    event = event || (e.kind == CampaignEventKind::kLetterLinked && e.letter_id == id &&
                      e.date.to_string() == "2013-10-05");
  }
  EXPECT_TRUE(event);

  // A letter from another template is not a campaign's follow-up: refused,
  // and nothing is stored.
  std::size_t before = letters_stored(*store);
  body["template"] = "letter";
  auto r = as(Role::kCorrespondent).send_json("POST", "/api/letters", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "campaign") << r.body;
  EXPECT_EQ(letters_stored(*store), before);
  body["template"] = "forward";
  body["campaign"] = "no-such-campaign";
  EXPECT_EQ(as(Role::kCorrespondent).send_json("POST", "/api/letters", body).status, 404);
  EXPECT_EQ(letters_stored(*store), before);
}

TWINNING_API_ON_EVERY_BACKEND(LetterDesk);
TWINNING_API_ON_EVERY_BACKEND(LetterDeskCampaign);

}  // namespace
}  // namespace twinning::testing
