#include "mail/mail_account.h"

#include <sys/stat.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"

namespace twinning::mail {
namespace {

using twinning::testing::code_of;

class MailAccountTest : public twinning::testing::LetterRegisterTest {
 protected:
  MailAccount account() const {
    MailAccount a;
    a.office_id = s.office;
    a.smtp_url = "smtp://mail.volgograd.test:587";
    a.smtp_user = "intl";
    a.from_address = "intl@volgograd.test";
    a.reply_address = "office@volgograd.test";
    a.imap_url = "imaps://mail.volgograd.test/INBOX";
    a.password_source = "env:TWINNING_TEST_ACCOUNT_PASSWORD";
    return a;
  }
};

TEST_F(MailAccountTest, IsStoredPerOfficeWithoutItsPassword) {
  set_mail_account(*store, account());
  auto a = find_mail_account(*store, s.office);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->smtp_url, "smtp://mail.volgograd.test:587");
  EXPECT_EQ(a->password_source, "env:TWINNING_TEST_ACCOUNT_PASSWORD");
  setenv("TWINNING_TEST_ACCOUNT_PASSWORD", "s3cret-value", 1);
  EXPECT_EQ(mail_password(*a), "s3cret-value");
  unsetenv("TWINNING_TEST_ACCOUNT_PASSWORD");
  std::string message;
  EXPECT_EQ(code_of([&] { mail_password(*a); }, &message), ErrorCode::kUnavailable);
  EXPECT_NE(message.find("TWINNING_TEST_ACCOUNT_PASSWORD"), std::string::npos);
}

TEST_F(MailAccountTest, APasswordFileMustBeTheOwnersAlone) {
  MailAccount a = account();
  std::string path = dir.write("password", "file-secret\n");
  a.password_source = "file:" + path;
  chmod(path.c_str(), 0644);
  std::string message;
  EXPECT_EQ(code_of([&] { mail_password(a); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("chmod 600"), std::string::npos);
  EXPECT_EQ(message.find("file-secret"), std::string::npos);
  chmod(path.c_str(), 0600);
  EXPECT_EQ(mail_password(a), "file-secret");
}

TEST_F(MailAccountTest, BadSettingsAreRefusedNamingTheField) {
  std::string field;
  auto refused = [&](auto change) {
    MailAccount a = account();
    change(a);
    return code_of([&] { set_mail_account(*store, a); }, nullptr, &field);
  };
  EXPECT_EQ(refused([](MailAccount& a) { a.smtp_url = "http://x"; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "smtp_url");
  EXPECT_EQ(refused([](MailAccount& a) { a.smtp_url = "smtps://intl:pw@mail.test"; }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "smtp_url");
  EXPECT_EQ(refused([](MailAccount& a) { a.imap_url = "pop3://x"; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "imap_url");
  EXPECT_EQ(refused([](MailAccount& a) { a.from_address = "intl at volgograd"; }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "from_address");
  EXPECT_EQ(refused([](MailAccount& a) { a.password_source = "hunter2"; }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "password_source");
  EXPECT_EQ(refused([](MailAccount& a) { a.rate = -1; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "rate");
  EXPECT_FALSE(find_mail_account(*store, s.office));
}

}  // namespace
}  // namespace twinning::mail
