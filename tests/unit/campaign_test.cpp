#include "model/campaign.h"

#include <gtest/gtest.h>

#include <set>

#include "model/error.h"

namespace twinning {
namespace {

TEST(ContactState, MovesOnlyForwardAndAReplyImpliesReceipt) {
  using S = ContactState;
  EXPECT_TRUE(contact_transition_allowed(S::kNotContacted, S::kLetterSent));
  EXPECT_TRUE(contact_transition_allowed(S::kLetterSent, S::kReceived));
  EXPECT_TRUE(contact_transition_allowed(S::kLetterSent, S::kReplied));
  EXPECT_TRUE(contact_transition_allowed(S::kReceived, S::kReplied));
  EXPECT_TRUE(contact_transition_allowed(S::kReplied, S::kForwarded));
  EXPECT_FALSE(contact_transition_allowed(S::kNotContacted, S::kReplied));
  EXPECT_FALSE(contact_transition_allowed(S::kLetterSent, S::kForwarded));
  EXPECT_FALSE(contact_transition_allowed(S::kReplied, S::kReplied));
  EXPECT_FALSE(contact_transition_allowed(S::kForwarded, S::kLetterSent));
  EXPECT_FALSE(contact_transition_allowed(S::kReceived, S::kNotContacted));
}

TEST(MinistryState, DecidesOnceFromUnknownOrAsked) {
  using M = MinistryState;
  EXPECT_TRUE(ministry_transition_allowed(M::kUnknown, M::kAsked));
  EXPECT_TRUE(ministry_transition_allowed(M::kAsked, M::kEndorsed));
  EXPECT_TRUE(ministry_transition_allowed(M::kUnknown, M::kDeclined));
  EXPECT_FALSE(ministry_transition_allowed(M::kAsked, M::kAsked));
  EXPECT_FALSE(ministry_transition_allowed(M::kEndorsed, M::kDeclined));
  EXPECT_FALSE(ministry_transition_allowed(M::kDeclined, M::kEndorsed));
}

TEST(CampaignNames, RoundTripAndRejectUnknown) {
  EXPECT_EQ(parse_contact_state("letter_sent"), ContactState::kLetterSent);
  EXPECT_EQ(contact_state_name(ContactState::kForwarded), "forwarded");
  EXPECT_EQ(parse_ministry_state("endorsed"), MinistryState::kEndorsed);
  EXPECT_EQ(parse_reply_stance("declines"), ReplyStance::kDeclines);
  try {
    parse_reply_stance("maybe", "--stance");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "--stance");
    EXPECT_NE(std::string(e.what()).find("supports, declines or undecided"), std::string::npos);
  }
}

// Issue 17: a campaign event's kind is one of a closed set, named one way
// in the store, the API and the CLI ("ministry_asked", never "asked").
TEST(CampaignNames, EveryEventKindHasOneNameThatParsesBack) {
  std::set<std::string_view> names;
  for (int k = 0; k <= static_cast<int>(CampaignEventKind::kLetterLinked); ++k) {
    auto kind = static_cast<CampaignEventKind>(k);
    std::string_view name = campaign_event_kind_name(kind);
    EXPECT_TRUE(names.insert(name).second) << name << " names two kinds";
    EXPECT_EQ(parse_campaign_event_kind(name), kind) << name;
  }
  EXPECT_EQ(campaign_event_kind_name(CampaignEventKind::kMinistryAsked), "ministry_asked");
  EXPECT_EQ(campaign_event_kind_name(CampaignEventKind::kWaveSent), "wave_sent");
  try {
    parse_campaign_event_kind("asked");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "kind");
    EXPECT_NE(std::string(e.what()).find("ministry_asked"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace twinning
