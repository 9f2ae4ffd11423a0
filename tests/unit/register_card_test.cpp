// The PDF of an incoming letter (letters/register_card.h, issue 13): a
// register card that shows the sender's own number and date and is never
// typeset as our letter, or the attached scan.
#include "letters/register_card.h"

#include <gtest/gtest.h>

#include <fstream>

#include "letters/correspondence.h"
#include "letters/pdf_renderer.h"
#include "support/letter_fixtures.h"

namespace twinning::letters {
namespace {

class RegisterCardTest : public testing::LetterRegisterTest {
 protected:
  LetterId appeal =
      register_outgoing(*store, library, to(s.coventry), on("2013-09-06", "19-024/125рс")).id;

  IncomingRequest from_coventry() {
    IncomingRequest in;
    in.office = s.office;
    in.sender.city_id = s.coventry;
    in.sender.letterhead = "Lord Mayor of Coventry";
    in.subject = "Year of the International Twin Cities Movement";
    in.body = "Coventry supports the resolution.";
    in.links = {LetterLink{LetterLinkKind::kReplyTo, appeal, "", {}}};
    return in;
  }
  // pdftotext of the PDF letter_pdf() gives for letter `id`.
  std::string printed(LetterId id) {
    std::string path = dir.file("letter-" + std::to_string(id) + ".pdf");
    std::ofstream(path, std::ios::binary) << letter_pdf(*store, library, id);
    return testing::normalize_text(testing::pdf_text(path));
  }
};

TEST_F(RegisterCardTest, AnIncomingLettersPdfIsItsRegisterCardWithTheSendersNumberAndDate) {
  IncomingRequest in = from_coventry();
  in.sender_number = "K-13/0815";
  in.sender_date = parse_partial_date("2013-10-15");
  Registration reg = register_incoming(*store, in, on("2013-10-20"));
  std::string text = printed(reg.id);
  EXPECT_NE(text.find("REGISTER CARD OF AN INCOMING LETTER"), std::string::npos) << text;
  EXPECT_NE(text.find("Sender's number: K-13/0815"), std::string::npos) << text;
  EXPECT_NE(text.find("Sender's date: 2013-10-15"), std::string::npos) << text;
  EXPECT_NE(text.find("Our registration: No " + reg.number + " of 2013-10-20"), std::string::npos)
      << text;
  EXPECT_NE(text.find("In reply to No 19-024/125рс of 2013-09-06"), std::string::npos) << text;
  EXPECT_NE(text.find("Coventry supports the resolution."), std::string::npos) << text;
  // Not our letter: none of our letterhead's references.
  EXPECT_EQ(text.find("Our ref."), std::string::npos) << text;
  EXPECT_EQ(text.find("ГЛАВА ВОЛГОГРАДА"), std::string::npos) << text;
}

TEST_F(RegisterCardTest, TheSendersDateAndNumberAreEachKeptOnTheirOwn) {
  IncomingRequest date_only = from_coventry();
  date_only.sender_date = parse_partial_date("2013-10-15");
  Registration a = register_incoming(*store, date_only, on("2013-10-20"));
  EXPECT_EQ(get(a.id).sender_date, parse_partial_date("2013-10-15"));
  std::string text = printed(a.id);
  EXPECT_NE(text.find("Sender's number: not given Sender's date: 2013-10-15"), std::string::npos)
      << text;
  IncomingRequest number_only = from_coventry();
  number_only.links.clear();
  number_only.sender_number = "K-13/0816";
  Registration b = register_incoming(*store, number_only, on("2013-10-20"));
  EXPECT_NE(printed(b.id).find("Sender's number: K-13/0816 Sender's date: not given"),
            std::string::npos);
  // A sender's date after the letter arrived is refused, naming the field.
  IncomingRequest later = from_coventry();
  later.sender_date = parse_partial_date("2013-10-21");
  std::string message, field;
  EXPECT_EQ(testing::code_of([&] { register_incoming(*store, later, on("2013-10-20")); }, &message,
                             &field),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "sender_date");
  EXPECT_NE(message.find("after the date of receipt 2013-10-20"), std::string::npos) << message;
}

TEST_F(RegisterCardTest, AnAttachedScanIsTheDocument) {
  LetterDocument scan_doc;
  scan_doc.lang = "en";
  scan_doc.body = {"Scanned letter of the Lord Mayor"};
  std::string scan = render_letter_pdf(scan_doc);
  IncomingRequest in = from_coventry();
  in.attachments = {AttachmentInput{"note.txt", "", "not the scan"},
                    AttachmentInput{"scan.pdf", "", scan}};
  Registration reg = register_incoming(*store, in, on("2013-10-20"));
  EXPECT_EQ(letter_pdf(*store, library, reg.id), scan);
  ASSERT_TRUE(letter_scan(get(reg.id)));
  EXPECT_EQ(letter_scan(get(reg.id))->name, "scan.pdf");
  // Outgoing letters are printed, whatever they carry.
  EXPECT_FALSE(letter_scan(get(appeal)));
}

}  // namespace
}  // namespace twinning::letters
