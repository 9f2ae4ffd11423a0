#include "campaign/campaign_letters.h"

#include <map>

#include <gtest/gtest.h>

#include "registry/city_lookup.h"
#include "support/campaign_fixtures.h"

namespace twinning::campaign {
namespace {

using Kind = ContactBar::Kind;

class CampaignLettersTest : public testing::CampaignWorldTest {
 protected:
  std::map<CityId, ForwardCandidate> candidates_of(CityId city) {
    std::map<CityId, ForwardCandidate> out;
    for (const auto& c : forward_candidates(*store, id, city)) out[c.city_id] = c;
    return out;
  }
};

// Why a twin cannot be named is a code a face translates, the city whose
// letter reached it, and the same reason in English that the CLI prints.
TEST_F(CampaignLettersTest, AForwardCandidateSaysWhyItCannotBeNamedAsACodeAndInEnglish) {
  send_all();
  ReplyRequest reply;
  reply.city = w.cologne;
  reply.date = parse_full_date("2013-10-01");
  record_reply(*store, id, reply);

  auto cologne = candidates_of(w.cologne);
  ASSERT_EQ(cologne.size(), 4u);  // Volgograd, Coventry, Lille, Turin
  for (CityId originator : {w.volgograd, w.coventry}) {
    EXPECT_EQ(cologne.at(originator).bar.kind, Kind::kOriginator);
    EXPECT_EQ(contact_bar_code(cologne.at(originator).bar.kind), "originator");
    EXPECT_FALSE(cologne.at(originator).bar.contacted_by);
    EXPECT_EQ(cologne.at(originator).reason, "originator of this campaign");
  }
  for (CityId free : {w.lille, w.turin}) {
    EXPECT_EQ(cologne.at(free).bar.kind, Kind::kNone);
    EXPECT_EQ(contact_bar_code(Kind::kNone), "");
    EXPECT_EQ(cologne.at(free).reason, "");
  }

  ForwardRequest f;
  f.city = w.cologne;
  f.to = {w.lille};
  f.date = parse_full_date("2013-10-02");
  record_forward(*store, templates, id, f);
  auto lille = candidates_of(w.lille);
  ASSERT_EQ(lille.size(), 1u);  // Cologne
  const ForwardCandidate& back = lille.at(w.cologne);
  EXPECT_EQ(back.bar.kind, Kind::kAlreadyContacted);
  EXPECT_EQ(contact_bar_code(back.bar.kind), "already_contacted");
  ASSERT_TRUE(back.bar.contacted_by);
  EXPECT_EQ(*back.bar.contacted_by, *contact(w.cologne).referred_by);
  EXPECT_EQ(back.reason, "already contacted by " + registry::city_label(*store, *back.bar.contacted_by));
  EXPECT_EQ(reason_not_to_contact(*store, *campaigns().get(id), w.cologne), back.reason);
  EXPECT_EQ(candidates_of(w.cologne).at(w.lille).bar.kind, Kind::kAlreadyContacted);
  EXPECT_EQ(*candidates_of(w.cologne).at(w.lille).bar.contacted_by, w.cologne);
}

}  // namespace
}  // namespace twinning::campaign
