// The test mail servers themselves (tests/support/mail_servers.h): what the
// mail tests rely on — the SMTP server takes a message over STARTTLS with
// AUTH, delivers it into the recipient's Maildir (sub-address dropped),
// refuses a listed recipient with a 5xx, and Dovecot serves the office's
// Maildir over IMAP with TLS. Plain libcurl as the client.
#include <curl/curl.h>

#include <string>

#include <gtest/gtest.h>

#include "support/mail_servers.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

struct Upload {
  std::string data;
  std::size_t at = 0;
};

std::size_t read_upload(char* buf, std::size_t size, std::size_t n, void* userp) {
  auto* u = static_cast<Upload*>(userp);
  std::size_t len = std::min(size * n, u->data.size() - u->at);
  u->data.copy(buf, len, u->at);
  u->at += len;
  return len;
}

std::size_t collect(char* buf, std::size_t size, std::size_t n, void* userp) {
  static_cast<std::string*>(userp)->append(buf, size * n);
  return size * n;
}

// Sends `message` from office@ to `rcpts` with STARTTLS and AUTH; returns
// curl's code and fills `error`.
CURLcode smtp_send(const TestMailServers& s, const std::vector<std::string>& rcpts,
                   const std::string& message, std::string* error) {
  CURL* c = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& r : rcpts) list = curl_slist_append(list, ("<" + r + ">").c_str());
  Upload up{message};
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, s.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_CAINFO, s.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, s.user.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, "<office@twinning.test>");
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, list);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
  CURLcode rc = curl_easy_perform(c);
  if (error) *error = err;
  curl_slist_free_all(list);
  curl_easy_cleanup(c);
  return rc;
}

TEST(TestMailServersTest, SmtpDeliversIntoTheRecipientsMaildirDroppingTheSubAddress) {
  const auto* s = test_mail_servers();
  ASSERT_TRUE(s);
  std::string box = unique_local_part("twin");
  std::string message =
      "From: office@twinning.test\r\nTo: " + box + "@example.org\r\nSubject: hello\r\n"
      "Message-ID: <" + box + "@twinning.test>\r\n\r\nBody line.\r\n";
  std::string error;
  ASSERT_EQ(smtp_send(*s, {box + "+a1b2@example.org"}, message, &error), CURLE_OK) << error;
  auto files = s->messages_of(box);
  ASSERT_EQ(files.size(), 1u);
  std::string delivered = slurp(files[0]);
  EXPECT_NE(delivered.find("Delivered-To: " + box + "+a1b2@example.org"), std::string::npos);
  EXPECT_NE(delivered.find("Body line."), std::string::npos);
}

TEST(TestMailServersTest, SmtpRefusesAListedRecipientWith550) {
  const auto* s = test_mail_servers();
  ASSERT_TRUE(s);
  std::string box = unique_local_part("refused");
  s->reject(box + "@example.org");
  std::string error;
  EXPECT_EQ(smtp_send(*s, {box + "@example.org"}, "Subject: x\r\n\r\nx\r\n", &error),
            CURLE_SEND_ERROR);
  EXPECT_NE(error.find("550"), std::string::npos) << error;
  EXPECT_TRUE(s->messages_of(box).empty());
}

TEST(TestMailServersTest, DovecotServesTheUsersMaildirOverTls) {
  const auto* s = test_mail_servers();
  ASSERT_TRUE(s);
  std::string tag = unique_local_part("imap");
  std::string message = "From: someone@example.org\r\nTo: " + s->user +
                        "@twinning.test\r\nSubject: " + tag + "\r\n\r\nHello office.\r\n";
  std::string error;
  ASSERT_EQ(smtp_send(*s, {s->user + "+" + tag + "@twinning.test"}, message, &error), CURLE_OK)
      << error;
  CURL* c = curl_easy_init();
  std::string answer;
  std::string search = "SEARCH SUBJECT \"" + tag + "\"";
  curl_easy_setopt(c, CURLOPT_URL, s->imap_url.c_str());
  curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, s->user.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, s->password.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, search.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  CURLcode rc = curl_easy_perform(c);
  curl_easy_cleanup(c);
  ASSERT_EQ(rc, CURLE_OK);
  // One message matches: "* SEARCH <n>".
  EXPECT_EQ(answer.rfind("* SEARCH ", 0), 0u) << answer;
  EXPECT_GT(answer.size(), std::string("* SEARCH \r\n").size()) << answer;
}

}  // namespace
}  // namespace twinning::testing
