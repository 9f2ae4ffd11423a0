// Filing incoming e-mail (mail/intake.h) on both backends, with the real
// .eml fixtures of tests/data/mail/ against the 2013 demo: Volgograd's
// circular No 19-024/125рс to its twins Cologne, Hiroshima, Ruse and
// Chemnitz.
#include "mail/intake.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "mail/deliveries.h"
#include "mail/message_parser.h"
#include "model/error.h"
#include "store/campaign_store.h"
#include "store/city_store.h"
#include "store/encoding.h"
#include "store/letter_store.h"
#include "store/mail_intake_store.h"
#include "support/mail_intake_fixture.h"
#include "support/test_database.h"

namespace twinning::mail {
namespace {

using store::MailOutcome;

using testing::mail_fixture;

class IntakeTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    testing::MailIntakeWorld m = testing::add_mail_intake_world(*store, dir);
    w = m.w;
    chemnitz = m.chemnitz;
    campaign = m.campaign;
    appeal = m.appeal;
  }

  CampaignContact contact(CityId city) {
    return *store::CampaignStore(*store).contact(campaign, city);
  }
  std::int64_t letters_count() {
    return store->db().query_one("SELECT COUNT(*) FROM letters")->integer(0);
  }

  // The appeal's copies to Cologne, Hiroshima and Chemnitz as the sending
  // half records them (mail/deliveries.h, migration 009): each accepted,
  // with its reply token and Message-ID.
  void queue_appeal() {
    Letter l = store::LetterStore(*store).require(appeal);
    for (std::size_t i = 0; i < l.addressees.size(); ++i) {
      auto city = l.addressees[i].city_id;
      if (!city) continue;
      std::string email = store::CityStore(*store).require(*city).email;
      if (email.empty()) continue;
      store->db().execute(
          "INSERT INTO mail_deliveries (letter_id, position, city_id, email, reply_token, "
          "message_id, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
          "'accepted', '2013-09-06T08:00:00Z', '2013-09-06T08:00:00Z')",
          {appeal, static_cast<int>(i), *city, email, random_token(),
           "tw." + random_token() + "@volgograd.example"});
    }
  }
  Delivery delivery_to(CityId city) {
    for (const Delivery& d : deliveries_of(*store, appeal)) {
      if (d.city_id == city) return d;
    }
    ADD_FAILURE() << "no delivery to city " << city;
    return {};
  }

  testing::CampaignWorld w;
  CityId chemnitz = 0;
  CampaignId campaign = 0;
  LetterId appeal = 0;
};

TEST_P(IntakeTest, AReplyFromCologneIsFiledInReplyToTheAppealWithItsOwnNumberAndDate) {
  std::string raw = mail_fixture("cologne-reply.eml");
  FilingResult r = file_message(*store, raw);
  ASSERT_EQ(r.outcome, MailOutcome::kReplied) << r.reason;
  EXPECT_FALSE(r.already_seen);
  EXPECT_EQ(r.answers, appeal);
  EXPECT_EQ(r.city, w.cologne);
  EXPECT_EQ(r.campaign, campaign);
  ASSERT_TRUE(r.letter);
  Letter in = store::LetterStore(*store).require(*r.letter);
  EXPECT_EQ(in.direction, LetterDirection::kIncoming);
  EXPECT_EQ(in.sender.city_id, w.cologne);
  EXPECT_EQ(in.sender_number, "K-13/0815");
  ASSERT_TRUE(in.sender_date);
  EXPECT_EQ(in.sender_date->to_string(), "2013-10-15");
  ASSERT_EQ(in.links.size(), 1u);
  EXPECT_EQ(in.links[0].kind, LetterLinkKind::kReplyTo);
  EXPECT_EQ(in.links[0].target, appeal);
  EXPECT_NE(in.body.find("wir unterstützen Ihren Aufruf"), std::string::npos) << in.body;
  // The scan, under its plain name (the path it claimed is dropped), its
  // bytes checked against the SHA-256 the parser computed.
  ParsedMessage m = parse_message(raw);
  ASSERT_EQ(in.attachments.size(), 1u);
  EXPECT_EQ(in.attachments[0].name, "Antwort Koeln.pdf");
  EXPECT_EQ(in.attachments[0].sha256, m.attachments[0].sha256);
  EXPECT_EQ(store::sha256_hex(store::LetterStore(*store).attachment_content(
                *r.letter, in.attachments[0].id)),
            m.attachments[0].sha256);
  CampaignContact k = contact(w.cologne);
  EXPECT_EQ(k.state, ContactState::kReplied);
  EXPECT_EQ(k.reply_letter_id, r.letter);
  ASSERT_TRUE(k.replied_on);
  EXPECT_EQ(k.replied_on->to_string(), "2013-10-15");
}

TEST_P(IntakeTest, TheSameMessageIsFiledOnce) {
  std::string raw = mail_fixture("cologne-reply.eml");
  FilingResult first = file_message(*store, raw);
  ASSERT_EQ(first.outcome, MailOutcome::kReplied) << first.reason;
  auto letters = letters_count();
  FilingResult again = file_message(*store, raw);
  EXPECT_TRUE(again.already_seen);
  EXPECT_EQ(again.message, first.message);
  EXPECT_EQ(letters_count(), letters);
  // The same UID of a mailbox is claimed once as well, whatever its bytes.
  store::MailSource box{"imaps://127.0.0.1/INBOX", 7, 1};
  FilingResult by_uid = file_message(*store, mail_fixture("unknown-sender.eml"), box);
  EXPECT_FALSE(by_uid.already_seen);
  FilingResult same_uid = file_message(*store, mail_fixture("chemnitz-autoreply.eml"), box);
  EXPECT_TRUE(same_uid.already_seen);
  EXPECT_EQ(contact(chemnitz).state, ContactState::kLetterSent);
}

TEST_P(IntakeTest, AnAutoReplyMarksTheContactReceivedNotReplied) {
  auto letters = letters_count();
  FilingResult r = file_message(*store, mail_fixture("chemnitz-autoreply.eml"));
  EXPECT_EQ(r.outcome, MailOutcome::kReceived) << r.reason;
  EXPECT_EQ(r.city, chemnitz);
  EXPECT_EQ(contact(chemnitz).state, ContactState::kReceived);
  ASSERT_TRUE(contact(chemnitz).received_on);
  EXPECT_EQ(contact(chemnitz).received_on->to_string(), "2013-09-09");
  EXPECT_EQ(letters_count(), letters);  // no letter is registered for it
}

TEST_P(IntakeTest, AnUnknownSenderWaitsInTriageAndIsFiledFromIt) {
  FilingResult r = file_message(*store, mail_fixture("unknown-sender.eml"));
  EXPECT_EQ(r.outcome, MailOutcome::kTriage);
  EXPECT_NE(r.reason.find("a.friend@example.net"), std::string::npos) << r.reason;
  auto list = triage_list(*store);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, r.message);
  EXPECT_EQ(list[0].subject, "Greetings from a twin");
  ASSERT_TRUE(store::MailIntakeStore(*store).raw(r.message));

  FilingResult filed = file_from_triage(*store, r.message, appeal, w.ruse);
  EXPECT_EQ(filed.outcome, MailOutcome::kReplied) << filed.reason;
  EXPECT_EQ(contact(w.ruse).state, ContactState::kReplied);
  Letter in = store::LetterStore(*store).require(*filed.letter);
  EXPECT_EQ(in.sender_number, "R-2013/77");
  // The HTML body's text only: no script, style, title or tag.
  EXPECT_NE(in.body.find("We support the appeal & the year 2014."), std::string::npos) << in.body;
  EXPECT_EQ(in.body.find("alert"), std::string::npos) << in.body;
  EXPECT_EQ(in.body.find('<'), std::string::npos) << in.body;
  EXPECT_TRUE(triage_list(*store).empty());
  EXPECT_FALSE(store::MailIntakeStore(*store).raw(r.message));  // the copy is dropped
  EXPECT_EQ(store::MailIntakeStore(*store).get(r.message)->decided_by, store->actor().name);
  // Filed once: neither triage again nor the same message.
  EXPECT_THROW(file_from_triage(*store, r.message, appeal, w.ruse), Error);
  EXPECT_TRUE(file_message(*store, mail_fixture("unknown-sender.eml")).already_seen);
}

TEST_P(IntakeTest, ADiscardedMessageStaysSeen) {
  FilingResult r = file_message(*store, mail_fixture("unknown-sender.eml"));
  store::MailRecord m = discard_from_triage(*store, r.message);
  EXPECT_EQ(m.outcome, MailOutcome::kDiscarded);
  EXPECT_TRUE(triage_list(*store).empty());
  EXPECT_TRUE(file_message(*store, mail_fixture("unknown-sender.eml")).already_seen);
  try {
    discard_from_triage(*store, r.message);
    ADD_FAILURE() << "discarded twice";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConflict);
  }
}

TEST_P(IntakeTest, AnAttachmentOverTheLimitSendsTheMessageToTriageSayingSo) {
  std::string raw = mail_fixture("cologne-reply.eml");
  std::string big(letters::kMaxAttachmentBytes + 1, 'x');
  std::string part =
      "--=-koeln-1\nContent-Type: application/octet-stream\n"
      "Content-Disposition: attachment; filename=\"huge.bin\"\n\n" +
      big + "\n";
  raw.insert(raw.rfind("--=-koeln-1--"), part);
  FilingResult r = file_message(*store, raw);
  EXPECT_EQ(r.outcome, MailOutcome::kTriage);
  EXPECT_NE(r.reason.find("attachment 'huge.bin' is 8388609 bytes; the limit is 8388608"),
            std::string::npos)
      << r.reason;
  EXPECT_EQ(contact(w.cologne).state, ContactState::kLetterSent);
}

TEST_P(IntakeTest, OnlyACoordinatorFilesMail) {
  store->set_actor(testing::actor_of(Role::kCorrespondent, w.cologne));
  try {
    file_message(*store, mail_fixture("cologne-reply.eml"));
    ADD_FAILURE() << "a correspondent filed mail";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kForbidden);
  }
  EXPECT_THROW(triage_list(*store), Error);
  store->set_actor(testing::actor_of(Role::kCoordinator));
  EXPECT_EQ(file_message(*store, mail_fixture("cologne-reply.eml")).outcome, MailOutcome::kReplied);
}

// The reply token of the address a message was delivered to names the
// letter and the addressee, whoever wrote and whatever the subject says.
TEST_P(IntakeTest, AReplyToItsReplyAddressIsFiledByTheToken) {
  queue_appeal();
  Delivery d = delivery_to(w.cologne);
  std::string raw = "From: Assistant <assistant@koeln.example>\nTo: " +
                    reply_address_for("office@volgograd.example", d.reply_token) +
                    "\nSubject: Antwort\nMessage-ID: <tok-1@koeln.example>\n\n"
                    "Unser Zeichen: K-13/0900 vom 16.10.2013\n";
  FilingResult r = file_message(*store, raw);
  ASSERT_EQ(r.outcome, MailOutcome::kReplied) << r.reason;
  EXPECT_EQ(r.answers, appeal);
  EXPECT_EQ(r.city, w.cologne);
  EXPECT_EQ(contact(w.cologne).state, ContactState::kReplied);
}

// In-Reply-To (or References) naming the Message-ID of a copy we sent.
TEST_P(IntakeTest, AReplyReferringToOurMessageIdIsFiledForItsAddressee) {
  queue_appeal();
  Delivery d = delivery_to(w.hiroshima);
  std::string raw = "From: someone@unknown.example\nTo: office@volgograd.example\n"
                    "Subject: Re: your letter\nMessage-ID: <irt-1@unknown.example>\n"
                    "References: <older@unknown.example> <" + d.message_id + ">\n\nYes.\n";
  FilingResult r = file_message(*store, raw);
  ASSERT_EQ(r.outcome, MailOutcome::kReplied) << r.reason;
  EXPECT_EQ(r.city, w.hiroshima);
  EXPECT_EQ(contact(w.hiroshima).state, ContactState::kReplied);
}

TEST_P(IntakeTest, ABounceMarksThatAddresseesDeliveryFailedWithTheReason) {
  queue_appeal();
  Delivery hiroshima = delivery_to(w.hiroshima);
  std::string raw = mail_fixture("hiroshima-bounce.eml");
  const std::string sent_id = "letter-1-hiroshima@volgograd.example";
  raw.replace(raw.find(sent_id), sent_id.size(), hiroshima.message_id);
  auto letters = letters_count();
  FilingResult r = file_message(*store, raw);
  ASSERT_EQ(r.outcome, MailOutcome::kDeliveryFailed) << r.reason;
  EXPECT_EQ(r.city, w.hiroshima);
  Delivery after = delivery_to(w.hiroshima);
  EXPECT_EQ(after.state, DeliveryState::kFailed);
  EXPECT_EQ(after.server_reply,
            "5.1.1 smtp; 550 5.1.1 <peace@city.hiroshima.example>: Recipient address rejected: "
            "User unknown");
  EXPECT_EQ(delivery_to(w.cologne).state, DeliveryState::kAccepted);
  EXPECT_EQ(letters_count(), letters);
  EXPECT_EQ(contact(w.hiroshima).state, ContactState::kLetterSent);
}

TEST_P(IntakeTest, ABounceAboutNoDeliveryOfOursWaitsInTriage) {
  queue_appeal();
  FilingResult r = file_message(*store, mail_fixture("hiroshima-bounce.eml"));
  EXPECT_EQ(r.outcome, MailOutcome::kTriage);
  EXPECT_NE(r.reason.find("peace@city.hiroshima.example"), std::string::npos) << r.reason;
  EXPECT_EQ(delivery_to(w.hiroshima).state, DeliveryState::kAccepted);
}

// Two processes filing the same message at once (two connections, one
// database): one files it, the other finds it claimed.
TEST_P(IntakeTest, TwoConnectionsFilingTheSameMessageFileItOnce) {
  std::string raw = mail_fixture("cologne-reply.eml");
  auto other = testing::open_migrated_store(*database);
  std::atomic<int> filed{0}, seen{0};
  auto run = [&](store::Store& s) {
    FilingResult r = file_message(s, raw);
    (r.already_seen ? seen : filed)++;
  };
  std::thread a([&] { run(*store); });
  std::thread b([&] { run(*other); });
  a.join();
  b.join();
  EXPECT_EQ(filed.load(), 1);
  EXPECT_EQ(seen.load(), 1);
  EXPECT_EQ(store->db()
                .query_one("SELECT COUNT(*) FROM letters WHERE sender_number = 'K-13/0815'")
                ->integer(0),
            1);
}

TWINNING_ON_EVERY_BACKEND(IntakeTest);

}  // namespace
}  // namespace twinning::mail
