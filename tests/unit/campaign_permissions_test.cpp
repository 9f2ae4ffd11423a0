// campaign/campaign_permissions.h: what each role may do in a campaign, as
// the API reports it to the web interface.
#include "campaign/campaign_permissions.h"

#include <gtest/gtest.h>

#include "support/campaign_fixtures.h"

namespace twinning::campaign {
namespace {

using testing::actor_of;

class CampaignPermissionsTest : public testing::CampaignWorldTest {
 protected:
  CampaignPermissions as(Role role, std::optional<CityId> city = std::nullopt) {
    store->set_actor(actor_of(role, city));
    return campaign_permissions(*store);
  }
};

TEST_F(CampaignPermissionsTest, CoordinatorsAndAdminsMayDoEverything) {
  for (Role r : {Role::kAdmin, Role::kCoordinator}) {
    auto p = as(r);
    EXPECT_TRUE(p.send && p.remind && p.record_city_answers && p.record_ministry_answer &&
                p.correct_ministry_answer);
    EXPECT_EQ(p.ministry_country, "");
  }
}

TEST_F(CampaignPermissionsTest, ACorrespondentRecordsItsCityAndCountryButNeverRemindsOrCorrects) {
  auto p = as(Role::kCorrespondent, w.cologne);
  EXPECT_FALSE(p.send);
  EXPECT_FALSE(p.remind);
  EXPECT_FALSE(p.correct_ministry_answer);
  EXPECT_TRUE(p.record_city_answers);
  EXPECT_TRUE(p.record_ministry_answer);
  EXPECT_EQ(p.ministry_country, "DE");
  EXPECT_TRUE(may_record_for_country(*store, "DE"));
  EXPECT_FALSE(may_record_for_country(*store, "GE"));
  EXPECT_TRUE(may_record_for_city(*store, w.cologne));
  EXPECT_FALSE(may_record_for_city(*store, w.kiel));
}

TEST_F(CampaignPermissionsTest, AViewerMayDoNothing) {
  auto p = as(Role::kViewer);
  EXPECT_FALSE(p.send || p.remind || p.record_city_answers || p.record_ministry_answer ||
               p.correct_ministry_answer);
  EXPECT_FALSE(may_record_for_country(*store, "DE"));
}

}  // namespace
}  // namespace twinning::campaign
