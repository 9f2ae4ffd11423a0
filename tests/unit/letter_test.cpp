#include "model/letter.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning {
namespace {

TEST(LetterModelTest, NamesRoundTrip) {
  for (auto k : {LetterKind::kLetter, LetterKind::kReply, LetterKind::kForward,
                 LetterKind::kReminder, LetterKind::kCorrection}) {
    EXPECT_EQ(parse_letter_kind(letter_kind_name(k)), k);
  }
  for (auto s : {LetterStatus::kDraft, LetterStatus::kRegistered, LetterStatus::kSent,
                 LetterStatus::kReceived, LetterStatus::kAnswered}) {
    EXPECT_EQ(parse_letter_status(letter_status_name(s)), s);
  }
  for (auto k : {LetterLinkKind::kReplyTo, LetterLinkKind::kForwardOf, LetterLinkKind::kReminderOf,
                 LetterLinkKind::kCorrectionOf}) {
    EXPECT_EQ(parse_letter_link_kind(letter_link_kind_name(k)), k);
  }
  EXPECT_EQ(letter_link_kind_name(LetterLinkKind::kReminderOf), "reminder_of");
  EXPECT_EQ(parse_letter_direction("incoming"), LetterDirection::kIncoming);
}

TEST(LetterModelTest, UnknownNamesAreRejectedWithTheChoices) {
  try {
    parse_letter_status("lost", "--status");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "--status");
    EXPECT_EQ(std::string(e.what()),
              "unknown letter status 'lost': expected draft, registered, sent, received, answered");
  }
}

TEST(LetterModelTest, EachFollowUpKindCarriesItsLink) {
  EXPECT_EQ(link_kind_for(LetterKind::kReply), LetterLinkKind::kReplyTo);
  EXPECT_EQ(link_kind_for(LetterKind::kReminder), LetterLinkKind::kReminderOf);
  EXPECT_EQ(link_kind_for(LetterKind::kLetter), std::nullopt);
}

TEST(LetterModelTest, IncomingLettersAreCitedByTheSendersNumber) {
  Letter in;
  in.direction = LetterDirection::kIncoming;
  in.status = LetterStatus::kReceived;
  in.number = "IN-4";
  in.date = parse_partial_date("2013-10-02");
  in.sender_number = "CCC/2013/88";
  in.sender_date = parse_partial_date("2013-09-25");
  EXPECT_EQ(cited_number(in).number, "CCC/2013/88");
  EXPECT_EQ(cited_number(in).date->to_string(), "2013-09-25");
  in.sender_number.clear();
  EXPECT_EQ(cited_number(in).number, "IN-4");
  Letter out;
  out.number = "19-024/125рс";
  out.date = parse_partial_date("2013-09-06");
  out.sender_number = "ignored for outgoing";
  EXPECT_EQ(cited_number(out).number, "19-024/125рс");
}

}  // namespace
}  // namespace twinning
