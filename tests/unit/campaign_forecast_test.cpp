#include "campaign/campaign_forecast.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "campaign/campaigns.h"
#include "letters/correspondence.h"
#include "model/error.h"
#include "support/campaign_fixtures.h"
#include "support/test_support.h"

namespace twinning::campaign {
namespace {

// The test campaign with its first wave sent on 2013-09-06 (Cologne,
// Hiroshima, Ruse, Kiel, Dresden), `replies` recorded on 2013-10-01 and
// the ministries' answers `ministries` (ISO2, endorsed) on 2013-11-01.
CampaignId answered_campaign(store::Store& store, const testing::CampaignWorld& w,
                             const std::vector<std::pair<CityId, ReplyStance>>& replies,
                             const std::vector<std::pair<std::string, bool>>& ministries) {
  CampaignId id = testing::add_test_campaign(store, w);
  SendOptions o;
  o.date = parse_full_date("2013-09-06");
  send_wave(store, testing::shipped_templates(), id, o);
  for (const auto& [city, stance] : replies) {
    ReplyRequest r;
    r.city = city;
    r.date = parse_full_date("2013-10-01");
    r.stance = stance;
    record_reply(store, id, r);
  }
  letters::IncomingRequest in;
  in.office = w.volgograd_office;
  in.sender.letterhead = "Ministry";
  for (const auto& [cc, endorsed] : ministries) {
    MinistryAnswer a;
    a.country = cc;
    a.endorsed = endorsed;
    a.evidence = letters::register_incoming(store, in, {parse_full_date("2013-11-01"), ""}).id;
    record_ministry_answer(store, id, a);
  }
  return id;
}

TEST(CampaignForecast, TheModelStartsFromWhatTheCampaignKnows) {
  testing::ScratchDir dir;
  auto store = testing::open_scratch_store(dir);
  auto w = testing::add_campaign_world(*store);
  CampaignId id = answered_campaign(*store, w,
                                    {{w.cologne, ReplyStance::kSupports},
                                     {w.ruse, ReplyStance::kDeclines},
                                     {w.kiel, ReplyStance::kUndecided}},
                                    {{"JP", true}, {"FR", false}});
  network::CampaignState s = campaign_model_state(*store, id);
  EXPECT_EQ(s.complying, std::vector<CityId>{w.cologne});
  EXPECT_EQ(s.declined, std::vector<CityId>{w.ruse});
  EXPECT_EQ(s.endorsed_countries, std::vector<std::string>{"JP"});
  EXPECT_EQ(s.declined_countries, std::vector<std::string>{"FR"});
}

TEST(CampaignForecast, TheCampaignsAnswersAreTheEvidenceOfTheCalibration) {
  testing::ScratchDir dir;
  auto store = testing::open_scratch_store(dir);
  auto w = testing::add_campaign_world(*store);
  CampaignId id = answered_campaign(*store, w,  // reply_days 30
                                    {{w.cologne, ReplyStance::kSupports},
                                     {w.kiel, ReplyStance::kSupports},
                                     {w.ruse, ReplyStance::kDeclines}},
                                    {{"DE", true}, {"FR", false}});
  record_ministry_asked(*store, id, "RU", parse_full_date("2013-09-10"));

  // Before the reply date: three replies, two in support; Germany was asked
  // by its two complying cities, France by one (none complies there); the
  // Russian ministry is still within its time.
  auto e = campaign_evidence(*store, id, parse_full_date("2013-10-06"));
  EXPECT_EQ(e.city_answers, 3);
  EXPECT_EQ(e.city_complied, 2);
  ASSERT_EQ(e.ministries.size(), 2u);
  std::map<bool, int> asks;
  for (const auto& m : e.ministries) asks[m.endorsed] = m.asks;
  EXPECT_EQ(asks, (std::map<bool, int>{{true, 2}, {false, 1}}));

  // A month later Hiroshima and Dresden are silent past their date, and so
  // is the Russian ministry, asked by Volgograd: each counts as a no.
  e = campaign_evidence(*store, id, parse_full_date("2013-11-06"));
  EXPECT_EQ(e.city_answers, 5);
  EXPECT_EQ(e.city_complied, 2);
  ASSERT_EQ(e.ministries.size(), 3u);
  EXPECT_EQ(std::count_if(e.ministries.begin(), e.ministries.end(),
                          [](const auto& m) { return !m.endorsed && m.asks == 1; }),
            2);

  ModelStart s = model_start(*store, {}, "test", "seed", "campaign");
  ASSERT_TRUE(s.evidence);
  EXPECT_EQ(s.evidence->city_answers, 5);  // as of today
  EXPECT_EQ(s.majority_needed, 97);
  EXPECT_FALSE(model_start(*store, {w.kiel}, "", "seed", "campaign").evidence);
}

TEST(CampaignForecast, TheStartIsTheSeedsOrTheCampaignsOriginators) {
  testing::ScratchDir dir;
  auto store = testing::open_scratch_store(dir);
  auto w = testing::add_campaign_world(*store);
  CampaignId id = testing::add_test_campaign(*store, w);
  ModelStart s = model_start(*store, {w.kiel}, "", "seed", "campaign");
  EXPECT_EQ(s.seeds, std::vector<CityId>{w.kiel});
  EXPECT_TRUE(s.state.complying.empty());
  s = model_start(*store, {}, "test", "seed", "campaign");
  EXPECT_EQ(s.seeds, (std::vector<CityId>{w.volgograd, w.coventry}));
  s = model_start(*store, {w.kiel}, std::to_string(id), "seed", "campaign");
  EXPECT_EQ(s.seeds, std::vector<CityId>{w.kiel});
  try {
    model_start(*store, {}, "", "--seed", "--campaign");
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(e.field(), "--seed");
    EXPECT_STREQ(e.what(), "name the originating cities with --seed, or a --campaign");
  }
  try {
    model_start(*store, {w.kiel}, "nope", "seed", "campaign");
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_EQ(e.field(), "campaign");
  }
}

}  // namespace
}  // namespace twinning::campaign
