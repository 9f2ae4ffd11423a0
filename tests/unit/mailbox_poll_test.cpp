// One round of the serve's mail poller (mail/mailbox_poll.h) against the
// real test servers: every office with a reply mailbox is fetched, one
// whose fetch fails is reported with the reason and does not stop the
// others, and only an administrator polls.
#include "mail/mailbox_poll.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "mail/mail_account.h"
#include "mail/smtp_client.h"
#include "support/mail_intake_fixture.h"
#include "support/mail_servers.h"

namespace twinning::mail {
namespace {

// The demo's intake world on a scratch store, and the real test servers.
class MailboxPollTest : public ::testing::Test {
 protected:
  void SetUp() override {
    servers = testing::test_mail_servers();
    ASSERT_TRUE(servers);
    m = testing::add_mail_intake_world(*store, dir);
  }

  const testing::TestMailServers* servers = nullptr;
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  testing::MailIntakeWorld m;
};

TEST_F(MailboxPollTest, EveryOfficeWithAReplyMailboxIsFetchedAndAFailureStopsNoOther) {
  unsetenv("TWINNING_TEST_POLL_UNSET");
  MailAccount a = testing::test_mail_account(*servers, m.w.volgograd_office,
                                             "TWINNING_TEST_POLL_UNIT_PASSWORD");
  // Volgograd's password variable is unset; Coventry's works.
  a.password_source = "env:TWINNING_TEST_POLL_UNSET";
  set_mail_account(*store, a);
  a.office_id = m.w.coventry_office;
  a.password_source = "env:TWINNING_TEST_POLL_UNIT_PASSWORD";
  set_mail_account(*store, a);

  store->set_actor(mail_poller_actor());
  auto polls = poll_mailboxes(*store);
  ASSERT_EQ(polls.size(), 2u);
  std::sort(polls.begin(), polls.end(),
            [](const MailboxPoll& x, const MailboxPoll& y) { return x.office < y.office; });
  for (const auto& p : polls) {
    if (p.office == m.w.volgograd_office) {
      EXPECT_FALSE(p.report);
      EXPECT_EQ(p.office_code, "volgograd");
      EXPECT_NE(p.error.find("TWINNING_TEST_POLL_UNSET"), std::string::npos) << p.error;
    } else {
      ASSERT_TRUE(p.report) << p.error;
      EXPECT_EQ(p.report->mailbox, servers->imap_url);
      EXPECT_EQ(p.error.find(servers->password), std::string::npos);
    }
  }
  Actor coordinator = mail_poller_actor();
  coordinator.name = "coordinator";
  coordinator.role = Role::kCoordinator;
  store->set_actor(coordinator);
  EXPECT_EQ(testing::code_of([&] { poll_mailboxes(*store); }), ErrorCode::kForbidden);
}

TEST_F(MailboxPollTest, AStopRequestEndsTheRoundBeforeTheNextMessage) {
  set_mail_account(*store, testing::test_mail_account(*servers, m.w.volgograd_office,
                                                      "TWINNING_TEST_POLL_UNIT_PASSWORD"));
  SmtpSession smtp({servers->smtp_url, servers->user, servers->password, servers->ca_file});
  std::string raw = "From: someone@example.net\r\nTo: " + servers->user +
                    "@localhost\r\nSubject: Hello\r\nMessage-ID: <" +
                    testing::unique_local_part("stop") + "@example.net>\r\n\r\nHello.\r\n";
  ASSERT_EQ(smtp.send("someone@example.net", servers->user + "@localhost", raw).kind,
            SmtpOutcome::Kind::kAccepted);
  store->set_actor(mail_poller_actor());

  int asked = 0;
  auto stopped = fetch_mail(*store, m.w.volgograd_office, [&] { return ++asked > 0; });
  EXPECT_EQ(stopped.fetched, 0);
  EXPECT_EQ(asked, 1);
  EXPECT_TRUE(poll_mailboxes(*store, [] { return true; }).empty());
  // Nothing was skipped: the next round fetches what the stopped one left.
  auto polls = poll_mailboxes(*store);
  ASSERT_EQ(polls.size(), 1u);
  ASSERT_TRUE(polls[0].report) << polls[0].error;
  EXPECT_GE(polls[0].report->fetched, 1);
}

}  // namespace
}  // namespace twinning::mail
