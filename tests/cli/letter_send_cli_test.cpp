// `twinning letter send` through the real test mail servers
// (tests/support/mail_servers.h): the 2013 appeal of the demo to Volgograd's
// twins, and a 200-addressee circular killed in the middle and sent again.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "mail/deliveries.h"
#include "support/delivered_mail.h"
#include "support/letter_fixtures.h"
#include "support/mail_servers.h"
#include "support/test_support.h"

extern char** environ;

namespace twinning::testing {
namespace {

constexpr const char* kPasswordVariable = "TWINNING_TEST_SEND_PASSWORD";

class LetterSendCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    servers = test_mail_servers();
    ASSERT_TRUE(servers);
    setenv(kPasswordVariable, servers->password.c_str(), 1);
    ASSERT_EQ(run({"demo"}).exit_code, 0);
    auto account = run({"office", "mail-account", "volgograd", "--smtp-url", servers->smtp_url,
                        "--smtp-user", servers->user, "--from", "intl@volgograd.test",
                        "--reply-address", "office@volgograd.test", "--imap-url",
                        servers->imap_url, "--password-source",
                        std::string("env:") + kPasswordVariable, "--ca-file", servers->ca_file,
                        "--json"});
    ASSERT_EQ(account.exit_code, 0) << account.err;
    EXPECT_EQ(account.out.find(servers->password), std::string::npos);
  }

  RunResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db});
    return run_twinning(args, dir.path().string());
  }

  ScratchDir dir;
  std::string db = dir.file("t.db");
  const TestMailServers* servers = nullptr;
};

TEST_F(LetterSendCliTest, TheAppealReachesEachTwinWithAnEmailOnceWithItsPdfAndOwnReplyAddress) {
  auto shown = run({"letter", "show", "19-024/125рс", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto letter = shown.json().contains("letter") ? shown.json()["letter"] : shown.json();
  int n = static_cast<int>(letter["addressees"].size());
  ASSERT_GE(n, 4);
  // Half of the twins have an e-mail in the registry, the others get one
  // on the command line, except the last, which has none; the second one's
  // server refuses it.
  std::vector<std::string> boxes;
  std::vector<std::string> args = {"letter", "send", "19-024/125рс", "--json"};
  {
    auto store = store::Store::open(db);
    for (int i = 0; i + 1 < n; ++i) {
      boxes.push_back(unique_local_part("twin"));
      std::string email = boxes.back() + "@twins.test";
      if (i % 2 == 0 && !letter["addressees"][i]["city_id"].is_null()) {
        store->db().execute("UPDATE cities SET email = $1 WHERE id = $2",
                            {email, letter["addressees"][i]["city_id"].get<std::int64_t>()});
      } else {
        args.push_back("--email");
        args.push_back(std::to_string(i) + "=" + email);
      }
    }
  }
  servers->reject(boxes[1] + "@twins.test");

  auto sent = run(args);
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  auto report = sent.json();
  EXPECT_EQ(report["sent"], n - 2);
  EXPECT_EQ(report["failed"], 1);
  EXPECT_EQ(report["without_email"], nlohmann::json::array({n - 1}));
  ASSERT_EQ(report["deliveries"].size(), static_cast<std::size_t>(n - 1));
  auto refused = report["deliveries"][1];
  EXPECT_EQ(refused["state"], "failed");
  EXPECT_NE(refused["server_reply"].get<std::string>().find("550 5.1.1"), std::string::npos)
      << refused;
  EXPECT_NE(sent.err.find("[" + std::to_string(n - 1) + "/" + std::to_string(n - 1) + "]"),
            std::string::npos)
      << "progress: " << sent.err;

  auto store = store::Store::open(db);
  std::set<std::string> tokens;
  for (int i = 0; i + 1 < n; ++i) {
    auto files = servers->messages_of(boxes[i]);
    if (i == 1) {
      EXPECT_TRUE(files.empty());
      continue;
    }
    ASSERT_EQ(files.size(), 1u) << boxes[i];
    std::string message = slurp(files[0]);
    std::smatch m;
    std::string reply_to = mail_header(message, "Reply-To");
    ASSERT_TRUE(std::regex_search(reply_to, m, std::regex(R"(office\+([a-z2-7]{26})@volgograd\.test)")))
        << reply_to;
    tokens.insert(m[1]);
    auto delivery = mail::find_delivery_by_reply_token(*store, m[1].str());
    ASSERT_TRUE(delivery);
    EXPECT_EQ(delivery->email, boxes[i] + "@twins.test");
    EXPECT_EQ(delivery->state, mail::DeliveryState::kAccepted);
    auto by_id = mail::find_delivery_by_message_id(*store, mail_header(message, "Message-Id"));
    ASSERT_TRUE(by_id);
    EXPECT_EQ(by_id->id, delivery->id);
    std::string pdf = pdf_attachment(files[0]);
    ASSERT_EQ(pdf.rfind("%PDF", 0), 0u);
    std::string pdf_path = dir.write("copy.pdf", pdf);
    std::string text = normalize_text(pdf_text(pdf_path));
    EXPECT_NE(text.find("19-024/125рс"), std::string::npos);
    EXPECT_NE(text.find("2014"), std::string::npos);
  }
  EXPECT_EQ(tokens.size(), static_cast<std::size_t>(n - 2));

  // The letter was only registered: now it is sent.
  EXPECT_EQ(run({"letter", "show", "19-024/125рс", "--json"}).json().dump().find("\"registered\""),
            std::string::npos);

  // A second send sends nothing.
  auto again = run({"letter", "send", "19-024/125рс", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.json()["sent"], 0);
  EXPECT_EQ(again.json()["already_accepted"], n - 2);
  for (int i = 0; i + 1 < n; ++i) EXPECT_EQ(servers->messages_of(boxes[i]).size(), i == 1 ? 0u : 1u);
}

TEST_F(LetterSendCliTest, NoAccountNoPasswordOrABadAddressIsRefusedClearly) {
  auto bad = run({"letter", "send", "19-024/125рс", "--email", "0=not-an-address"});
  expect_bad_input(bad, "--email");
  auto coventry = run({"letter", "send", "CCC/2013/1"});
  EXPECT_NE(coventry.exit_code, 0);
  EXPECT_NE(coventry.err.find("has no mail account"), std::string::npos) << coventry.err;
  auto in_url = run({"office", "mail-account", "volgograd", "--smtp-url",
                     "smtp://office:secret@127.0.0.1:25", "--from", "a@b.test",
                     "--reply-address", "c@b.test"});
  expect_bad_input(in_url, "--smtp-url");
  unsetenv(kPasswordVariable);
  auto no_password = run({"letter", "send", "19-024/125рс", "--email", "0=x@twins.test"});
  EXPECT_NE(no_password.exit_code, 0);
  EXPECT_NE(no_password.err.find(kPasswordVariable), std::string::npos) << no_password.err;
}

// Starts `twinning args...` with stderr into `err_path`; returns its pid.
pid_t spawn_twinning(const std::vector<std::string>& args, const std::string& err_path) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> all = {TWINNING_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  posix_spawn(&pid, TWINNING_BINARY, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

TEST_F(LetterSendCliTest, ACircularKilledBetweenAddresseesAndSentAgainReachesEachOneExactlyOnce) {
  constexpr int kAddressees = 200;
  std::vector<std::string> draft = {"letter", "new", "--office", "volgograd", "--subject",
                                    "Circular", "--body", "To every twin.", "--register",
                                    "--json"};
  for (int i = 0; i < kAddressees; ++i) {
    draft.push_back("--to-title");
    draft.push_back("Twin " + std::to_string(i));
  }
  auto made = run(draft);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string id = "#" + std::to_string(made.json()["letter"]["id"].get<std::int64_t>());
  std::vector<std::string> boxes;
  std::vector<std::string> send = {"--db", db, "letter", "send", id, "--rate", "5"};
  for (int i = 0; i < kAddressees; ++i) {
    boxes.push_back(unique_local_part("circ"));
    send.push_back("--email");
    send.push_back(std::to_string(i) + "=" + boxes.back() + "@twins.test");
  }
  // Killed (SIGKILL) right after its 20th outcome was recorded: between two
  // addressees, while it waits for its rate (a transaction every 200 ms, so
  // the kill lands in the wait even on a loaded machine).
  std::string err = dir.file("send.err");
  pid_t pid = spawn_twinning(send, err);
  ASSERT_GT(pid, 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (slurp(err).find("[20/200]") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << slurp(err);
  int before = 0;
  for (const auto& b : boxes) before += static_cast<int>(servers->messages_of(b).size());
  EXPECT_GE(before, 20);
  EXPECT_LT(before, kAddressees);

  auto again = run({"letter", "send", id, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.json()["in_doubt"], 0);
  EXPECT_EQ(again.json()["already_accepted"], before);
  EXPECT_EQ(again.json()["sent"], kAddressees - before);
  for (const auto& b : boxes) EXPECT_EQ(servers->messages_of(b).size(), 1u) << b;
}

TEST_F(LetterSendCliTest, ADeliveryLeftInDoubtIsNotSentAgainUnlessAsked) {
  std::string box = unique_local_part("doubt");
  auto first = run({"letter", "send", "19-024/125рс", "--email", "0=" + box + "@twins.test",
                    "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(servers->messages_of(box).size(), 1u);
  // As a crash inside the SMTP transaction leaves it.
  store::Store::open(db)->db().execute("UPDATE mail_deliveries SET state = 'sending'");
  auto again = run({"letter", "send", "19-024/125рс", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.json()["in_doubt"], 1);
  EXPECT_EQ(again.json()["sent"], 0);
  EXPECT_EQ(servers->messages_of(box).size(), 1u);
  auto resent = run({"letter", "send", "19-024/125рс", "--resend-in-doubt", "--json"});
  ASSERT_EQ(resent.exit_code, 0) << resent.err;
  EXPECT_EQ(resent.json()["sent"], 1);
  auto files = servers->messages_of(box);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(mail_header(slurp(files[0]), "Message-Id"), mail_header(slurp(files[1]), "Message-Id"));
}

}  // namespace
}  // namespace twinning::testing
