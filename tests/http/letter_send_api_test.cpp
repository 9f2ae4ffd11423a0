// POST /api/letters/{id}/send over real HTTP and a real SMTP server
// (tests/support/mail_servers.h), on SQLite and PostgreSQL: only a writer
// for the letter's office sends, each addressee's copy once.
#include <cstdlib>

#include <gtest/gtest.h>

#include "mail/mail_account.h"
#include "support/letter_api_fixture.h"
#include "support/mail_servers.h"

namespace twinning::testing {
namespace {

class LetterSendApi : public LettersApiTest {
 protected:
  void SetUp() override {
    servers = test_mail_servers();
    ASSERT_TRUE(servers);
    // The server reads the password from its environment, inherited now.
    setenv("TWINNING_TEST_API_MAIL_PASSWORD", servers->password.c_str(), 1);
    LettersApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    mail::MailAccount a;
    a.office_id = volgograd_office;
    a.smtp_url = servers->smtps_url;
    a.smtp_user = servers->user;
    a.from_address = "intl@volgograd.test";
    a.reply_address = "office@volgograd.test";
    a.password_source = "env:TWINNING_TEST_API_MAIL_PASSWORD";
    a.ca_file = servers->ca_file;
    mail::set_mail_account(*store, a);
  }
  const TestMailServers* servers = nullptr;
};

TEST_P(LetterSendApi, AWriterForTheOfficeSendsEachCopyOnce) {
  auto v = send("volgograd", cologne, "2013-09-06");
  std::string path = "/api/letters/" + std::to_string(v["letter"]["id"].get<LetterId>()) + "/send";
  std::string box = unique_local_part("koeln");
  nlohmann::json body = {{"emails", {{{"position", 0}, {"email", box + "@koeln.test"}}}}};
  EXPECT_EQ(anonymous().send_json("POST", path, body).status, 401);
  EXPECT_EQ(as(Role::kViewer).send_json("POST", path, body).status, 403);
  EXPECT_EQ(as(Role::kCorrespondent).send_json("POST", path, body).status, 403);
  auto bad = as(Role::kCoordinator)
                 .send_json("POST", path, {{"emails", {{{"position", 3}, {"email", "x@y.test"}}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(servers->messages_of(box).empty());

  auto r = as(Role::kCoordinator).send_json("POST", path, body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["sent"], 1);
  EXPECT_EQ(r.json()["deliveries"][0]["state"], "accepted");
  EXPECT_EQ(r.json()["deliveries"][0]["email"], box + "@koeln.test");
  EXPECT_EQ(servers->messages_of(box).size(), 1u);
  EXPECT_EQ(as(Role::kCoordinator).get("/api/letters/" +
                                       std::to_string(v["letter"]["id"].get<LetterId>()))
                .json()["letter"]["status"],
            "sent");

  auto again = as(Role::kCoordinator).send_json("POST", path, nlohmann::json::object());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["sent"], 0);
  EXPECT_EQ(again.json()["already_accepted"], 1);
  EXPECT_EQ(servers->messages_of(box).size(), 1u);
}

TWINNING_ON_EVERY_BACKEND(LetterSendApi);

}  // namespace
}  // namespace twinning::testing
