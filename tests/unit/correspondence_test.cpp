#include "letters/correspondence.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <latch>
#include <set>
#include <thread>

#include "letters/offices.h"
#include "model/error.h"
#include "store/audit_log.h"
#include "store/office_store.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"

namespace twinning::letters {
namespace {

using testing::code_of;

const PartialDate kDay = parse_partial_date("2013-09-06");

class CorrespondenceTest : public testing::LetterRegisterTest {
 protected:
  OfficeId coventry_office = [this] {
    OfficeRequest r;
    r.code = "coventry";
    r.city_id = s.coventry;
    r.outgoing_pattern = "CCC/{yyyy}/{seq:4}";
    r.yearly_restart = true;
    OfficeId id = add_office(*store, r);
    set_office_requisites(
        *store, id,
        OfficeRequisites{"en", "COVENTRY CITY COUNCIL", "John Mutton", "Lord Mayor of Coventry",
                         "Council House, Coventry", "", "", ""});
    return id;
  }();

  // The 2013 appeal, registered under its historical number.
  LetterId appeal_to_coventry() {
    DraftRequest r = to(s.coventry, "");
    r.template_name = "appeal-2013";
    r.lang = "ru";
    r.response_deadline = parse_partial_date("2013-11-01");
    return register_outgoing(*store, library, r, on("2013-09-06", "19-024/125рс")).id;
  }
};

TEST_F(CorrespondenceTest, DraftThenRegisterGivesConsecutiveNumbers) {
  LetterId a = create_draft(*store, library, to(s.coventry));
  LetterId b = create_draft(*store, library, to(s.hiroshima));
  EXPECT_EQ(get(a).status, LetterStatus::kDraft);
  EXPECT_EQ(get(a).number, "");
  Registration rb = register_letter(*store, b, on("2013-09-06"));
  Registration ra = register_letter(*store, a, on("2013-09-07"));
  EXPECT_EQ(rb.number, "19-024/1рс");
  EXPECT_EQ(ra.number, "19-024/2рс");
  EXPECT_EQ(get(a).status, LetterStatus::kRegistered);
  EXPECT_EQ(get(a).date->to_string(), "2013-09-07");
  auto audit = store::AuditLog(*store).list({"letter", std::to_string(a), "", 0, 10});
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].action, "register");
  EXPECT_EQ(audit[1].after["number"], "19-024/2рс");
  std::string msg;
  EXPECT_EQ(code_of([&] { register_letter(*store, a, on("2013-09-08")); }, &msg),
            ErrorCode::kConflict);
  EXPECT_NE(msg.find("already registered"), std::string::npos);
  EXPECT_EQ(get(a).number, "19-024/2рс");
  EXPECT_EQ(code_of([&] {
              register_letter(*store, create_draft(*store, library, to(s.coventry)),
                              on("2999-01-01"));
            }),
            ErrorCode::kInvalidInput);
}

TEST_F(CorrespondenceTest, HistoricalNumberIsNeverHandedOutAgain) {
  LetterId appeal = appeal_to_coventry();
  EXPECT_EQ(get(appeal).number, "19-024/125рс");
  EXPECT_EQ(get(appeal).date->to_string(), "2013-09-06");
  EXPECT_EQ(register_outgoing(*store, library, to(s.coventry), on("2013-09-07")).number,
            "19-024/126рс");
  std::string msg;
  EXPECT_EQ(code_of(
                [&] {
                  register_outgoing(*store, library, to(s.coventry),
                                    on("2013-09-07", "19-024/125рс"));
                },
                &msg),
            ErrorCode::kConflict);
  EXPECT_NE(msg.find("No 19-024/125рс is already registered"), std::string::npos);
  // Lower or foreign numbers leave the counter alone.
  register_outgoing(*store, library, to(s.coventry), on("2013-09-07", "19-024/50рс"));
  register_outgoing(*store, library, to(s.coventry), on("2013-09-07", "19-024/А-7"));
  EXPECT_EQ(register_outgoing(*store, library, to(s.coventry), on("2013-09-08")).number,
            "19-024/127рс");
  // A rolled back registration does not use up its number.
  EXPECT_THROW(register_outgoing(*store, library, to(s.coventry), on("2013-09-08", "\xff")), Error);
  EXPECT_EQ(register_outgoing(*store, library, to(s.coventry), on("2013-09-08")).number,
            "19-024/128рс");
}

TEST_F(CorrespondenceTest, NumbersRestartEachYearAndSkipTakenOnes) {
  DraftRequest r = to(s.volgograd);
  r.office = coventry_office;
  // Recorded under 2014 but carrying a 2013 number: it does not fit the
  // pattern for 2014, so the 2013 counter does not move; it is skipped later.
  register_outgoing(*store, library, r, on("2014-01-05", "CCC/2013/0002"));
  EXPECT_EQ(register_outgoing(*store, library, r, on("2013-12-30")).number, "CCC/2013/0001");
  EXPECT_EQ(register_outgoing(*store, library, r, on("2013-12-31")).number, "CCC/2013/0003");
  EXPECT_EQ(register_outgoing(*store, library, r, on("2014-01-02")).number, "CCC/2014/0001");
}

TEST_F(CorrespondenceTest, RegisteredLettersAreFrozen) {
  LetterId id = create_draft(*store, library, to(s.coventry, "Draft text."));
  DraftEdit e;
  e.body = "Second draft.";
  e.subject = "Subject";
  edit_draft(*store, id, e);
  EXPECT_EQ(get(id).body, "Second draft.");
  register_letter(*store, id, on("2013-09-06"));
  std::string msg;
  e.body = "Rewritten after registration.";
  EXPECT_EQ(code_of([&] { edit_draft(*store, id, e); }, &msg), ErrorCode::kConflict);
  EXPECT_NE(msg.find("is registered and can no longer be edited; register a correction"),
            std::string::npos)
      << msg;
  DraftEdit readdress;
  readdress.addressees = std::vector<Addressee>{Addressee{s.dresden, "", "", ""}};
  EXPECT_EQ(code_of([&] { edit_draft(*store, id, readdress); }), ErrorCode::kConflict);
  EXPECT_EQ(code_of([&] { attach_file(*store, id, {"late.txt", "", "x"}); }), ErrorCode::kConflict);
  Letter l = get(id);
  EXPECT_EQ(l.body, "Second draft.");
  EXPECT_EQ(l.addressees[0].city_id, s.coventry);
  EXPECT_TRUE(l.attachments.empty());
}

TEST_F(CorrespondenceTest, AttachmentsCarryTheirSha256) {
  DraftRequest r = to(s.coventry);
  r.attachments = {{"resolution.txt", "", "abc"}};
  LetterId id = create_draft(*store, library, r);
  Attachment pdf = attach_file(*store, id, {"scan.pdf", "", std::string("%PDF-1.4\0x", 10)});
  Letter l = get(id);
  ASSERT_EQ(l.attachments.size(), 2u);
  EXPECT_EQ(l.attachments[0].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // SHA-256("abc")
  EXPECT_EQ(l.attachments[0].media_type, "text/plain");
  EXPECT_EQ(pdf.media_type, "application/pdf");
  EXPECT_EQ(attachment_bytes(*store, id, pdf.id), std::string("%PDF-1.4\0x", 10));
  EXPECT_EQ(code_of([&] {
              attach_file(*store, id, {"scan.pdf", "", "again"});
            }),
            ErrorCode::kConflict);
  EXPECT_EQ(code_of([&] {
              attach_file(*store, id, {"../etc/passwd", "", "x"});
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of([&] {
              attach_file(*store, id, {"big.bin", "", std::string(kMaxAttachmentBytes + 1, 'x')});
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(get(id).attachments.size(), 2u);
}

TEST_F(CorrespondenceTest, LetterIsWrittenInTheAddresseesLanguage) {
  bool fell_back = false;
  EXPECT_EQ(prepare_draft(*store, library, to(s.hiroshima), &fell_back).lang, "ja");
  EXPECT_FALSE(fell_back);
  EXPECT_EQ(prepare_draft(*store, library, to(s.coventry), &fell_back).lang, "en");
  EXPECT_FALSE(fell_back);
  EXPECT_EQ(prepare_draft(*store, library, to(s.port_said)).lang, "ar");
  EXPECT_EQ(prepare_draft(*store, library, to(s.chengdu)).lang, "zh");
  Letter de = prepare_draft(*store, library, to(s.dresden), &fell_back);
  EXPECT_EQ(de.lang, "de");
  EXPECT_FALSE(fell_back);
  DraftRequest asked = to(s.dresden);
  asked.lang = "et";  // no Estonian template
  EXPECT_EQ(prepare_draft(*store, library, asked, &fell_back).lang, "en");
  EXPECT_TRUE(fell_back);
  DraftRequest circular = to(s.coventry);
  circular.addressees = {Addressee{std::nullopt, "Мэру города-побратима", "", ""}};
  EXPECT_EQ(prepare_draft(*store, library, circular).lang, "ru");  // the sender's language
  Letter en = prepare_draft(*store, library, to(s.coventry));
  EXPECT_EQ(en.sender.letterhead, "HEAD OF VOLGOGRAD");  // requisites of the language
  EXPECT_EQ(en.addressees[0].title, "The Mayor of Coventry");
  EXPECT_EQ(en.addressees[0].address, "Coventry, United Kingdom");
}

TEST_F(CorrespondenceTest, ReplyAnswersTheOriginalAndCitesIt) {
  LetterId appeal = appeal_to_coventry();
  FollowUp f;
  f.body = "Coventry City Council supports the initiative.";
  f.lang = "en";
  LetterId reply_id = reply(*store, library, appeal, f);
  Letter r = get(reply_id);
  EXPECT_EQ(r.office_id, coventry_office);  // the addressee city's office
  EXPECT_EQ(r.kind, LetterKind::kReply);
  EXPECT_EQ(r.addressees[0].city_id, s.volgograd);
  EXPECT_EQ(r.addressees[0].title, "The Mayor of Volgograd");
  EXPECT_EQ(r.sender.letterhead, "COVENTRY CITY COUNCIL");
  EXPECT_EQ(get(appeal).status, LetterStatus::kRegistered);  // a draft answers nothing yet
  register_letter(*store, reply_id, on("2013-10-02"));
  EXPECT_EQ(get(appeal).status, LetterStatus::kAnswered);
  auto doc = letter_document(*store, library, reply_id);
  EXPECT_EQ(doc.registration,
            (std::vector<std::string>{"2 October 2013", "Our ref.: No CCC/2013/0001",
                                      "Ref. No 19-024/125рс of 6 September 2013"}));
  auto view = letter_view(*store, appeal);
  ASSERT_EQ(view.referred_by.size(), 1u);
  EXPECT_EQ(view.referred_by[0].letter.id, reply_id);
  std::string msg;
  EXPECT_EQ(code_of([&] { remind(*store, library, appeal, {}); }, &msg), ErrorCode::kConflict);
  EXPECT_NE(msg.find("was answered by No CCC/2013/0001 of 2013-10-02: no reminder after an answer"),
            std::string::npos)
      << msg;
  EXPECT_EQ(code_of([&] { reply(*store, library, appeal, {}); }), ErrorCode::kInvalidInput);
}

TEST_F(CorrespondenceTest, IncomingLettersAreCitedByTheirSendersNumber) {
  LetterId appeal = appeal_to_coventry();
  IncomingRequest in;
  in.office = s.office;
  in.sender.city_id = s.coventry;
  in.sender.signatory_name = "John Mutton";
  in.sender.address = "Council House, Coventry CV1 5RR";
  in.sender_number = "CCC/2013/0088";
  in.sender_date = parse_partial_date("2013-09-30");
  in.subject = "Year of the International Twin Cities Movement";
  in.body = "Our Foreign Office supports the resolution.";
  in.links = {LetterLink{LetterLinkKind::kReplyTo, appeal, "", {}}};
  Registration reg = register_incoming(*store, in, on("2013-10-07"));
  EXPECT_EQ(reg.number, "IN-1");
  Letter l = get(reg.id);
  EXPECT_EQ(l.direction, LetterDirection::kIncoming);
  EXPECT_EQ(l.status, LetterStatus::kReceived);
  EXPECT_EQ(l.kind, LetterKind::kReply);
  EXPECT_EQ(l.addressees[0].city_id, s.volgograd);
  EXPECT_EQ(get(appeal).status, LetterStatus::kAnswered);
  FollowUp f;
  f.body = "Спасибо за поддержку.";
  LetterId answer = reply(*store, library, reg.id, f);
  Letter a = get(answer);
  EXPECT_EQ(a.office_id, s.office);
  EXPECT_EQ(a.lang, "en");  // the language of the letter answered
  EXPECT_EQ(a.addressees[0].address, "Council House, Coventry CV1 5RR");
  register_letter(*store, answer, on("2013-10-08"));
  EXPECT_EQ(get(reg.id).status, LetterStatus::kAnswered);
  auto doc = letter_document(*store, library, answer);
  EXPECT_EQ(doc.registration.back(), "Ref. No CCC/2013/0088 of 30 September 2013");
  IncomingRequest anonymous;
  anonymous.office = s.office;
  EXPECT_EQ(code_of([&] { register_incoming(*store, anonymous, on("2013-10-07")); }),
            ErrorCode::kInvalidInput);
}

TEST_F(CorrespondenceTest, ReminderCitesTheOriginal) {
  LetterId appeal = appeal_to_coventry();
  FollowUp f;
  f.response_deadline = parse_partial_date("2013-12-01");
  LetterId id = remind(*store, library, appeal, f);
  Letter r = get(id);
  EXPECT_EQ(r.kind, LetterKind::kReminder);
  EXPECT_EQ(r.lang, "ru");
  EXPECT_EQ(r.office_id, s.office);
  EXPECT_EQ(r.addressees[0].city_id, s.coventry);
  EXPECT_EQ(r.subject, "О письме от 06.09.2013 № 19-024/125рс");
  EXPECT_EQ(r.body,
            "Напоминаем о нашем письме от 06.09.2013 № 19-024/125рс «О провозглашении 2014 года "
            "Годом международного движения породненных городов», ответ на которое до "
            "настоящего времени не получен.\n\nПросим сообщить о принятом решении в срок до "
            "01.12.2013.");
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].kind, LetterLinkKind::kReminderOf);
  EXPECT_EQ(r.links[0].target_number, "19-024/125рс");
  FollowUp en;
  en.lang = "en";
  en.response_deadline = parse_partial_date("2013-12-01");
  Letter e = get(remind(*store, library, appeal, en));
  EXPECT_EQ(e.body.rfind("We refer to our letter No 19-024/125рс of 6 September 2013 (\"О "
                         "провозглашении 2014 года Годом международного движения породненных "
                         "городов\"), to which we have not yet received a reply.\n\nWe would be "
                         "grateful for your answer by 1 December 2013.",
                         0),
            0u)
      << e.body;
  EXPECT_EQ(
      code_of([&] { remind(*store, library, create_draft(*store, library, to(s.coventry)), {}); }),
      ErrorCode::kConflict);
}

TEST_F(CorrespondenceTest, ForwardQuotesTheOriginal) {
  LetterId appeal = appeal_to_coventry();
  FollowUp f;
  f.addressees = {Addressee{s.dresden, "", "", ""}};
  f.body = "Coventry joins the appeal of Volgograd.";
  LetterId id = forward(*store, library, appeal, f);
  Letter l = get(id);
  EXPECT_EQ(l.office_id, coventry_office);
  EXPECT_EQ(l.kind, LetterKind::kForward);
  EXPECT_EQ(l.lang, "de");  // Dresden's language
  EXPECT_EQ(l.subject, "Kopie des Schreibens Nr. 19-024/125рс vom 6. September 2013 aus Volgograd");
  EXPECT_EQ(l.body.rfind("Coventry joins the appeal of Volgograd.\n\nNachstehend erhalten Sie eine "
                         "Kopie des Schreibens Nr. 19-024/125рс vom 6. September 2013 aus "
                         "Volgograd („О провозглашении 2014 года Годом международного движения "
                         "породненных городов“).\n\n",
                         0),
            0u)
      << l.body;
  for (const auto& p : testing::seed_body_paragraphs()) {
    EXPECT_NE(l.body.find(p), std::string::npos) << p;
  }
  EXPECT_EQ(code_of([&] { forward(*store, library, appeal, {}); }), ErrorCode::kInvalidInput);
  FollowUp wrong = f;
  OfficeRequest other;
  other.code = "dresden";
  other.city_id = s.dresden;
  other.outgoing_pattern = "D-{seq}";
  wrong.office = add_office(*store, other);
  EXPECT_EQ(code_of([&] { forward(*store, library, appeal, wrong); }), ErrorCode::kInvalidInput);
}

TEST_F(CorrespondenceTest, CorrectionIsANewLetterReplacingTheOld) {
  LetterId appeal = appeal_to_coventry();
  std::string before = get(appeal).body;
  FollowUp f;
  f.register_now = on("2013-09-10");
  LetterId id = correct(*store, library, appeal, f);
  Letter c = get(id);
  EXPECT_EQ(c.kind, LetterKind::kCorrection);
  EXPECT_EQ(c.number, "19-024/126рс");
  EXPECT_EQ(c.body.rfind("Настоящее письмо заменяет наше письмо от 06.09.2013 № 19-024/125рс, "
                         "которое отзывается.\n\nМногие годы",
                         0),
            0u)
      << c.body;
  EXPECT_EQ(c.salutation, "Уважаемый господин мэр, дорогой коллега!");
  EXPECT_EQ(c.addressees[0].title, get(appeal).addressees[0].title);
  EXPECT_EQ(get(appeal).body, before);
  EXPECT_EQ(get(appeal).status, LetterStatus::kRegistered);
}

TEST_F(CorrespondenceTest, SentAndOverdue) {
  LetterId appeal = appeal_to_coventry();  // response due 2013-11-01
  LetterId other = register_outgoing(*store, library, to(s.hiroshima), on("2013-09-07")).id;
  EXPECT_EQ(code_of([&] { mark_sent(*store, appeal, parse_partial_date("2013-09-01")); }),
            ErrorCode::kInvalidInput);  // before registration
  mark_sent(*store, appeal, parse_partial_date("2013-09-09"));
  EXPECT_EQ(get(appeal).status, LetterStatus::kSent);
  EXPECT_EQ(get(appeal).sent_date->to_string(), "2013-09-09");
  EXPECT_EQ(code_of([&] { mark_sent(*store, appeal); }), ErrorCode::kConflict);
  auto overdue = overdue_letters(*store, parse_partial_date("2013-11-02"));
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].id, appeal);
  EXPECT_TRUE(overdue_letters(*store, parse_partial_date("2013-11-01")).empty());
  FollowUp f;
  f.body = "Yes.";
  f.register_now = on("2013-11-05");
  reply(*store, library, appeal, f);
  EXPECT_TRUE(overdue_letters(*store, parse_partial_date("2013-11-06")).empty());
  EXPECT_EQ(get(other).status, LetterStatus::kRegistered);
}

TEST_F(CorrespondenceTest, CorrespondentsSeeAndWriteOnlyTheirCitysLetters) {
  LetterId appeal = appeal_to_coventry();
  LetterId to_dresden = register_outgoing(*store, library, to(s.dresden), on("2013-09-07")).id;
  store->set_actor(Actor{0, "coventry-office", Role::kCorrespondent, s.coventry, std::nullopt});
  EXPECT_EQ(get(appeal).number, "19-024/125рс");
  EXPECT_EQ(code_of([&] { letter_view(*store, to_dresden); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { letter_view(*store, to_dresden + 100); }), ErrorCode::kNotFound);
  // By number, another city's letter is not found: numbers are not probed.
  EXPECT_EQ(code_of([&] { resolve_letter(*store, "19-024/126рс"); }), ErrorCode::kNotFound);
  EXPECT_EQ(resolve_letter(*store, "19-024/125рс"), appeal);
  auto visible = list_letters(*store, {});
  ASSERT_EQ(visible.size(), 1u);
  EXPECT_EQ(visible[0].id, appeal);
  store::LetterQuery q;
  q.involving_city = s.dresden;
  EXPECT_TRUE(list_letters(*store, q).empty());
  EXPECT_EQ(code_of([&] { create_draft(*store, library, to(s.dresden)); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { mark_sent(*store, appeal); }), ErrorCode::kForbidden);
  FollowUp f;
  f.body = "We support it.";
  LetterId answer = reply(*store, library, appeal, f);
  EXPECT_EQ(get(answer).office_id, coventry_office);
  store->set_actor(Actor{0, "press", Role::kViewer, std::nullopt, std::nullopt});
  EXPECT_EQ(code_of([&] { list_letters(*store, {}); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { letter_view(*store, appeal); }), ErrorCode::kForbidden);
}

TEST_F(CorrespondenceTest, ALettersViewListsOnlyTheCitingLettersTheReaderMayRead) {
  LetterId appeal = appeal_to_coventry();
  FollowUp copy;  // Volgograd's office sends a copy of its appeal to Dresden
  copy.office = s.office;
  copy.addressees = {Addressee{s.dresden, "", "", ""}};
  copy.register_now = on("2013-09-08");
  LetterId to_dresden = forward(*store, library, appeal, copy);
  ASSERT_EQ(letter_view(*store, appeal).referred_by.size(), 1u);
  EXPECT_EQ(letter_view(*store, appeal).referred_by[0].letter.id, to_dresden);
  // Coventry reads the appeal it received, not the copy sent to Dresden.
  store->set_actor(Actor{0, "coventry-office", Role::kCorrespondent, s.coventry, std::nullopt});
  EXPECT_TRUE(letter_view(*store, appeal).referred_by.empty());
  store->set_actor(Actor{0, "dresden-office", Role::kCorrespondent, s.dresden, std::nullopt});
  EXPECT_EQ(code_of([&] { letter_view(*store, appeal); }), ErrorCode::kForbidden);
  EXPECT_EQ(letter_view(*store, to_dresden).letter.id, to_dresden);
}

TEST_F(CorrespondenceTest, ResolvesLettersByIdOrNumber) {
  LetterId appeal = appeal_to_coventry();
  EXPECT_EQ(resolve_letter(*store, std::to_string(appeal)), appeal);
  EXPECT_EQ(resolve_letter(*store, "#" + std::to_string(appeal)), appeal);
  EXPECT_EQ(resolve_letter(*store, " 19-024/125рс "), appeal);
  DraftRequest r = to(s.volgograd);
  r.office = coventry_office;
  register_outgoing(*store, library, r, on("2013-09-07", "19-024/125рс"));
  EXPECT_EQ(code_of([&] { resolve_letter(*store, "19-024/125рс"); }), ErrorCode::kAmbiguous);
  EXPECT_EQ(resolve_letter(*store, "19-024/125рс", s.office), appeal);
  EXPECT_EQ(code_of([&] { resolve_letter(*store, "#999"); }), ErrorCode::kNotFound);
}

TEST_F(CorrespondenceTest, AWaveRegistersTogetherOrNotAtAll) {
  std::vector<Letter> wave = {prepare_draft(*store, library, to(s.coventry)),
                              prepare_draft(*store, library, to(s.hiroshima))};
  wave[1].links = {LetterLink{LetterLinkKind::kForwardOf, 987654, "", {}}};  // no such letter
  EXPECT_THROW(register_prepared(*store, wave, on("2013-09-06")), Error);
  EXPECT_TRUE(list_letters(*store, {}).empty());
  wave[1].links.clear();
  auto regs = register_prepared(*store, wave, on("2013-09-06"));
  ASSERT_EQ(regs.size(), 2u);
  EXPECT_EQ(regs[0].number, "19-024/1рс");
  EXPECT_EQ(regs[1].number, "19-024/2рс");
}

TEST_F(CorrespondenceTest, ManyThreadsRegisterWithoutDuplicatesOrGaps) {
  // PRODUCT.md: "registration numbers unique under 100 concurrent writers".
  // 100 threads, each with its own Store on the same file, released at once:
  // each registers two letters of Volgograd's office and one of Coventry's
  // (a yearly series), then all race for the same ten drafts.
  constexpr int kThreads = 100, kEach = 2, kDrafts = 10;
  std::vector<LetterId> drafts;
  for (int i = 0; i < kDrafts; ++i) drafts.push_back(create_draft(*store, library, to(s.coventry)));
  std::vector<std::vector<Registration>> acknowledged(kThreads);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0}, draft_wins{0};
  std::latch start(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto mine = store::Store::open(dir.file("test.db"));
      TemplateLibrary lib = TemplateLibrary::locate("");
      DraftRequest from_coventry = to(s.volgograd);
      from_coventry.office = coventry_office;
      start.arrive_and_wait();
      try {
        for (int i = 0; i < kEach; ++i) {
          acknowledged[t].push_back(
              register_outgoing(*mine, lib, to(t % 2 ? s.hiroshima : s.chengdu), on("2013-09-06")));
        }
        acknowledged[t].push_back(register_outgoing(*mine, lib, from_coventry, on("2013-09-06")));
      } catch (const Error& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
      // Every thread tries to register every draft: exactly one wins each.
      for (LetterId d : drafts) {
        try {
          acknowledged[t].push_back(register_letter(*mine, d, on("2013-09-06")));
          ++draft_wins;
        } catch (const Error& e) {
          if (e.code() != ErrorCode::kConflict) ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(draft_wins, kDrafts);

  // What each caller was told is what the register holds, and no number
  // was told twice.
  std::set<std::string> told;
  std::size_t registrations = 0;
  for (const auto& regs : acknowledged) {
    for (const auto& r : regs) {
      ++registrations;
      told.insert(r.number);
      Letter l = get(r.id);
      EXPECT_EQ(l.number, r.number);
      EXPECT_EQ(l.status, LetterStatus::kRegistered);
    }
  }
  const int volgograd_total = kThreads * kEach + kDrafts;
  EXPECT_EQ(registrations, static_cast<std::size_t>(volgograd_total + kThreads));
  EXPECT_EQ(told.size(), registrations);

  // Each office's series is consecutive from 1, without gaps.
  store::LetterQuery q;
  q.limit = 10000;
  std::set<std::string> numbers;
  for (const auto& l : list_letters(*store, q)) numbers.insert(l.number);
  EXPECT_EQ(numbers, told);
  for (int i = 1; i <= volgograd_total; ++i) {
    EXPECT_TRUE(numbers.count("19-024/" + std::to_string(i) + "рс")) << i;
  }
  char coventry[32];
  for (int i = 1; i <= kThreads; ++i) {
    std::snprintf(coventry, sizeof coventry, "CCC/2013/%04d", i);
    EXPECT_TRUE(numbers.count(coventry)) << coventry;
  }
  // One audit entry per registration (a registered creation, or the
  // registration of a draft), naming the number it gave.
  std::multiset<std::string> audited;
  store::AuditQuery aq;
  aq.entity = "letter";
  aq.limit = 100000;
  for (const auto& e : store::AuditLog(*store).list(aq)) {
    auto number = [](const nlohmann::json& j) {
      return j.is_object() ? j.value("number", std::string()) : std::string();
    };
    if (!number(e.after).empty() && number(e.before).empty()) audited.insert(number(e.after));
  }
  EXPECT_EQ(audited.size(), registrations);
  EXPECT_TRUE(audited == std::multiset<std::string>(told.begin(), told.end()));
}

}  // namespace
}  // namespace twinning::letters
