#include "campaign/campaign_status.h"

#include <gtest/gtest.h>

#include "campaign/campaigns.h"
#include "letters/correspondence.h"
#include "model/error.h"
#include "support/campaign_fixtures.h"
#include "support/test_support.h"

namespace twinning::campaign {
namespace {

class CampaignStatusTest : public testing::CampaignWorldTest {
 protected:
  void SetUp() override {
    SendOptions o;
    o.date = parse_full_date("2013-09-06");
    send_wave(*store, templates, id, o);  // 5 cities in RU-twins + GB-twins
    ReplyRequest r;
    r.city = w.cologne;
    r.date = parse_full_date("2013-10-01");
    record_reply(*store, id, r);
    ForwardRequest f;
    f.city = w.cologne;
    f.date = parse_full_date("2013-10-02");
    record_forward(*store, templates, id, f);  // Lille, Turin
    record_receipt(*store, id, w.kiel, parse_full_date("2013-09-20"));
    endorse("DE", "2013-11-01");
    endorse("JP", "2013-11-01");
    record_ministry_asked(*store, id, "BG", parse_full_date("2013-10-10"));
  }
  void endorse(const std::string& cc, const std::string& date) { answer(cc, date, true); }
  void decline(const std::string& cc, const std::string& date) { answer(cc, date, false); }
  void answer(const std::string& cc, const std::string& date, bool endorsed) {
    letters::IncomingRequest in;
    in.office = w.volgograd_office;
    in.sender.letterhead = "Ministry of " + cc;
    MinistryAnswer a;
    a.country = cc;
    a.endorsed = endorsed;
    a.evidence =
        letters::register_incoming(*store, in, letters::RegisterOptions{parse_full_date(date), ""})
            .id;
    record_ministry_answer(*store, id, a);
  }
};

TEST_F(CampaignStatusTest, CountsCitiesCumulativelyAndCountriesAgainstTheTarget) {
  CampaignStatus s = campaign_status(*store, id, parse_full_date("2013-10-20"));
  EXPECT_EQ(s.cities_contacted, 7);
  EXPECT_EQ(s.cities_received, 2);  // Kiel confirmed; Cologne replied
  EXPECT_EQ(s.cities_replied, 1);
  EXPECT_EQ(s.cities_forwarded, 1);
  EXPECT_EQ(s.cities_awaiting, 6);
  EXPECT_EQ(s.cities_overdue, 4);  // wave 1 due 2013-10-06; wave 2 due 2013-11-01
  EXPECT_EQ(s.max_wave, 2);
  EXPECT_EQ(s.countries_reached, 5);  // DE, JP, BG, FR, IT
  EXPECT_EQ(s.un_members_reached, 5);
  EXPECT_EQ(s.un_members_endorsing, 2);
  EXPECT_EQ(s.majority_needed, 97);
  EXPECT_FALSE(s.majority_reached);
  EXPECT_EQ(s.endorsing, (std::vector<std::string>{"DE", "JP"}));
  EXPECT_EQ(s.asked_unanswered, std::vector<std::string>{"BG"});
  EXPECT_EQ(s.reached_silent, (std::vector<std::string>{"FR", "IT"}));
  ASSERT_EQ(s.over_time.size(), 1u);
  EXPECT_EQ(s.over_time[0].date.to_string(), "2013-11-01");
  EXPECT_EQ(s.over_time[0].endorsing, 2);
}

TEST_F(CampaignStatusTest, RegionsAddUpToTheUnMembership) {
  CampaignStatus s = campaign_status(*store, id, parse_full_date("2013-10-20"));
  int members = 0, endorsing = 0, reached = 0, asked = 0;
  for (const auto& r : s.by_region) {
    members += r.members;
    endorsing += r.endorsing;
    reached += r.reached;
    asked += r.asked;
    if (r.region == "Europe") {
      EXPECT_EQ(r.endorsing, 1);
      EXPECT_EQ(r.asked, 1);
      EXPECT_EQ(r.reached, 4);
    }
  }
  EXPECT_EQ(members, 193);
  EXPECT_EQ(endorsing, 2);
  EXPECT_EQ(reached, 5);
  EXPECT_EQ(asked, 1);
}

TEST_F(CampaignStatusTest, EndorsementsOfNonMembersAreListedButNeverCounted) {
  // Taiwan, Kosovo, Palestine and the Holy See are not UN member states: their
  // ministries' endorsements are shown, but count toward no majority, region
  // or point of the tally's history.
  for (const char* cc : {"TW", "XK", "PS", "VA"}) endorse(cc, "2013-11-05");
  CampaignStatus s = campaign_status(*store, id, parse_full_date("2013-11-10"));
  EXPECT_EQ(s.un_members_endorsing, 2);
  EXPECT_EQ(s.endorsing, (std::vector<std::string>{"DE", "JP", "PS", "TW", "VA", "XK"}));
  int region_endorsing = 0;
  for (const auto& r : s.by_region) region_endorsing += r.endorsing;
  EXPECT_EQ(region_endorsing, 2);
  ASSERT_EQ(s.over_time.size(), 1u);
  EXPECT_EQ(s.over_time.back().endorsing, 2);
}

TEST_F(CampaignStatusTest, TheMajorityIsReachedAtTheTargetItselfNotAboveIt) {
  // Two member states endorse (DE, JP). A target of 2 is reached; 3 is not;
  // a declining member adds nothing.
  auto with_target = [&](int needed) {
    campaign::CampaignRequest r;
    r.code = "target-" + std::to_string(needed);
    r.title = "Target " + std::to_string(needed);
    r.asks = {"Ask your ministry"};
    r.originators = {w.volgograd};
    r.majority_needed = needed;
    CampaignId other = create_campaign(*store, r);
    for (const char* cc : {"DE", "JP"}) {
      letters::IncomingRequest in;
      in.office = w.volgograd_office;
      in.sender.letterhead = std::string("Ministry of ") + cc;
      MinistryAnswer a;
      a.country = cc;
      a.evidence = letters::register_incoming(
                       *store, in, letters::RegisterOptions{parse_full_date("2013-11-01"), ""})
                       .id;
      record_ministry_answer(*store, other, a);
    }
    return campaign_status(*store, other, parse_full_date("2013-11-10"));
  };
  CampaignStatus at = with_target(2);
  EXPECT_EQ(at.un_members_endorsing, 2);
  EXPECT_EQ(at.majority_needed, 2);
  EXPECT_TRUE(at.majority_reached);
  CampaignStatus below = with_target(3);
  EXPECT_EQ(below.un_members_endorsing, 2);
  EXPECT_FALSE(below.majority_reached);
}

TEST_F(CampaignStatusTest, ACityIsOverdueOnlyAfterItsReplyDateNotOnIt) {
  // Wave 1 (sent 2013-09-06, 30 days) is due 2013-10-06: four of its cities
  // have not replied. On the due date itself none of them is overdue; the
  // day after, all four are.
  EXPECT_EQ(campaign_status(*store, id, parse_full_date("2013-10-05")).cities_overdue, 0);
  EXPECT_EQ(campaign_status(*store, id, parse_full_date("2013-10-06")).cities_overdue, 0);
  EXPECT_EQ(campaign_status(*store, id, parse_full_date("2013-10-07")).cities_overdue, 4);
}

TEST_F(CampaignStatusTest, ADecliningMinistryIsCountedAsDecliningNeverAsEndorsing) {
  decline("FR", "2013-11-03");
  decline("BG", "2013-11-04");
  CampaignStatus s = campaign_status(*store, id, parse_full_date("2013-11-10"));
  EXPECT_EQ(s.un_members_endorsing, 2);
  EXPECT_EQ(s.un_members_declined, 2);
  EXPECT_EQ(s.endorsing, (std::vector<std::string>{"DE", "JP"}));
  EXPECT_TRUE(s.asked_unanswered.empty());  // BG was asked, then declined
  int declined = 0, endorsing = 0;
  for (const auto& r : s.by_region) {
    declined += r.declined;
    endorsing += r.endorsing;
  }
  EXPECT_EQ(declined, 2);
  EXPECT_EQ(endorsing, 2);
  ASSERT_EQ(s.over_time.size(), 1u);
  EXPECT_EQ(s.over_time[0].endorsing, 2);
}

TEST_F(CampaignStatusTest, TheTallyOverTimeCountsEveryEndorsementSoFar) {
  // DE and JP on 2013-11-01, then IT and FR on two later days: each point is
  // the number of members endorsing by the end of its day.
  endorse("FR", "2013-12-02");
  endorse("IT", "2013-11-15");
  CampaignStatus s = campaign_status(*store, id, parse_full_date("2013-12-10"));
  ASSERT_EQ(s.over_time.size(), 3u);
  EXPECT_EQ(s.over_time[0].date.to_string(), "2013-11-01");
  EXPECT_EQ(s.over_time[0].endorsing, 2);
  EXPECT_EQ(s.over_time[1].date.to_string(), "2013-11-15");
  EXPECT_EQ(s.over_time[1].endorsing, 3);
  EXPECT_EQ(s.over_time[2].date.to_string(), "2013-12-02");
  EXPECT_EQ(s.over_time[2].endorsing, 4);
  EXPECT_EQ(s.un_members_endorsing, 4);
}

TEST_F(CampaignStatusTest, CountryProgressRanksTheMinistryAboveReached) {
  auto p = country_progress(*store, id);
  EXPECT_EQ(p, (std::map<std::string, CountryProgress>{{"BG", CountryProgress::kAsked},
                                                       {"DE", CountryProgress::kEndorsed},
                                                       {"FR", CountryProgress::kReached},
                                                       {"IT", CountryProgress::kReached},
                                                       {"JP", CountryProgress::kEndorsed}}));
  EXPECT_EQ(country_progress_name(CountryProgress::kDeclined), "declined");
  EXPECT_EQ(country_progress_name(CountryProgress::kReached), "reached");
  EXPECT_EQ(country_progress_name(CountryProgress::kAsked), "asked");
  EXPECT_EQ(country_progress_name(CountryProgress::kEndorsed), "endorsed");
  EXPECT_THROW(country_progress(*store, id + 100), Error);
}

TEST_F(CampaignStatusTest, AnUnknownCampaignHasNoStatusAndNoTimeline) {
  for (auto read : {+[](store::Store&s, CampaignId c) { campaign_status(s, c); },
                    +[](store::Store&s, CampaignId c) { campaign_timeline(s, c); }}) {
    try {
      read(*store, id + 100);
      ADD_FAILURE() << "an unknown campaign was read";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kNotFound);
      EXPECT_EQ(e.field(), "campaign");
    }
  }
}

TEST_F(CampaignStatusTest, TheReferralChainLeadsBackToTheOriginator) {
  EXPECT_EQ(referral_chain(*store, id, w.turin),
            (std::vector<CityId>{w.turin, w.cologne, w.volgograd}));
  EXPECT_EQ(referral_chain(*store, id, w.kiel), (std::vector<CityId>{w.kiel, w.coventry}));
  EXPECT_THROW(referral_chain(*store, id, w.volgograd), Error);
}

TEST_F(CampaignStatusTest, TheTimelineIsInDateOrder) {
  auto events = campaign_timeline(*store, id);
  ASSERT_FALSE(events.empty());
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_LE(events[i - 1].date, events[i].date);
  }
  int endorsed = 0;
  for (const auto& e : events) endorsed += e.kind == CampaignEventKind::kEndorsed;
  EXPECT_EQ(endorsed, 2);
}

}  // namespace
}  // namespace twinning::campaign
