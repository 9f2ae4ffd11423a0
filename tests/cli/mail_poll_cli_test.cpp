// `twinning serve --mail-poll` (server/mail_poller.h, mail/mailbox_poll.h)
// with real processes on PostgreSQL: two servers poll the same reply
// mailbox of the test Dovecot (tests/support/mail_servers.h) on one
// database, and every message is filed exactly once — two answers from each
// twin of Volgograd to the 2013 appeal sent by e-mail (the first moves the
// campaign contact to replied, the second becomes an incoming letter in
// reply) and one message from an unknown sender, which waits in triage.
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "mail/deliveries.h"
#include "mail/smtp_client.h"
#include "support/mail_servers.h"
#include "support/server_process.h"
#include "support/test_database.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

constexpr const char* kPasswordVariable = "TWINNING_TEST_POLL_PASSWORD";

// A message to the reply mailbox, CRLF line ends.
std::string message(const std::string& from, const std::string& to, const std::string& subject,
                    const std::string& message_id, const std::string& body) {
  return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject +
         "\r\nDate: Mon, 02 Dec 2013 10:00:00 +0100\r\nMessage-ID: <" + message_id +
         ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body +
         "\r\n";
}

std::int64_t count(store::Store& store, const std::string& sql, const store::Params& params) {
  return store.db().query_one(sql, params)->integer(0);
}

TEST(MailPollCli, TwoServersPollingOneMailboxOnPostgresFileEveryMessageOnce) {
  if (!backend_available(Backend::kPostgres)) return;
  const TestMailServers* servers = test_mail_servers();
  ASSERT_TRUE(servers);
  ScratchDir dir;
  ScratchDatabase database(Backend::kPostgres, dir);
  const std::string& db = database.location();
  setenv(kPasswordVariable, servers->password.c_str(), 1);
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return run_twinning(args, dir.path().string());
  };
  ASSERT_EQ(run({"demo"}).exit_code, 0);
  auto account = run({"office", "mail-account", "volgograd", "--smtp-url", servers->smtp_url,
                      "--smtp-user", servers->user, "--from", "intl@volgograd.test",
                      "--reply-address", servers->user + "@volgograd.test", "--imap-url",
                      servers->imap_url, "--password-source",
                      std::string("env:") + kPasswordVariable, "--ca-file", servers->ca_file});
  ASSERT_EQ(account.exit_code, 0) << account.err;

  // The appeal goes by e-mail to every twin: one reply token each.
  auto shown = run({"letter", "show", "19-024/125рс", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto letter = shown.json().contains("letter") ? shown.json()["letter"] : shown.json();
  LetterId appeal = letter["id"].get<LetterId>();
  int n = static_cast<int>(letter["addressees"].size());
  ASSERT_GE(n, 10);
  std::vector<std::string> send = {"letter", "send", "19-024/125рс"};
  for (int i = 0; i < n; ++i) {
    send.push_back("--email");
    send.push_back(std::to_string(i) + "=" + unique_local_part("polled") + "@twins.test");
  }
  auto sent = run(send);
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  auto store = store::Store::open(db);
  auto deliveries = mail::deliveries_of(*store, appeal);
  ASSERT_EQ(deliveries.size(), static_cast<std::size_t>(n));

  // Two servers poll the mailbox every second from now on.
  ServerProcess first(db, dir.file("first.log"), {"--mail-poll", "1"});
  ServerProcess second(db, dir.file("second.log"), {"--mail-poll", "1"});

  // Each twin answers twice to its own reply address; a stranger writes
  // to the office. The tag keeps this run's messages apart from the other
  // messages of the shared test mailbox.
  std::string tag = unique_local_part("poll") + "-" +
                    std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  std::map<std::string, CityId> city_of;  // Message-ID -> the answering city
  {
    mail::SmtpSession smtp({servers->smtp_url, servers->user, servers->password, servers->ca_file});
    for (int round = 0; round < 2; ++round) {
      for (const auto& d : deliveries) {
        ASSERT_TRUE(d.city_id);
        std::string id = tag + "-" + std::to_string(d.position) + "-" + std::to_string(round) +
                         "@twins.test";
        std::string to = servers->user + "+" + d.reply_token + "@volgograd.test";
        auto o = smtp.send(d.email, to,
                           message(d.email, to, "Re: 19-024/125рс [" + id + "]", id,
                                   "Our answer No " + std::to_string(round + 1) + "."));
        ASSERT_EQ(o.kind, mail::SmtpOutcome::Kind::kAccepted) << o.reply;
        city_of[id] = *d.city_id;
      }
    }
    std::string stranger = tag + "-stranger@nowhere.test";
    std::string to = servers->user + "@volgograd.test";
    auto o = smtp.send(stranger, to,
                       message("stranger@nowhere.test", to, "Greetings", stranger, "Hello."));
    ASSERT_EQ(o.kind, mail::SmtpOutcome::Kind::kAccepted) << o.reply;
  }
  const std::int64_t expected = 2 * n + 1;

  // Wait (at most 90 s) until the servers have filed all of them.
  std::string mine = tag + "-%";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (count(*store, "SELECT COUNT(*) FROM mail_messages WHERE message_key LIKE $1", {mine}) <
             expected &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Both stop cleanly when asked, each with a poll in progress or waiting.
  first.terminate();
  second.terminate();
  EXPECT_EQ(first.wait(), 0) << first.stderr_text();
  EXPECT_EQ(second.wait(), 0) << second.stderr_text();
  std::string logs = "first:\n" + first.stderr_text() + "\nsecond:\n" + second.stderr_text();

  // Every message once: each reply one incoming letter of its own (the
  // first of each twin its campaign reply), the stranger in triage.
  auto rows = store->db().query(
      "SELECT message_key, outcome, letter_id FROM mail_messages WHERE message_key LIKE $1",
      {mine});
  ASSERT_EQ(static_cast<std::int64_t>(rows.size()), expected) << logs;
  std::set<std::int64_t> letters;
  std::map<CityId, int> replied, filed;
  int triage = 0;
  for (const auto& r : rows) {
    std::string key = r.text(0), outcome = r.text(1);
    if (key == tag + "-stranger@nowhere.test") {
      EXPECT_EQ(outcome, "triage");
      ++triage;
      continue;
    }
    ASSERT_TRUE(city_of.count(key)) << key;
    ASSERT_FALSE(r.is_null(2)) << key << " " << outcome;
    EXPECT_TRUE(letters.insert(r.integer(2)).second) << key << ": a letter filed twice";
    if (outcome == "replied") ++replied[city_of[key]];
    else if (outcome == "filed") ++filed[city_of[key]];
    else ADD_FAILURE() << key << ": " << outcome;
  }
  EXPECT_EQ(triage, 1);
  EXPECT_EQ(static_cast<int>(letters.size()), 2 * n);
  for (const auto& d : deliveries) {
    EXPECT_EQ(replied[*d.city_id], 1) << "city #" << *d.city_id;
    EXPECT_EQ(filed[*d.city_id], 1) << "city #" << *d.city_id;
  }
  // No answer was registered twice (an incoming letter per message, no more).
  EXPECT_EQ(count(*store,
                  "SELECT COUNT(*) FROM letters WHERE direction = 'incoming' AND subject LIKE $1",
                  {"%[" + mine + "]"}),
            2 * n);
  // The triage lists the stranger once.
  auto list = run({"mail", "triage", "--json", "--limit", "1000"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  int listed = 0;
  for (const auto& m : list.json()) listed += m["message_id"] == tag + "-stranger@nowhere.test";
  EXPECT_EQ(listed, 1);
  // The system did it, and the audit log says so.
  EXPECT_GE(count(*store, "SELECT COUNT(*) FROM audit_log WHERE actor = 'system:mail-poller'", {}),
            2 * n);
}

}  // namespace
}  // namespace twinning::testing
