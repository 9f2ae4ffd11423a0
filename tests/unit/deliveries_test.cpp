#include "mail/deliveries.h"

#include <set>

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/test_support.h"

namespace twinning::mail {
namespace {

using twinning::testing::code_of;

TEST(DeliveriesTest, AReplyTokenIs26LowerCaseBase32CharactersAndNeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string t = random_token();
    ASSERT_EQ(t.size(), 26u);
    for (char c : t) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7')) << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(DeliveriesTest, TheReplyAddressIsASubAddressOfTheReplyMailbox) {
  std::string token = random_token();
  EXPECT_EQ(reply_address_for("office@volgograd.example", token),
            "office+" + token + "@volgograd.example");
  // A reply mailbox given as a sub-address already keeps its base.
  EXPECT_EQ(reply_address_for("office+letters@volgograd.example", token),
            "office+" + token + "@volgograd.example");
  EXPECT_EQ(code_of([] { reply_address_for("office", "x"); }), ErrorCode::kInvalidInput);
}

TEST(DeliveriesTest, TheTokenIsFoundInAReplyAddressWhateverItsCaseOrDecoration) {
  std::string token = random_token();
  std::string upper;
  for (char c : token) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(reply_token_in("office+" + token + "@volgograd.example"), token);
  EXPECT_EQ(reply_token_in("\"Office\" <OFFICE+" + upper + "@Volgograd.example>"), token);
  EXPECT_EQ(reply_token_in("office@volgograd.example"), "");
  EXPECT_EQ(reply_token_in("office+short@volgograd.example"), "");
  EXPECT_EQ(reply_token_in("office+" + token.substr(0, 25) + "!@volgograd.example"), "");
}

TEST(DeliveriesTest, StatesHaveNames) {
  for (auto s : {DeliveryState::kQueued, DeliveryState::kSending, DeliveryState::kAccepted,
                 DeliveryState::kFailed}) {
    EXPECT_EQ(parse_delivery_state(delivery_state_name(s)), s);
  }
  EXPECT_EQ(code_of([] { parse_delivery_state("lost"); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace twinning::mail
