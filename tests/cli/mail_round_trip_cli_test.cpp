// Issue 15's round trip on the demo, with the real binary and the real test
// mail servers (tests/support/mail_servers.h): `twinning letter send` sends
// Volgograd's 2013 appeal to every twin through the SMTP server, one message
// each with the letter's PDF and its own reply address; then Cologne answers
// its reply address with a scan, Chemnitz's mail server auto-replies,
// Hiroshima's bounces, and a stranger writes to the office; `twinning mail
// fetch` reads them over IMAP and files each as what it is; a second fetch
// files nothing. (Filing a triage message from the web page: web.mail_triage.)
#include <chrono>
#include <cstdlib>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "mail/deliveries.h"
#include "mail/smtp_client.h"
#include "store/campaign_store.h"
#include "store/letter_store.h"
#include "support/delivered_mail.h"
#include "support/letter_fixtures.h"
#include "support/mail_intake_fixture.h"
#include "support/mail_servers.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

constexpr const char* kPasswordVariable = "TWINNING_TEST_ROUND_TRIP_PASSWORD";

// `text` with every occurrence of each key of `swaps` replaced by its value.
std::string with(std::string text, const std::vector<std::pair<std::string, std::string>>& swaps) {
  for (const auto& [from, to] : swaps) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

// `raw` with CRLF line ends, as SMTP carries it.
std::string crlf(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    if (c == '\n' && (out.empty() || out.back() != '\r')) out += '\r';
    out += c;
  }
  return out;
}

class MailRoundTripCli : public ::testing::Test {
 protected:
  RunResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db});
    return run_twinning(args, dir.path().string());
  }

  // The mail register's row of the message whose Message-ID is `id`:
  // {outcome, letter_id or 0}, or {"", 0} when it was not filed.
  std::pair<std::string, LetterId> filed(store::Store& store, const std::string& id) const {
    auto rows = store.db().query(
        "SELECT outcome, letter_id FROM mail_messages WHERE message_key = $1", {id});
    EXPECT_LE(rows.size(), 1u) << id << " filed more than once";
    if (rows.empty()) return {"", 0};
    return {rows[0].text(0), rows[0].is_null(1) ? 0 : rows[0].integer(1)};
  }

  ScratchDir dir;
  std::string db = dir.file("round-trip.db");
};

TEST_F(MailRoundTripCli, TheAppealGoesOutByMailAndItsAnswersComeBackFiled) {
  const TestMailServers* servers = test_mail_servers();
  ASSERT_TRUE(servers);
  setenv(kPasswordVariable, servers->password.c_str(), 1);
  ASSERT_EQ(run({"demo"}).exit_code, 0);
  // The office's reply mailbox is the IMAP user's: office+TOKEN@ lands there.
  const std::string office = servers->user + "@volgograd.test";
  auto account = run({"office", "mail-account", "volgograd", "--smtp-url", servers->smtp_url,
                      "--smtp-user", servers->user, "--from", "intl@volgograd.test",
                      "--reply-address", office, "--imap-url", servers->imap_url,
                      "--password-source", std::string("env:") + kPasswordVariable, "--ca-file",
                      servers->ca_file});
  ASSERT_EQ(account.exit_code, 0) << account.err;
  // What other tests left in the shared mailbox is read now, before ours.
  auto drained = run({"mail", "fetch", "--office", "volgograd"});
  ASSERT_EQ(drained.exit_code, 0) << drained.err;

  // The appeal to every twin, each at an address of its own.
  auto shown = run({"letter", "show", "19-024/125рс", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto letter = shown.json()["letter"];
  const LetterId appeal = letter["id"].get<LetterId>();
  const int n = static_cast<int>(letter["addressees"].size());
  ASSERT_GE(n, 10);
  std::vector<std::string> boxes;
  std::vector<std::string> send = {"letter", "send", "19-024/125рс", "--json"};
  for (int i = 0; i < n; ++i) {
    boxes.push_back(unique_local_part("round-trip"));
    send.push_back("--email");
    send.push_back(std::to_string(i) + "=" + boxes.back() + "@twins.test");
  }
  auto sent = run(send);
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_EQ(sent.json()["sent"], n);

  // Each twin got one message: the letter's PDF, and a reply address of its own.
  auto store = store::Store::open(db);
  std::set<std::string> tokens;
  for (int i = 0; i < n; ++i) {
    auto files = servers->messages_of(boxes[i]);
    ASSERT_EQ(files.size(), 1u) << boxes[i];
    std::string reply_to = mail_header(slurp(files[0]), "Reply-To");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(reply_to, m, std::regex(servers->user + R"(\+([a-z2-7]{26})@volgograd\.test)")))
        << reply_to;
    tokens.insert(m[1]);
    std::string pdf = dir.write("copy-" + std::to_string(i) + ".pdf", pdf_attachment(files[0]));
    std::string text = normalize_text(pdf_text(pdf));
    EXPECT_NE(text.find("19-024/125рс"), std::string::npos) << boxes[i];
    EXPECT_NE(text.find("2014"), std::string::npos) << boxes[i];
  }
  EXPECT_EQ(tokens.size(), static_cast<std::size_t>(n));

  // The answers, each from the address the letter went to.
  auto city_id = [&](const std::string& name) {
    return static_cast<CityId>(
        store->db().query_one("SELECT id FROM cities WHERE name = $1", {name})->integer(0));
  };
  const CityId cologne = city_id("Cologne"), chemnitz = city_id("Chemnitz"),
               hiroshima = city_id("Hiroshima");
  auto delivery_to = [&](CityId city) {
    for (const auto& d : mail::deliveries_of(*store, appeal)) {
      if (d.city_id == city) return d;
    }
    ADD_FAILURE() << "no delivery to city #" << city;
    return mail::Delivery{};
  };
  const mail::Delivery to_cologne = delivery_to(cologne), to_chemnitz = delivery_to(chemnitz),
                       to_hiroshima = delivery_to(hiroshima);
  const std::string run_tag = boxes.front();
  const std::string cologne_id = run_tag + ".k13-0815@stadt-koeln.de",
                    chemnitz_id = run_tag + ".auto@stadt-chemnitz.de",
                    bounce_id = run_tag + ".bounce@mx.volgograd.example",
                    stranger_id = run_tag + ".greetings@example.net";
  auto token_address = [&](const mail::Delivery& d) {
    return servers->user + "+" + d.reply_token + "@volgograd.test";
  };
  {
    mail::SmtpSession smtp({servers->smtp_url, servers->user, servers->password, servers->ca_file});
    auto deliver = [&](const std::string& from, const std::string& to, const std::string& raw) {
      auto o = smtp.send(from, to, crlf(raw));
      ASSERT_EQ(o.kind, mail::SmtpOutcome::Kind::kAccepted) << o.reply;
    };
    deliver(to_cologne.email, token_address(to_cologne),
            with(mail_fixture("cologne-reply.eml"),
                 {{"Oberbuergermeister@Stadt-Koeln.de", to_cologne.email},
                  {"oberbuergermeister@stadt-koeln.de", to_cologne.email},
                  {"office@volgograd.example", token_address(to_cologne)},
                  {"k13-0815.reply@stadt-koeln.de", cologne_id}}));
    deliver(to_chemnitz.email, token_address(to_chemnitz),
            with(mail_fixture("chemnitz-autoreply.eml"),
                 {{"buergermeisteramt@stadt-chemnitz.de", to_chemnitz.email},
                  {"office@volgograd.example", token_address(to_chemnitz)},
                  {"auto-4711@stadt-chemnitz.de", chemnitz_id}}));
    deliver("MAILER-DAEMON@mx.volgograd.example", office,
            with(mail_fixture("hiroshima-bounce.eml"),
                 {{"Peace@City.Hiroshima.example", to_hiroshima.email},
                  {"peace@city.hiroshima.example", to_hiroshima.email},
                  {"office@volgograd.example", office},
                  {"letter-1-hiroshima@volgograd.example", to_hiroshima.message_id},
                  {"bounce-20130906-1@mx.volgograd.example", bounce_id}}));
    deliver("a.friend@example.net", office,
            with(mail_fixture("unknown-sender.eml"),
                 {{"office@volgograd.example", office}, {"greetings-1@example.net", stranger_id}}));
  }

  auto fetched = run({"mail", "fetch", "--office", "volgograd", "--json"});
  ASSERT_EQ(fetched.exit_code, 0) << fetched.err;
  EXPECT_GE(fetched.json()["fetched"].get<int>(), 4) << fetched.out;

  // Cologne's answer: an incoming letter in reply to the appeal, with
  // Cologne's own number and date and the scan; the campaign says replied.
  auto [cologne_outcome, reply] = filed(*store, cologne_id);
  ASSERT_EQ(cologne_outcome, "replied") << fetched.out;
  Letter in = store::LetterStore(*store).require(reply);
  EXPECT_EQ(in.direction, LetterDirection::kIncoming);
  EXPECT_EQ(in.sender.city_id, cologne);
  EXPECT_EQ(in.sender_number, "K-13/0815");
  ASSERT_TRUE(in.sender_date);
  EXPECT_EQ(in.sender_date->to_string(), "2013-10-15");
  ASSERT_EQ(in.links.size(), 1u);
  EXPECT_EQ(in.links[0].kind, LetterLinkKind::kReplyTo);
  EXPECT_EQ(in.links[0].target, appeal);
  ASSERT_EQ(in.attachments.size(), 1u);
  EXPECT_EQ(in.attachments[0].name, "Antwort Koeln.pdf");
  store::CampaignStore campaigns(*store);
  const CampaignId campaign = campaigns.find_by_code("un-year-2014")->id;
  EXPECT_EQ(campaigns.contact(campaign, cologne)->state, ContactState::kReplied);
  EXPECT_EQ(campaigns.contact(campaign, cologne)->reply_letter_id, reply);

  // Chemnitz's auto-reply: received, not replied, and no letter.
  EXPECT_EQ(filed(*store, chemnitz_id).first, "received");
  EXPECT_EQ(campaigns.contact(campaign, chemnitz)->state, ContactState::kReceived);

  // Hiroshima's bounce: that delivery failed, with the server's reason.
  EXPECT_EQ(filed(*store, bounce_id).first, "delivery_failed");
  mail::Delivery bounced = delivery_to(hiroshima);
  EXPECT_EQ(bounced.state, mail::DeliveryState::kFailed);
  EXPECT_NE(bounced.server_reply.find("550 5.1.1 <" + to_hiroshima.email + ">"), std::string::npos)
      << bounced.server_reply;
  EXPECT_EQ(delivery_to(cologne).state, mail::DeliveryState::kAccepted);

  // The stranger waits in triage, and is filed from it.
  EXPECT_EQ(filed(*store, stranger_id).first, "triage");
  auto message = store->db().query_one("SELECT id FROM mail_messages WHERE message_key = $1",
                                       {stranger_id});
  auto from_triage = run({"mail", "triage", "file", std::to_string(message->integer(0)),
                          "--letter", "19-024/125рс", "--json"});
  ASSERT_EQ(from_triage.exit_code, 0) << from_triage.err;
  EXPECT_EQ(filed(*store, stranger_id).first, "filed");

  // A second fetch files none of it again.
  auto again = run({"mail", "fetch", "--office", "volgograd", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const std::string& id : {cologne_id, chemnitz_id, bounce_id, stranger_id}) {
    EXPECT_EQ(store->db()
                  .query_one("SELECT COUNT(*) FROM mail_messages WHERE message_key = $1", {id})
                  ->integer(0),
              1)
        << id;
  }
  EXPECT_EQ(store->db()
                .query_one("SELECT COUNT(*) FROM letter_links WHERE target_id = $1 AND kind = "
                           "'reply_to'",
                           {appeal})
                ->integer(0),
            2);  // Cologne's answer and the stranger's, filed from triage
}

}  // namespace
}  // namespace twinning::testing
