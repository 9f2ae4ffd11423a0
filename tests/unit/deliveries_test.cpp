#include "mail/deliveries.h"

#include <set>

#include <gtest/gtest.h>

#include "letters/registration.h"
#include "model/error.h"
#include "support/letter_fixtures.h"
#include "support/test_database.h"
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

namespace twinning::mail {
namespace {

using twinning::testing::BackendTest;

class DeliveryStoreTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto s = twinning::testing::add_letter_scenario(*store);
    letters::DraftRequest r;
    r.office = s.office;
    r.addressees = {Addressee{s.coventry, "Mayor", "", ""}, Addressee{s.dresden, "Mayor", "", ""}};
    r.body = "Text.";
    letter = letters::register_outgoing(*store, letters::TemplateLibrary::locate(""), r, {}).id;
  }
  LetterId letter = 0;
};

TEST_P(DeliveryStoreTest, QueuedOnceClaimedOnceAndFoundByTokenOrMessageId) {
  std::vector<DeliveryTarget> targets = {{0, std::nullopt, "a@x.test"}, {1, std::nullopt, "b@x.test"}};
  auto queued = queue_deliveries(*store, letter, targets, "volgograd.test");
  ASSERT_EQ(queued.size(), 2u);
  // Queuing again creates nothing new and keeps the tokens.
  auto again = queue_deliveries(*store, letter, targets, "volgograd.test");
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].reply_token, queued[0].reply_token);
  EXPECT_NE(queued[0].reply_token, queued[1].reply_token);
  EXPECT_EQ(queued[0].message_id.substr(queued[0].message_id.size() - 15), "@volgograd.test");

  EXPECT_TRUE(claim_delivery(*store, queued[0]));
  EXPECT_FALSE(claim_delivery(*store, queued[0]));  // a second sender finds it taken
  auto accepted = record_delivery_outcome(*store, queued[0].id, DeliveryState::kAccepted, "250 OK");
  EXPECT_EQ(accepted.state, DeliveryState::kAccepted);
  EXPECT_TRUE(accepted.accepted_at);
  EXPECT_EQ(accepted.attempts, 1);

  auto by_token = find_delivery_by_reply_token(*store, queued[1].reply_token);
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token->email, "b@x.test");
  auto by_id = find_delivery_by_message_id(*store, "<" + queued[0].message_id + ">");
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->id, queued[0].id);
  EXPECT_FALSE(find_delivery_by_reply_token(*store, random_token()));

  auto bounced = mark_delivery_failed(*store, queued[0].id, "5.1.1 user unknown");
  EXPECT_EQ(bounced.state, DeliveryState::kFailed);
  EXPECT_EQ(bounced.server_reply, "5.1.1 user unknown");
  EXPECT_EQ(code_of([&] { mark_delivery_failed(*store, 999999, "x"); }), ErrorCode::kNotFound);
}

TWINNING_ON_EVERY_BACKEND(DeliveryStoreTest);

}  // namespace
}  // namespace twinning::mail
