// The sender's own number and date, and cited numbers (mail/sender_reference.h).
#include "mail/sender_reference.h"

#include <gtest/gtest.h>

namespace twinning::mail {
namespace {

std::string said(std::string_view subject, std::string_view body) {
  SenderReference r = find_sender_reference(subject, body);
  return r.number + "|" + (r.date ? r.date->to_string() : "");
}

TEST(SenderReferenceTest, FindsTheLabelledNumberAndItsDate) {
  EXPECT_EQ(said("", "Unser Zeichen: K-13/0815 vom 15.10.2013"), "K-13/0815|2013-10-15");
  EXPECT_EQ(said("", "Our ref. R-2013/77 of 2013-09-30"), "R-2013/77|2013-09-30");
  EXPECT_EQ(said("", "OUR REFERENCE: 12/34, dated 1/2/2014."), "12/34|2014-02-01");
  EXPECT_EQ(said("", "Notre réf. : 2013-118 du 03.10.2013"), "2013-118|2013-10-03");
  EXPECT_EQ(said("", "Наш исх. № 01-12/345 от 02.10.2013"), "01-12/345|2013-10-02");
  EXPECT_EQ(said("Our ref. S-1", "Our ref. B-2"), "S-1|");  // the subject first
  EXPECT_EQ(said("", "our ref. A-1 of 2013-02-30"), "A-1|");  // no such day
  EXPECT_EQ(said("", "We refer to your letter 19-024/125рс."), "|");  // not the sender's
  EXPECT_EQ(said("", "Our reference: none"), "|");  // no digit
}

TEST(SenderReferenceTest, ANumberAtTheCutOfALongLineIsWholeCharacters) {
  // Lines are read to their 300th byte; there "ä" (2 bytes) straddles the cut.
  std::string line = std::string(280, ' ') + "Unser Zeichen: 12-3ää";
  ASSERT_EQ(line.size(), 303u);
  SenderReference r = find_sender_reference("", line);
  EXPECT_EQ(r.number, "12-3");  // the first "ä" is bytes 299-300: left out whole
}

TEST(SenderReferenceTest, CitedNumbersAreWordsWithADigitAndASeparator) {
  EXPECT_EQ(cited_numbers("Re: Ihr Schreiben Nr. 19-024/125рс vom 06.09.2013"),
            (std::vector<std::string>{"19-024/125рс"}));
  EXPECT_EQ(cited_numbers("(CCC/2013/1), \"A-1\" A-1 2014 x/y"),
            (std::vector<std::string>{"CCC/2013/1", "A-1"}));
}

}  // namespace
}  // namespace twinning::mail
