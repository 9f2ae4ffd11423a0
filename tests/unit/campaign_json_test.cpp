#include "campaign/campaign_json.h"

#include <gtest/gtest.h>

#include "store/campaign_store.h"
#include "store/city_store.h"
#include "support/campaign_fixtures.h"
#include "support/test_support.h"

namespace twinning::campaign {
namespace {

class CampaignJsonTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  testing::CampaignWorld w = testing::add_campaign_world(*store);
  CampaignId id = testing::add_test_campaign(*store, w);
};

TEST_F(CampaignJsonTest, CitiesWithOrWithoutCoordinates) {
  CityDetails d;
  d.lat = 50.9375;
  d.lng = 6.9603;
  store::CityStore(*store).update(w.cologne, d);
  EXPECT_EQ(city_json(*store, w.cologne),
            nlohmann::json({{"id", w.cologne}, {"name", "Cologne"}, {"country", "DE"}}));
  EXPECT_EQ(city_json(*store, w.cologne, CityFields::kNameAndCoordinates),
            nlohmann::json({{"id", w.cologne},
                            {"name", "Cologne"},
                            {"country", "DE"},
                            {"lat", 50.9375},
                            {"lng", 6.9603}}));
  EXPECT_EQ(city_json(*store, w.kiel, CityFields::kNameAndCoordinates)["lat"], nullptr);
  EXPECT_EQ(city_json(*store, 999999), nlohmann::json({{"id", 999999}}));
  EXPECT_EQ(chain_json(*store, {w.turin, w.cologne}),
            nlohmann::json::parse(R"([{"id": )" + std::to_string(w.turin) +
                                  R"(, "name": "Turin", "country": "IT"}, {"id": )" +
                                  std::to_string(w.cologne) +
                                  R"(, "name": "Cologne", "country": "DE"}])"));
}

TEST_F(CampaignJsonTest, WavesRemindersAndTheCountriesMap) {
  WaveResult wave;
  wave.sent.push_back({w.cologne, w.volgograd, 12, "19-024/1рс"});
  wave.skipped.push_back({w.coventry, "originator of this campaign"});
  nlohmann::json j = wave_json(*store, wave);
  EXPECT_EQ(j["sent"][0]["city"]["name"], "Cologne");
  EXPECT_EQ(j["sent"][0]["from"]["name"], "Volgograd");
  EXPECT_EQ(j["sent"][0]["letter_id"], 12);
  EXPECT_EQ(j["sent"][0]["number"], "19-024/1рс");
  EXPECT_EQ(j["skipped"][0]["reason"], "originator of this campaign");
  Reminder r{w.kiel, 3, "CCC/2013/2", parse_full_date("2013-09-06"), 0, "", {}, {}, ""};
  j = reminders_json(*store, {r});
  EXPECT_EQ(j[0]["city"]["name"], "Kiel");
  EXPECT_EQ(j[0]["original_date"], "2013-09-06");
  EXPECT_EQ(j[0]["reminder_letter_id"], 0);
  EXPECT_EQ(countries_map_json({{"DE", CountryProgress::kEndorsed},
                                {"FR", CountryProgress::kReached},
                                {"JP", CountryProgress::kDeclined}}),
            nlohmann::json({{"DE", "endorsed"}, {"FR", "reached"}, {"JP", "declined"}}));
  EXPECT_EQ(countries_map_json({}), nlohmann::json::object());
}

TEST_F(CampaignJsonTest, DetailAndStatus) {
  nlohmann::json d = campaign_detail_json(*store, campaign_view(*store, get_campaign(*store, id)));
  EXPECT_EQ(d["campaign"]["code"], "test");
  EXPECT_EQ(d["contacts"], nlohmann::json::array());
  EXPECT_EQ(d["countries"], nlohmann::json::array());
  nlohmann::json s = campaign_status(*store, id, parse_full_date("2013-10-01"));
  EXPECT_EQ(s["cities_contacted"], 0);
  EXPECT_EQ(s["majority_needed"], 97);
  EXPECT_EQ(s["by_region"].size(), 5u);
  EXPECT_EQ(s["over_time"], nlohmann::json::array());
  EXPECT_EQ(s.size(), 20u);
}

// A forward candidate carries its reason three ways: in English, as a code
// the web interface translates, and the city whose letter reached it.
TEST_F(CampaignJsonTest, ForwardCandidatesGiveTheReasonAsACode) {
  nlohmann::json j = forward_candidates_json(
      *store, {{w.volgograd, {ContactBar::Kind::kOriginator, std::nullopt}, "originator of this campaign"},
               {w.lille, {ContactBar::Kind::kAlreadyContacted, w.cologne}, "already contacted by Cologne, DE"},
               {w.turin, {}, ""}});
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["reason_code"], "originator");
  EXPECT_EQ(j[0]["reason"], "originator of this campaign");
  EXPECT_EQ(j[0]["contacted_by"], nullptr);
  EXPECT_EQ(j[1]["reason_code"], "already_contacted");
  EXPECT_EQ(j[1]["reason"], "already contacted by Cologne, DE");
  EXPECT_EQ(j[1]["contacted_by"], city_json(*store, w.cologne));
  EXPECT_EQ(j[2]["city"]["name"], "Turin");
  for (const char* key : {"reason", "reason_code", "contacted_by"}) EXPECT_EQ(j[2][key], nullptr) << key;
}

}  // namespace
}  // namespace twinning::campaign
