// Fetching the reply mailbox over IMAP (mail/mail_fetch.h) against the real
// test servers (tests/support/mail_servers.h): messages sent through the
// SMTP server into the IMAP user's Maildir are fetched and filed; a second
// fetch files nothing.
#include "mail/mail_fetch.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "mail/mail_account.h"
#include "mail/smtp_client.h"
#include "store/campaign_store.h"
#include "support/mail_intake_fixture.h"
#include "support/mail_servers.h"

namespace twinning::mail {
namespace {

class MailFetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    servers = testing::test_mail_servers();
    if (!servers) return;
    m = testing::add_mail_intake_world(*store, dir);
    MailAccount a = testing::test_mail_account(*servers, m.w.volgograd_office,
                                               "TWINNING_TEST_FETCH_PASSWORD");
    set_mail_account(*store, a);
  }

  // Delivers `raw` into the IMAP user's mailbox through the SMTP server.
  void deliver(const std::string& raw) {
    std::string crlf;
    for (char c : raw) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    SmtpSession smtp({servers->smtp_url, servers->user, servers->password, servers->ca_file});
    SmtpOutcome o = smtp.send("sender@test.example", servers->user + "@localhost", crlf);
    ASSERT_EQ(o.kind, SmtpOutcome::Kind::kAccepted) << o.reply;
  }
  ContactState state_of(CityId city) {
    return store::CampaignStore(*store).contact(m.campaign, city)->state;
  }
  std::int64_t letters_count() {
    return store->db().query_one("SELECT COUNT(*) FROM letters")->integer(0);
  }

  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  const testing::TestMailServers* servers = nullptr;
  testing::MailIntakeWorld m;
};

TEST_F(MailFetchTest, FetchingTwiceFilesEachMessageOnce) {
  ASSERT_TRUE(servers);
  deliver(testing::mail_fixture("cologne-reply.eml"));
  deliver(testing::mail_fixture("chemnitz-autoreply.eml"));
  deliver(testing::mail_fixture("unknown-sender.eml"));
  FetchReport first = fetch_mail(*store, m.w.volgograd_office);
  EXPECT_EQ(first.mailbox, servers->imap_url);
  EXPECT_GE(first.fetched, 3);
  EXPECT_EQ(state_of(m.w.cologne), ContactState::kReplied);
  EXPECT_EQ(state_of(m.chemnitz), ContactState::kReceived);
  EXPECT_EQ(store->db()
                .query_one("SELECT COUNT(*) FROM mail_messages WHERE message_key = "
                           "'greetings-1@example.net' AND outcome = 'triage'")
                ->integer(0),
            1);
  auto letters = letters_count();
  // Again: nothing new is filed; a copy delivered meanwhile (another run of
  // this test on the same servers) is known by its Message-ID.
  FetchReport second = fetch_mail(*store, m.w.volgograd_office);
  for (const auto& r : second.results) EXPECT_TRUE(r.already_seen) << r.message;
  EXPECT_EQ(letters_count(), letters);
  EXPECT_EQ(store->db().query_one("SELECT COUNT(*) FROM mail_messages WHERE outcome = 'replied'")
                ->integer(0),
            1);
}

}  // namespace
}  // namespace twinning::mail
