// Reading incoming e-mail (mail/message_parser.h): the fixtures of
// tests/data/mail/ and hostile input.
#include "mail/message_parser.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "model/text.h"
#include "store/encoding.h"
#include "support/mail_intake_fixture.h"

namespace twinning::mail {
namespace {

using testing::mail_fixture;

TEST(MessageParserTest, ReadsAReplyWithItsScan) {
  ParsedMessage m = parse_message(mail_fixture("cologne-reply.eml"));
  EXPECT_EQ(m.from, "oberbuergermeister@stadt-koeln.de");
  EXPECT_EQ(m.from_name, "Stadt Köln - Der Oberbürgermeister");
  EXPECT_EQ(m.subject, "Re: Ihr Schreiben Nr. 19-024/125рс vom 06.09.2013");
  EXPECT_EQ(m.date, "2013-10-16");
  EXPECT_EQ(m.message_id, "k13-0815.reply@stadt-koeln.de");
  EXPECT_NE(std::find(m.recipients.begin(), m.recipients.end(), "office@volgograd.example"),
            m.recipients.end());
  EXPECT_NE(m.text.find("haben unser Außenministerium gebeten, die Resolution"), std::string::npos)
      << m.text;
  EXPECT_FALSE(m.auto_reply);
  EXPECT_FALSE(m.report);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].name, "Antwort Koeln.pdf");  // not ../../etc/
  EXPECT_EQ(m.attachments[0].media_type, "application/pdf");
  EXPECT_EQ(m.attachments[0].bytes.rfind("%PDF-1.4", 0), 0u);
  EXPECT_EQ(m.attachments[0].sha256, store::sha256_hex(m.attachments[0].bytes));
}

TEST(MessageParserTest, ReadsTheFailedRecipientOfADeliveryReport) {
  ParsedMessage m = parse_message(mail_fixture("hiroshima-bounce.eml"));
  ASSERT_TRUE(m.report);
  ASSERT_EQ(m.report->failed.size(), 1u);
  EXPECT_EQ(m.report->failed[0].address, "peace@city.hiroshima.example");
  EXPECT_EQ(m.report->failed[0].status, "5.1.1");
  EXPECT_EQ(m.report->failed[0].diagnostic,
            "smtp; 550 5.1.1 <peace@city.hiroshima.example>: Recipient address rejected: User "
            "unknown");
  EXPECT_EQ(m.report->original_message_id, "letter-1-hiroshima@volgograd.example");
  EXPECT_EQ(m.report->original_recipients,
            std::vector<std::string>{"peace@city.hiroshima.example"});
  EXPECT_TRUE(m.attachments.empty());
}

TEST(MessageParserTest, TellsAnAutoReplyByItsHeaders) {
  EXPECT_TRUE(parse_message(mail_fixture("chemnitz-autoreply.eml")).auto_reply);
  auto with = [](const std::string& header) {
    return parse_message(header + "\nFrom: a@b.example\nSubject: x\n\nbody\n").auto_reply;
  };
  EXPECT_TRUE(with("Auto-Submitted: auto-generated"));
  EXPECT_TRUE(with("X-Autoreply: yes"));
  EXPECT_TRUE(with("X-Autorespond: Out of office"));
  EXPECT_TRUE(with("Precedence: auto_reply"));
  EXPECT_FALSE(with("Auto-Submitted: no"));
  EXPECT_FALSE(with("X-Mailer: Thunderbird"));
}

TEST(MessageParserTest, AnHtmlBodyIsReducedToItsTextNeverKept) {
  ParsedMessage m = parse_message(mail_fixture("unknown-sender.eml"));
  EXPECT_EQ(m.text, "We support the appeal & the year 2014.\n\nOur ref. R-2013/77 of 2013-09-30");
  EXPECT_EQ(html_to_text("<p>a<!-- <script>b</script> -->c</p><SCRIPT>evil()</SCRIPT>&lt;d&gt;"
                         "&#1052;&#x438;&#x0;&bogus;"),
            "ac\n<d>Ми&#x0;&bogus;");  // no NUL made
  EXPECT_EQ(html_to_text("<unterminated"), "");
  EXPECT_EQ(html_to_text("x<br>y<style>p{}"), "x\ny");
}

TEST(MessageParserTest, AnAttachmentNameBecomesAPlainFileName) {
  EXPECT_EQ(safe_attachment_name("C:\\Users\\x\\scan.pdf", "a-1"), "scan.pdf");
  EXPECT_EQ(safe_attachment_name("../../etc/passwd", "a-1"), "passwd");
  EXPECT_EQ(safe_attachment_name("..", "a-1"), "a-1");
  EXPECT_EQ(safe_attachment_name("", "a-1"), "a-1");
  EXPECT_EQ(safe_attachment_name(".hidden", "a-1"), "_.hidden");
  EXPECT_EQ(safe_attachment_name(std::string("a\0b\x01.pdf", 8), "a-1"), "a\uFFFDb.pdf");
  std::string long_name = std::string(300, 'z') + ".pdf";
  std::string s = safe_attachment_name(long_name, "a-1");
  EXPECT_EQ(s.size(), 255u);
  EXPECT_EQ(s.substr(s.size() - 4), ".pdf");
  EXPECT_TRUE(is_valid_utf8(safe_attachment_name(std::string(200, 'a') + "\xD0\x96\xD0\x96" +
                                                     std::string(60, 'b'),
                                                 "a-1")));
}

TEST(MessageParserTest, RepeatedAttachmentNamesAreMadeUnique) {
  std::string raw =
      "From: a@b.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
      "--B\nContent-Type: text/plain\n\nhello\n"
      "--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=scan.pdf\n\n1\n"
      "--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=scan.pdf\n\n2\n"
      "--B\nContent-Type: image/png\n\n3\n--B--\n";
  ParsedMessage m = parse_message(raw);
  ASSERT_EQ(m.attachments.size(), 3u);
  EXPECT_EQ(m.attachments[0].name, "scan.pdf");
  EXPECT_EQ(m.attachments[1].name, "scan-2.pdf");
  EXPECT_EQ(m.attachments[2].name, "attachment-3");
  EXPECT_EQ(m.text, "hello");
}

TEST(MessageParserTest, HostileInputNeverCrashesAndGivesValidText) {
  std::string nested = "From: a@b.example\nContent-Type: multipart/mixed; boundary=B0\n\n";
  for (int i = 0; i < 200; ++i) {
    nested += "--B" + std::to_string(i) + "\nContent-Type: multipart/mixed; boundary=B" +
              std::to_string(i + 1) + "\n\n";
  }
  for (const std::string& raw :
       {std::string("\0\0\0\xff\xfe", 5), std::string("From: \xff\xfe <x@\x01>\nSubject: \xc3\n\n\0"),
        nested, std::string("Content-Type: multipart/report; report-type=delivery-status; "
                            "boundary=R\n\n--R\nContent-Type: message/delivery-status\n\n"
                            "\n\nFinal-Recipient: ;\nAction: failed\n--R--\n")}) {
    ParsedMessage m = parse_message(raw);
    EXPECT_TRUE(is_valid_utf8(m.subject));
    EXPECT_TRUE(is_valid_utf8(m.text));
    EXPECT_TRUE(is_valid_utf8(m.from_name));
    EXPECT_EQ(m.text.find('\0'), std::string::npos);
  }
  try {
    parse_message("");
    ADD_FAILURE() << "an empty message parsed";
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "message");
  }
  EXPECT_THROW(parse_message(std::string(kMaxMessageBytes + 1, 'a')), Error);
}

}  // namespace
}  // namespace twinning::mail
