#include "model/campaign.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace twinning
