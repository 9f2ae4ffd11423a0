// The per-addressee answer rule (letters/answers.h, issue 13): a circular
// stays owed by every addressee city that has not replied, in the register's
// overdue filter, its counts and the letter's view.
#include "letters/answers.h"

#include <gtest/gtest.h>

#include "letters/correspondence.h"
#include "store/letter_store.h"
#include "support/letter_fixtures.h"

namespace twinning::letters {
namespace {

class AnswersTest : public testing::LetterRegisterTest {
 protected:
  // A circular from Volgograd to Coventry, Hiroshima and Dresden, due 2013-11-05.
  LetterId circular() {
    DraftRequest r = to(s.coventry);
    r.addressees.push_back(Addressee{s.hiroshima, "", "", ""});
    r.addressees.push_back(Addressee{s.dresden, "", "", ""});
    r.response_deadline = parse_partial_date("2013-11-05");
    return register_outgoing(*store, library, r, on("2013-09-06")).id;
  }
  // `city`'s reply to `letter`, received on `date`.
  Registration reply_from(CityId city, LetterId letter, const char* date) {
    IncomingRequest in;
    in.office = s.office;
    in.sender.city_id = city;
    in.links = {LetterLink{LetterLinkKind::kReplyTo, letter, "", {}}};
    return register_incoming(*store, in, on(date));
  }
  std::vector<AnswerState> states(LetterId id, const char* day) {
    std::vector<AnswerState> out;
    for (const auto& a : answers_of(*store, get(id), parse_partial_date(day))) {
      out.push_back(a.state);
    }
    return out;
  }
  std::vector<store::LetterSummary> overdue_on(const char* day) {
    return overdue_letters(*store, parse_partial_date(day));
  }
};

using S = AnswerState;

TEST_F(AnswersTest, ACircularStaysOverdueForEveryCityThatHasNotReplied) {
  LetterId id = circular();
  EXPECT_EQ(states(id, "2013-11-05"), (std::vector<S>{S::kAwaiting, S::kAwaiting, S::kAwaiting}));
  Registration coventry = reply_from(s.coventry, id, "2013-10-01");
  // One reply of three: the letter is not answered and stays overdue.
  EXPECT_EQ(get(id).status, LetterStatus::kRegistered);
  EXPECT_EQ(states(id, "2013-11-06"), (std::vector<S>{S::kAnswered, S::kOverdue, S::kOverdue}));
  auto late = overdue_on("2013-11-06");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].id, id);
  EXPECT_EQ(late[0].addressee_count, 3);
  EXPECT_EQ(late[0].answered_count, 1);
  EXPECT_EQ(late[0].overdue_count, 2);
  LetterView v = letter_view(*store, id);
  ASSERT_EQ(v.answers.size(), 3u);
  ASSERT_TRUE(v.answers[0].reply);
  EXPECT_EQ(v.answers[0].reply->id, coventry.id);
  EXPECT_EQ(v.answers[1].label.substr(0, 9), "Hiroshima");
  EXPECT_FALSE(v.answers[1].reply);
  // A reply from a city that is no addressee answers nobody.
  reply_from(s.chengdu, id, "2013-10-02");
  EXPECT_EQ(overdue_on("2013-11-06")[0].overdue_count, 2);
  reply_from(s.hiroshima, id, "2013-10-03");
  reply_from(s.dresden, id, "2013-10-04");
  EXPECT_EQ(get(id).status, LetterStatus::kAnswered);
  EXPECT_TRUE(overdue_on("2013-11-06").empty());
}

TEST_F(AnswersTest, ALetterToOneAddresseeIsAnsweredByAnyReply) {
  DraftRequest r = to(s.coventry);
  r.response_deadline = parse_partial_date("2013-11-05");
  LetterId id = register_outgoing(*store, library, r, on("2013-09-06")).id;
  IncomingRequest ministry;
  ministry.office = s.office;
  ministry.sender.letterhead = "Foreign and Commonwealth Office";
  ministry.links = {LetterLink{LetterLinkKind::kReplyTo, id, "", {}}};
  register_incoming(*store, ministry, on("2013-10-01"));
  EXPECT_EQ(states(id, "2014-01-01"), (std::vector<S>{S::kAnswered}));
  EXPECT_EQ(get(id).status, LetterStatus::kAnswered);
}

TEST_F(AnswersTest, AReplyToTheOriginalAnswersItsReminderAndTheOtherWayRound) {
  LetterId id = circular();
  FollowUp f;
  f.addressees = {Addressee{s.hiroshima, "", "", ""}};
  f.response_deadline = parse_partial_date("2013-12-01");
  f.register_now = on("2013-11-10");
  LetterId reminder = remind(*store, library, id, f);
  EXPECT_EQ(states(reminder, "2013-12-02"), (std::vector<S>{S::kOverdue}));
  reply_from(s.hiroshima, id, "2013-11-20");  // cites the original
  EXPECT_EQ(states(reminder, "2013-12-02"), (std::vector<S>{S::kAnswered}));
  EXPECT_EQ(get(reminder).status, LetterStatus::kAnswered);
  reply_from(s.dresden, reminder, "2013-11-21");  // cites the reminder sent to Hiroshima
  EXPECT_EQ(states(id, "2013-12-02"), (std::vector<S>{S::kOverdue, S::kAnswered, S::kAnswered}));
  // No reminder to a city that answered, whichever letter it cited.
  FollowUp again;
  again.addressees = {Addressee{s.dresden, "", "", ""}};
  std::string message;
  EXPECT_EQ(testing::code_of([&] { remind(*store, library, id, again); }, &message),
            ErrorCode::kConflict);
  EXPECT_NE(message.find("no reminder after an answer"), std::string::npos) << message;
}

TEST_F(AnswersTest, NothingIsOwedWithoutADeadlineOrBeforeRegistration) {
  LetterId draft = create_draft(*store, library, to(s.coventry));
  EXPECT_EQ(states(draft, "2030-01-01"), (std::vector<S>{S::kNotAsked}));
  // A deadline on a draft asks nothing until the letter is registered.
  DraftRequest due = to(s.coventry);
  due.response_deadline = parse_partial_date("2013-11-05");
  LetterId due_draft = create_draft(*store, library, due);
  EXPECT_EQ(states(due_draft, "2030-01-01"), (std::vector<S>{S::kNotAsked}));
  LetterId plain = register_outgoing(*store, library, to(s.coventry), on("2013-09-06")).id;
  EXPECT_EQ(states(plain, "2030-01-01"), (std::vector<S>{S::kNotAsked}));
  EXPECT_EQ(answer_state_name(S::kOverdue), "overdue");
  EXPECT_EQ(answer_state_name(S::kNotAsked), "not_asked");
}

}  // namespace
}  // namespace twinning::letters
