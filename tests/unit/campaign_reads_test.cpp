// The reads of campaigns (campaign/campaign_reads.h): a campaign is public,
// the register behind it is not.
#include "campaign/campaign_reads.h"

#include <gtest/gtest.h>

#include "campaign/campaigns.h"
#include "model/error.h"
#include "support/campaign_fixtures.h"

namespace twinning::campaign {
namespace {

using testing::actor_of;

class CampaignReadsTest : public testing::CampaignWorldTest {
 protected:
  // The view's contact with `city` (which must have been contacted).
  static CampaignContact contact_in(const CampaignView& view, CityId city) {
    for (const auto& k : view.contacts) {
      if (k.city_id == city) return k;
    }
    ADD_FAILURE() << "city #" << city << " is not in the view";
    return {};
  }
};

TEST_F(CampaignReadsTest, FindGetAndListName) {
  CampaignRequest r;
  r.code = "2014";
  r.title = "Another";
  r.originators = {w.coventry};
  CampaignId numbered = create_campaign(*store, r);
  EXPECT_EQ(get_campaign(*store, id).code, "test");
  EXPECT_EQ(find_campaign(*store, " test ").id, id);
  EXPECT_EQ(find_campaign(*store, std::to_string(id)).id, id);
  EXPECT_EQ(find_campaign(*store, "2014").id, numbered);  // a code before an id
  auto all = list_campaigns(*store);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].code, "test");  // in the order they were created
  EXPECT_EQ(all[1].code, "2014");
  try {
    get_campaign(*store, 999999);
    ADD_FAILURE() << "read a campaign that does not exist";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_EQ(e.field(), "campaign");
  }
}

// Anyone reads every campaign and every contact, a viewer and another
// city's correspondent included: the tally is the movement's public data.
TEST_F(CampaignReadsTest, EveryoneReadsEveryCampaignAndContact) {
  send_all();
  store->set_actor(actor_of(Role::kCoordinator));
  std::size_t contacted = campaign_view(*store, get_campaign(*store, id)).contacts.size();
  ASSERT_EQ(contacted, 5u);
  for (auto actor : {actor_of(Role::kViewer), actor_of(Role::kCorrespondent, w.turin)}) {
    store->set_actor(actor);
    EXPECT_EQ(list_campaigns(*store).size(), 1u);
    EXPECT_EQ(find_campaign(*store, "test").id, id);
    EXPECT_EQ(campaign_view(*store, get_campaign(*store, id)).contacts.size(), contacted);
  }
}

// The letters behind the campaign are not public: a correspondent of
// Cologne sees the letter that reached Cologne and Cologne's reply, not the
// letters to the other cities nor a ministry's evidence in Volgograd's
// register; a viewer sees none; a coordinator sees all.
TEST_F(CampaignReadsTest, ALetterIdOnlyWhereTheActorMayReadTheLetter) {
  send_all();
  LetterId evidence = incoming_letter("Auswärtiges Amt");
  MinistryAnswer a;
  a.country = "DE";
  a.evidence = evidence;
  record_ministry_answer(*store, id, a);
  store->set_actor(actor_of(Role::kCorrespondent, w.cologne));
  ReplyRequest r;
  r.city = w.cologne;
  r.date = parse_full_date("2013-10-01");
  record_reply(*store, id, r);

  CampaignView cologne = campaign_view(*store, get_campaign(*store, id));
  EXPECT_EQ(contact_in(cologne, w.cologne).letter_id, contact(w.cologne).letter_id);
  EXPECT_NE(contact_in(cologne, w.cologne).letter_id, 0);
  EXPECT_EQ(contact_in(cologne, w.cologne).reply_letter_id, contact(w.cologne).reply_letter_id);
  EXPECT_TRUE(contact_in(cologne, w.cologne).reply_letter_id.has_value());
  for (CityId other : {w.hiroshima, w.ruse, w.kiel, w.dresden}) {
    EXPECT_EQ(contact_in(cologne, other).letter_id, 0) << "city #" << other;
    EXPECT_EQ(contact_in(cologne, other).state, ContactState::kLetterSent);
  }
  ASSERT_EQ(cologne.countries.size(), 1u);
  EXPECT_EQ(cologne.countries[0].state, MinistryState::kEndorsed);
  EXPECT_FALSE(cologne.countries[0].evidence_letter_id);
  EXPECT_TRUE(cologne.can.record_city_answers);
  EXPECT_FALSE(cologne.can.send);
  EXPECT_EQ(cologne.can.ministry_country, "DE");

  store->set_actor(actor_of(Role::kViewer));
  CampaignView viewer = campaign_view(*store, get_campaign(*store, id));
  for (const auto& k : viewer.contacts) {
    EXPECT_EQ(k.letter_id, 0) << "city #" << k.city_id;
    EXPECT_FALSE(k.reply_letter_id) << "city #" << k.city_id;
  }
  EXPECT_FALSE(viewer.countries[0].evidence_letter_id);
  EXPECT_FALSE(viewer.can.record_city_answers);

  store->set_actor(actor_of(Role::kCoordinator));
  CampaignView coordinator = campaign_view(*store, get_campaign(*store, id));
  for (const auto& k : coordinator.contacts) EXPECT_NE(k.letter_id, 0) << "city #" << k.city_id;
  EXPECT_EQ(coordinator.countries[0].evidence_letter_id, evidence);
  EXPECT_TRUE(coordinator.can.send);
}

// A contact awaiting its reply past the reply date is overdue today.
TEST_F(CampaignReadsTest, OverdueContactsAsOfToday) {
  send_all();  // in 2013, reply within 30 days
  CampaignView view = campaign_view(*store, get_campaign(*store, id));
  EXPECT_EQ(view.overdue.size(), view.contacts.size());
  EXPECT_EQ(view.overdue.count(w.kiel), 1u);
}

}  // namespace
}  // namespace twinning::campaign
