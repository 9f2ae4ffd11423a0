// The refusals and the less travelled paths of the correspondence register
// (letters/correspondence.h, letters/letter_access.h): each refusal names its
// field and says why, and leaves the register as it was; optional fields
// work both present and absent.
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

#include "letters/correspondence.h"
#include "letters/letter_access.h"
#include "letters/offices.h"
#include "model/error.h"
#include "store/letter_store.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"

namespace twinning::letters {
namespace {

// Success if `f` throws Error `code` naming `field` with `phrase` in its message.
::testing::AssertionResult refused(const std::function<void()>& f, ErrorCode code,
                                   const std::string& field, const std::string& phrase) {
  try {
    f();
  } catch (const Error& e) {
    std::string msg = e.what();
    if (e.code() != code) {
      return ::testing::AssertionFailure() << "code " << error_code_name(e.code()) << " instead of "
                                           << error_code_name(code) << ": " << msg;
    }
    if (e.field() != field) {
      return ::testing::AssertionFailure() << "field '" << e.field() << "': " << msg;
    }
    if (msg.find(phrase) == std::string::npos) {
      return ::testing::AssertionFailure() << "'" << phrase << "' not in: " << msg;
    }
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "nothing was thrown";
}

Actor correspondent(std::optional<CityId> city) {
  return Actor{0, "correspondent", Role::kCorrespondent, city, std::nullopt};
}

class CorrespondenceRulesTest : public testing::LetterRegisterTest {
 protected:
  OfficeId coventry_office = office("coventry", s.coventry, "CCC/{yyyy}/{seq:4}", true);

  OfficeId office(const std::string& code, CityId city, const std::string& pattern,
                  bool yearly = false) {
    OfficeRequest r;
    r.code = code;
    r.city_id = city;
    r.outgoing_pattern = pattern;
    r.yearly_restart = yearly;
    return add_office(*store, r);
  }
  std::int64_t letters() { return count_letters(*store, {}); }
  LetterId registered_to(CityId city, const char* date = "2013-09-06") {
    return register_outgoing(*store, library, to(city), on(date)).id;
  }
  IncomingRequest incoming_from(CityId city) const {
    IncomingRequest in;
    in.office = s.office;
    in.sender.city_id = city;
    in.sender_number = "N-1";
    in.body = "Incoming text.";
    return in;
  }
};

TEST_F(CorrespondenceRulesTest, DraftsRefuseBadAddresseesAndTextWritingNothing) {
  DraftRequest many = to(s.coventry);
  many.addressees.assign(kMaxAddressees + 1, Addressee{s.coventry, "", "", ""});
  EXPECT_TRUE(refused([&] { create_draft(*store, library, many); }, ErrorCode::kInvalidInput,
                      "addressees", "a letter has at most 500 addressees"));
  DraftRequest nobody = to(s.coventry);
  nobody.addressees = {Addressee{std::nullopt, "  ", " ", "1 High St."}};
  EXPECT_TRUE(refused([&] { create_draft(*store, library, nobody); }, ErrorCode::kInvalidInput,
                      "addressees", "an addressee needs a city, a title or a name"));
  DraftRequest none = to(s.coventry);
  none.addressees.clear();
  EXPECT_TRUE(refused([&] { create_draft(*store, library, none); }, ErrorCode::kInvalidInput,
                      "addressees", "at least one addressee"));
  EXPECT_TRUE(refused([&] { create_draft(*store, library, to(987654)); }, ErrorCode::kNotFound,
                      "city", ""));
  DraftRequest long_name = to(s.coventry);
  long_name.addressees[0].name = std::string(4001, 'n');
  EXPECT_TRUE(refused([&] { create_draft(*store, library, long_name); }, ErrorCode::kInvalidInput,
                      "addressee name", "longer than 4000 bytes"));
  DraftRequest bad_subject = to(s.coventry);
  bad_subject.subject = "\xc0";
  EXPECT_TRUE(refused([&] { create_draft(*store, library, bad_subject); }, ErrorCode::kInvalidInput,
                      "subject", "not valid UTF-8"));
  DraftRequest long_body = to(s.coventry, std::string(kMaxTextBytes + 1, 'b'));
  EXPECT_TRUE(refused([&] { create_draft(*store, library, long_body); }, ErrorCode::kInvalidInput,
                      "body", "longer than 262144 bytes"));
  DraftRequest bad_sender = to(s.coventry);
  bad_sender.sender = LetterSender{};
  bad_sender.sender->phone = "\xff";
  EXPECT_TRUE(refused([&] { create_draft(*store, library, bad_sender); }, ErrorCode::kInvalidInput,
                      "phone", "not valid UTF-8"));
  DraftRequest dangling = to(s.coventry);
  dangling.links = {LetterLink{LetterLinkKind::kReplyTo, 987654, "", {}}};
  EXPECT_TRUE(refused([&] { create_draft(*store, library, dangling); }, ErrorCode::kNotFound,
                      "links", "no letter #987654"));
  DraftRequest elsewhere = to(s.coventry);
  elsewhere.office = 987654;
  EXPECT_EQ(testing::code_of([&] { create_draft(*store, library, elsewhere); }),
            ErrorCode::kNotFound);
  EXPECT_EQ(letters(), 0);
}

TEST_F(CorrespondenceRulesTest, SignatoryAndSenderOverrideTheOfficesRequisites) {
  Letter plain = get(create_draft(*store, library, to(s.coventry)));
  EXPECT_EQ(plain.sender.signatory_name, "V. D. Vasilkov");
  EXPECT_EQ(plain.sender.signatory_title, "Head of Volgograd");
  DraftRequest deputy = to(s.coventry);
  deputy.signatory_name = "A. Ivanov";
  deputy.signatory_title = "Deputy Head of Volgograd";
  Letter d = get(create_draft(*store, library, deputy));
  EXPECT_EQ(d.sender.signatory_name, "A. Ivanov");
  EXPECT_EQ(d.sender.signatory_title, "Deputy Head of Volgograd");
  EXPECT_EQ(d.sender.letterhead, "HEAD OF VOLGOGRAD");
  DraftRequest own = to(s.coventry);
  own.sender =
      LetterSender{s.dresden, "CITY DUMA OF VOLGOGRAD", "I. Petrov", "Chairman", "Volgograd", "",
                   "",        "duma@example.org"};
  Letter o = get(create_draft(*store, library, own));
  EXPECT_EQ(o.sender.letterhead, "CITY DUMA OF VOLGOGRAD");
  EXPECT_EQ(o.sender.signatory_name, "I. Petrov");
  EXPECT_EQ(o.sender.email, "duma@example.org");
  EXPECT_EQ(o.sender.city_id, s.volgograd);  // always the office's city
  DraftRequest person = to(s.coventry);
  person.addressees = {Addressee{std::nullopt, "", "John Smith", "Coventry"}};
  Letter p = get(create_draft(*store, library, person));
  EXPECT_EQ(p.addressees[0].name, "John Smith");
  EXPECT_FALSE(p.addressees[0].city_id.has_value());
}

TEST_F(CorrespondenceRulesTest, EditDraftChangesOnlyWhatItNames) {
  LetterId id = create_draft(*store, library, to(s.coventry));
  Letter before = get(id);
  DraftEdit e;
  e.lang = "RU";
  e.response_deadline = parse_partial_date("2013-11-01");
  e.addressees = std::vector<Addressee>{Addressee{s.hiroshima, "", "", ""},
                                        Addressee{std::nullopt, "The Governor", "", "Tokyo"}};
  e.signatory_name = "A. Ivanov";
  e.signatory_title = "Deputy Head";
  edit_draft(*store, id, e);
  Letter l = get(id);
  EXPECT_EQ(l.lang, "ru");
  EXPECT_EQ(l.response_deadline->to_string(), "2013-11-01");
  ASSERT_EQ(l.addressees.size(), 2u);
  EXPECT_EQ(l.addressees[0].city_id, s.hiroshima);
  EXPECT_EQ(l.addressees[1].title, "The Governor");
  EXPECT_EQ(l.sender.signatory_name, "A. Ivanov");
  EXPECT_EQ(l.sender.signatory_title, "Deputy Head");
  EXPECT_EQ(l.subject, before.subject);
  EXPECT_EQ(l.body, before.body);
  DraftEdit clear;
  clear.response_deadline = std::optional<PartialDate>{};
  edit_draft(*store, id, clear);
  EXPECT_FALSE(get(id).response_deadline.has_value());
  EXPECT_EQ(get(id).addressees.size(), 2u);

  DraftEdit nobody;
  nobody.body = "Changed along with a bad edit.";
  nobody.addressees = std::vector<Addressee>{};
  EXPECT_TRUE(refused([&] { edit_draft(*store, id, nobody); }, ErrorCode::kInvalidInput,
                      "addressees", "at least one addressee"));
  DraftEdit unknown;
  unknown.addressees = std::vector<Addressee>{Addressee{987654, "", "", ""}};
  EXPECT_EQ(testing::code_of([&] { edit_draft(*store, id, unknown); }), ErrorCode::kNotFound);
  DraftEdit bad_lang;
  bad_lang.lang = "not a language";
  EXPECT_TRUE(
      refused([&] { edit_draft(*store, id, bad_lang); }, ErrorCode::kInvalidInput, "lang", ""));
  DraftEdit long_closing;
  long_closing.closing = std::string(4001, 'c');
  EXPECT_TRUE(refused([&] { edit_draft(*store, id, long_closing); }, ErrorCode::kInvalidInput,
                      "closing", "longer than 4000 bytes"));
  DraftEdit bad_title;
  bad_title.addressees = std::vector<Addressee>{Addressee{std::nullopt, "\xff", "", ""}};
  EXPECT_TRUE(refused([&] { edit_draft(*store, id, bad_title); }, ErrorCode::kInvalidInput,
                      "addressee title", "not valid UTF-8"));
  EXPECT_TRUE(refused([&] { edit_draft(*store, 987654, clear); }, ErrorCode::kNotFound, "letter",
                      "no letter #987654"));
  Letter after = get(id);
  EXPECT_EQ(after.body, before.body);
  EXPECT_EQ(after.lang, "ru");
  EXPECT_EQ(after.addressees.size(), 2u);
  EXPECT_EQ(after.addressees[0].city_id, s.hiroshima);
  EXPECT_EQ(after.closing, before.closing);
}

// An edit may not make a draft that creating it would refuse.
TEST_F(CorrespondenceRulesTest, EditDraftRefusesTheAddresseesADraftIsRefused) {
  LetterId id = create_draft(*store, library, to(s.coventry));
  DraftEdit many;
  many.addressees = std::vector<Addressee>(kMaxAddressees + 1, Addressee{s.coventry, "", "", ""});
  EXPECT_TRUE(refused([&] { edit_draft(*store, id, many); }, ErrorCode::kInvalidInput,
                      "addressees", "a letter has at most 500 addressees"));
  DraftEdit nobody;
  nobody.addressees = std::vector<Addressee>{Addressee{std::nullopt, "  ", " ", "1 High St."}};
  EXPECT_TRUE(refused([&] { edit_draft(*store, id, nobody); }, ErrorCode::kInvalidInput,
                      "addressees", "an addressee needs a city, a title or a name"));
  Letter l = get(id);
  ASSERT_EQ(l.addressees.size(), 1u);
  EXPECT_EQ(l.addressees[0].city_id, s.coventry);
  DraftEdit most;
  most.addressees = std::vector<Addressee>(kMaxAddressees, Addressee{s.coventry, "", "", ""});
  edit_draft(*store, id, most);
  EXPECT_EQ(get(id).addressees.size(), kMaxAddressees);
}

TEST_F(CorrespondenceRulesTest, AnotherCitysCorrespondentMayReadButNotWriteALetterToIt) {
  LetterId draft = create_draft(*store, library, to(s.coventry));
  store->set_actor(correspondent(s.coventry));
  EXPECT_EQ(get(draft).status, LetterStatus::kDraft);  // addressed to Coventry: readable
  DraftEdit e;
  e.body = "Coventry's words.";
  EXPECT_TRUE(refused([&] { edit_draft(*store, draft, e); }, ErrorCode::kForbidden, "",
                      "a correspondent may only write letters of its own city's offices"));
  EXPECT_EQ(testing::code_of([&] {
              attach_file(*store, draft, {"a.txt", "", "x"});
            }),
            ErrorCode::kForbidden);
  EXPECT_EQ(testing::code_of([&] { register_letter(*store, draft, on("2013-09-06")); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(testing::code_of([&] { register_incoming(*store, incoming_from(s.coventry), {}); }),
            ErrorCode::kForbidden);
  store->set_actor(Actor{0, "press", Role::kViewer, std::nullopt, std::nullopt});
  EXPECT_TRUE(refused([&] { create_draft(*store, library, to(s.coventry)); }, ErrorCode::kForbidden,
                      "",
                      "only coordinators, admins and the city's correspondent may write letters"));
  store->set_actor(Actor{});
  Letter l = get(draft);
  EXPECT_EQ(l.status, LetterStatus::kDraft);
  EXPECT_EQ(l.body, "Text.");
  EXPECT_TRUE(l.attachments.empty());
  EXPECT_EQ(letters(), 1);
}

TEST_F(CorrespondenceRulesTest, AttachmentNamesMustBePlainFileNames) {
  LetterId id = create_draft(*store, library, to(s.coventry));
  for (const std::string& name :
       {std::string(), std::string(256, 'a'), std::string("."), std::string(".."),
        std::string("\xff.txt"), std::string("tab\t.txt"), std::string("del\x7f.txt"),
        std::string("back\\slash.txt"), std::string("dir/a.txt")}) {
    EXPECT_TRUE(refused(
        [&] {
          attach_file(*store, id, {name, "", "x"});
        },
        ErrorCode::kInvalidInput, "attachment", "must be a plain file name"))
        << name;
  }
  EXPECT_TRUE(refused(
      [&] {
        attach_file(*store, id, {"notes.md", std::string(256, 't'), "x"});
      },
      ErrorCode::kInvalidInput, "media_type", "longer than 255 bytes"));
  EXPECT_TRUE(get(id).attachments.empty());

  EXPECT_EQ(attach_file(*store, id, {std::string(251, 'a') + ".PDF", "", "%PDF"}).media_type,
            "application/pdf");  // 255 bytes, the extension in capitals
  EXPECT_EQ(attach_file(*store, id, {"README", "", "x"}).media_type, "application/octet-stream");
  EXPECT_EQ(attach_file(*store, id, {"archive.7z", "", "x"}).media_type,
            "application/octet-stream");
  EXPECT_EQ(attach_file(*store, id, {"photo.Jpeg", "", "x"}).media_type, "image/jpeg");
  EXPECT_EQ(attach_file(*store, id, {"notes.md", "text/markdown", "# Notes"}).media_type,
            "text/markdown");
  EXPECT_EQ(get(id).attachments.size(), 5u);
}

TEST_F(CorrespondenceRulesTest, ALetterCarriesAtMost32AttachmentsOf24MiBTogether) {
  DraftRequest crowded = to(s.coventry);
  for (std::size_t i = 0; i <= kMaxAttachments; ++i) {
    crowded.attachments.push_back({"page-" + std::to_string(i) + ".txt", "", "x"});
  }
  EXPECT_TRUE(refused([&] { create_draft(*store, library, crowded); }, ErrorCode::kInvalidInput,
                      "attachment", "a letter carries at most 32 attachments"));
  DraftRequest heavy = to(s.coventry);
  for (int i = 0; i < 4; ++i) {
    heavy.attachments.push_back(
        {"scan-" + std::to_string(i) + ".pdf", "", std::string(7u << 20, 'p')});
  }
  EXPECT_TRUE(refused([&] { register_outgoing(*store, library, heavy, on("2013-09-06")); },
                      ErrorCode::kInvalidInput, "attachment",
                      "the attachments of a letter may total 25165824 bytes at most"));
  EXPECT_TRUE(refused([&] { create_draft(*store, library, heavy); }, ErrorCode::kInvalidInput,
                      "attachment", "may total 25165824 bytes"));
  EXPECT_EQ(letters(), 0);
  crowded.attachments.pop_back();
  LetterId full = create_draft(*store, library, crowded);
  EXPECT_EQ(get(full).attachments.size(), kMaxAttachments);
  EXPECT_TRUE(refused(
      [&] {
        attach_file(*store, full, {"one-more.txt", "", "x"});
      },
      ErrorCode::kInvalidInput, "attachment", "at most 32 attachments"));
  EXPECT_EQ(get(full).attachments.size(), kMaxAttachments);
}

TEST_F(CorrespondenceRulesTest, AttachmentBytesAreCheckedAgainstTheirHash) {
  DraftRequest r = to(s.coventry);
  r.attachments = {{"resolution.txt", "", "abc"}};
  LetterId id = register_outgoing(*store, library, r, on("2013-09-06")).id;
  std::int64_t attachment = get(id).attachments.at(0).id;
  EXPECT_EQ(attachment_bytes(*store, id, attachment), "abc");
  EXPECT_TRUE(refused([&] { attachment_bytes(*store, id, attachment + 1); }, ErrorCode::kNotFound,
                      "attachment",
                      "letter #" + std::to_string(id) +
                          " (No 19-024/1рс of 2013-09-06) has no "
                          "attachment #" +
                          std::to_string(attachment + 1)));
  EXPECT_TRUE(refused([&] { attachment_bytes(*store, 987654, attachment); }, ErrorCode::kNotFound,
                      "letter", "no letter #987654"));
  // The bytes changed behind the register's back ("xyz" in base64).
  store->db().execute("UPDATE letter_attachments SET content_base64 = 'eHl6' WHERE id = $1",
                      {attachment});
  EXPECT_TRUE(refused([&] { attachment_bytes(*store, id, attachment); }, ErrorCode::kUnavailable,
                      "",
                      "attachment 'resolution.txt' of letter #" + std::to_string(id) +
                          " (No 19-024/1рс of 2013-09-06) no longer matches its SHA-256"));
}

TEST_F(CorrespondenceRulesTest, RegistrationNeedsAFullPastDateAndOneLetterPerExplicitNumber) {
  LetterId draft = create_draft(*store, library, to(s.coventry));
  EXPECT_TRUE(refused([&] { register_letter(*store, draft, on("2013-09")); },
                      ErrorCode::kInvalidInput, "date",
                      "a registration date is a full date YYYY-MM-DD, not 2013-09"));
  EXPECT_TRUE(refused([&] { register_letter(*store, draft, on("2999-01-01")); },
                      ErrorCode::kInvalidInput, "date",
                      "registration date 2999-01-01 is in the future"));
  EXPECT_TRUE(
      refused([&] { register_letter(*store, draft, on("2013-09-06", std::string(101, '1'))); },
              ErrorCode::kInvalidInput, "number", "longer than 100 bytes"));
  EXPECT_TRUE(refused([&] { register_letter(*store, 987654, on("2013-09-06")); },
                      ErrorCode::kNotFound, "letter", "no letter #987654"));
  std::vector<Letter> wave = {prepare_draft(*store, library, to(s.coventry)),
                              prepare_draft(*store, library, to(s.hiroshima))};
  EXPECT_TRUE(refused([&] { register_prepared(*store, wave, on("2013-09-06", "19-024/7рс")); },
                      ErrorCode::kInvalidInput, "number",
                      "an explicit number registers one letter, not 2"));
  std::vector<std::vector<AttachmentInput>> files = {{}, {{"a/b.txt", "", "x"}}};
  EXPECT_TRUE(refused([&] { register_prepared(*store, wave, on("2013-09-06"), files); },
                      ErrorCode::kInvalidInput, "attachment", "must be a plain file name"));
  EXPECT_EQ(get(draft).status, LetterStatus::kDraft);
  EXPECT_EQ(letters(), 1);
  // Today is a valid date, and the default; nothing was used up by the refusals.
  Registration today = register_letter(*store, draft, {});
  EXPECT_EQ(today.number, "19-024/1рс");
  EXPECT_EQ(today.date, today_utc());
  EXPECT_EQ(register_prepared(*store, {wave[0]}, on("2013-09-06", "19-024/7рс"))[0].number,
            "19-024/7рс");
}

TEST_F(CorrespondenceRulesTest, ARunOfTakenNumbersIsReportedInsteadOfSpunOn) {
  // 10 000 numbers 19-024/1рс .. 19-024/10000рс are in the register while the
  // counter still stands at 1 (as after a faulty import): the next number
  // cannot be found within the limit, which is reported, not looped on.
  store->db().execute(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
      "INSERT INTO letters (office_id, direction, kind, status, number, reg_date, lang, template, "
      "created_at, updated_at) SELECT $1, 'outgoing', 'letter', 'registered', "
      "'19-024/' || i || 'рс', '2013-09-01', 'ru', 'letter', '2013-09-01T00:00:00Z', "
      "'2013-09-01T00:00:00Z' FROM n",
      {s.office});
  ASSERT_EQ(letters(), 10000);
  EXPECT_TRUE(refused([&] { register_outgoing(*store, library, to(s.coventry), on("2013-09-06")); },
                      ErrorCode::kConflict, "number",
                      "office volgograd: 10000 numbers in a row up to No 19-024/10000рс are "
                      "already registered; check its numbering pattern"));
  EXPECT_EQ(letters(), 10000);
  // An explicit number past them moves the counter, and numbering goes on.
  EXPECT_EQ(
      register_outgoing(*store, library, to(s.coventry), on("2013-09-06", "19-024/10001рс")).number,
      "19-024/10001рс");
  EXPECT_EQ(register_outgoing(*store, library, to(s.coventry), on("2013-09-06")).number,
            "19-024/10002рс");
}

TEST_F(CorrespondenceRulesTest, IncomingLettersRefuseBadSendersAndDates) {
  IncomingRequest month = incoming_from(s.coventry);
  month.sender_date = parse_partial_date("2013-09");
  EXPECT_TRUE(refused([&] { register_incoming(*store, month, on("2013-10-01")); },
                      ErrorCode::kInvalidInput, "sender_date",
                      "the sender's date is a full date YYYY-MM-DD"));
  IncomingRequest long_number = incoming_from(s.coventry);
  long_number.sender_number = std::string(101, '7');
  EXPECT_TRUE(refused([&] { register_incoming(*store, long_number, on("2013-10-01")); },
                      ErrorCode::kInvalidInput, "sender_number", "longer than 100 bytes"));
  EXPECT_EQ(
      testing::code_of([&] { register_incoming(*store, incoming_from(987654), on("2013-10-01")); }),
      ErrorCode::kNotFound);
  IncomingRequest blank = incoming_from(s.coventry);
  blank.sender.city_id.reset();
  blank.sender.letterhead = "   ";
  EXPECT_TRUE(refused([&] { register_incoming(*store, blank, on("2013-10-01")); },
                      ErrorCode::kInvalidInput, "sender",
                      "an incoming letter needs its sender: a city or a letterhead"));
  IncomingRequest bad_fax = incoming_from(s.coventry);
  bad_fax.sender.fax = "\xfe";
  EXPECT_TRUE(refused([&] { register_incoming(*store, bad_fax, on("2013-10-01")); },
                      ErrorCode::kInvalidInput, "fax", "not valid UTF-8"));
  IncomingRequest to_nowhere = incoming_from(s.coventry);
  to_nowhere.addressees = {Addressee{987654, "", "", ""}};
  EXPECT_EQ(testing::code_of([&] { register_incoming(*store, to_nowhere, on("2013-10-01")); }),
            ErrorCode::kNotFound);
  IncomingRequest dangling = incoming_from(s.coventry);
  dangling.links = {LetterLink{LetterLinkKind::kReplyTo, 987654, "", {}}};
  EXPECT_TRUE(refused([&] { register_incoming(*store, dangling, on("2013-10-01")); },
                      ErrorCode::kNotFound, "links", "no letter #987654"));
  IncomingRequest bad_lang = incoming_from(s.coventry);
  bad_lang.lang = "english please";
  EXPECT_TRUE(refused([&] { register_incoming(*store, bad_lang, on("2013-10-01")); },
                      ErrorCode::kInvalidInput, "lang", ""));
  IncomingRequest future = incoming_from(s.coventry);
  EXPECT_TRUE(refused([&] { register_incoming(*store, future, on("2999-10-01")); },
                      ErrorCode::kInvalidInput, "date", "is in the future"));
  EXPECT_EQ(letters(), 0);
  // The counter was not used up by the refusals.
  EXPECT_EQ(register_incoming(*store, incoming_from(s.coventry), on("2013-10-01")).number, "IN-1");
}

TEST_F(CorrespondenceRulesTest, IncomingLetterKindFollowsItsLinks) {
  LetterId appeal = registered_to(s.coventry);
  IncomingRequest copy = incoming_from(s.coventry);
  copy.links = {LetterLink{LetterLinkKind::kForwardOf, appeal, "", {}}};
  copy.addressees = {Addressee{std::nullopt, "Department of International Relations", "", ""},
                     Addressee{s.volgograd, "", "", ""}};
  copy.sender_date = parse_partial_date("2013-09-30");
  Letter c = get(register_incoming(*store, copy, on("2013-10-01")).id);
  EXPECT_EQ(c.kind, LetterKind::kForward);
  ASSERT_EQ(c.addressees.size(), 2u);
  EXPECT_EQ(c.addressees[0].title, "Department of International Relations");
  EXPECT_EQ(c.sender_date->to_string(), "2013-09-30");
  EXPECT_EQ(get(appeal).status, LetterStatus::kRegistered);  // a copy answers nothing

  IncomingRequest both = incoming_from(s.coventry);
  both.links = {LetterLink{LetterLinkKind::kForwardOf, appeal, "", {}},
                LetterLink{LetterLinkKind::kReplyTo, appeal, "", {}}};
  EXPECT_EQ(get(register_incoming(*store, both, on("2013-10-02")).id).kind, LetterKind::kReply);
  EXPECT_EQ(get(appeal).status, LetterStatus::kAnswered);
  IncomingRequest reversed = incoming_from(s.coventry);
  reversed.links = {LetterLink{LetterLinkKind::kReplyTo, appeal, "", {}},
                    LetterLink{LetterLinkKind::kForwardOf, appeal, "", {}}};
  EXPECT_EQ(get(register_incoming(*store, reversed, on("2013-10-03")).id).kind, LetterKind::kReply);
  IncomingRequest reminder = incoming_from(s.coventry);
  reminder.links = {LetterLink{LetterLinkKind::kReminderOf, appeal, "", {}}};
  EXPECT_EQ(get(register_incoming(*store, reminder, on("2013-10-04")).id).kind,
            LetterKind::kLetter);
}

TEST_F(CorrespondenceRulesTest, RepliesAnswerRegisteredAndSentLettersOnce) {
  LetterId appeal = registered_to(s.coventry);
  mark_sent(*store, appeal, parse_partial_date("2013-09-07"));
  FollowUp f;
  f.body = "We agree.";
  f.register_now = on("2013-09-20");
  LetterId first = reply(*store, library, appeal, f);
  EXPECT_EQ(get(appeal).status, LetterStatus::kAnswered);
  EXPECT_EQ(get(appeal).sent_date->to_string(), "2013-09-07");
  f.body = "And we add one more thing.";
  f.register_now = on("2013-09-21");
  LetterId second = reply(*store, library, appeal, f);
  EXPECT_EQ(get(appeal).status, LetterStatus::kAnswered);
  EXPECT_EQ(get(first).number, "CCC/2013/0001");
  EXPECT_EQ(get(second).number, "CCC/2013/0002");
  EXPECT_EQ(letter_view(*store, appeal).referred_by.size(), 2u);
}

TEST_F(CorrespondenceRulesTest, FollowUpsRefuseDraftsAndBadOffices) {
  LetterId draft = create_draft(*store, library, to(s.coventry));
  FollowUp f;
  f.body = "Body.";
  f.addressees = {Addressee{s.dresden, "", "", ""}};
  std::string draft_name = "letter #" + std::to_string(draft) + " is a draft: register it before";
  EXPECT_TRUE(refused([&] { reply(*store, library, draft, f); }, ErrorCode::kConflict, "original",
                      draft_name + " writing a reply to it"));
  EXPECT_TRUE(refused([&] { forward(*store, library, draft, f); }, ErrorCode::kConflict, "original",
                      "writing a forwarded copy to it"));
  EXPECT_TRUE(refused([&] { correct(*store, library, draft, f); }, ErrorCode::kConflict, "original",
                      "writing a correction to it"));
  EXPECT_TRUE(refused([&] { reply(*store, library, 987654, f); }, ErrorCode::kNotFound, "original",
                      "no letter #987654"));
  // Our own outgoing letter is not ours to answer.
  LetterId appeal = registered_to(s.coventry);
  FollowUp own = f;
  own.office = s.office;
  EXPECT_TRUE(refused([&] { reply(*store, library, appeal, own); }, ErrorCode::kInvalidInput,
                      "office",
                      "office #" + std::to_string(s.office) + " did not receive letter #"));
  EXPECT_TRUE(refused([&] { reply(*store, library, appeal, FollowUp{}); }, ErrorCode::kInvalidInput,
                      "body", "a reply needs a body"));
  // Nobody in Dresden has an office to answer from.
  LetterId to_dresden = registered_to(s.dresden, "2013-09-07");
  EXPECT_TRUE(refused([&] { reply(*store, library, to_dresden, f); }, ErrorCode::kNotFound,
                      "office",
                      "no office you may write for received letter #" + std::to_string(to_dresden) +
                          " (No 19-024/2рс of 2013-09-07)"));
  EXPECT_EQ(letters(), 3);
}

TEST_F(CorrespondenceRulesTest, AFollowUpOfficeIsTheOnlyOneThatFits) {
  // A circular to Coventry and to no city in particular.
  DraftRequest circular = to(s.coventry);
  circular.addressees.push_back(Addressee{std::nullopt, "Мэру города-побратима", "", ""});
  LetterId appeal = register_outgoing(*store, library, circular, on("2013-09-06")).id;
  FollowUp f;
  f.body = "Coventry answers.";
  EXPECT_EQ(get(reply(*store, library, appeal, f)).office_id, coventry_office);
  OfficeId second = office("coventry-2", s.coventry, "C2-{seq}");
  EXPECT_TRUE(refused([&] { reply(*store, library, appeal, f); }, ErrorCode::kAmbiguous, "office",
                      "several offices could write it (coventry, coventry-2): name one"));
  f.office = second;
  EXPECT_EQ(get(reply(*store, library, appeal, f)).office_id, second);
  // A correspondent of Coventry picks its own city's offices only.
  OfficeId hiroshima_office = office("hiroshima", s.hiroshima, "H-{seq}");
  DraftRequest two = to(s.hiroshima);
  two.addressees.push_back(Addressee{s.coventry, "", "", ""});
  LetterId to_two = register_outgoing(*store, library, two, on("2013-09-07")).id;
  store->set_actor(correspondent(s.coventry));
  FollowUp mine;
  mine.body = "Coventry answers.";
  EXPECT_TRUE(refused([&] { reply(*store, library, to_two, mine); }, ErrorCode::kAmbiguous,
                      "office", "(coventry, coventry-2)"));
  mine.office = hiroshima_office;
  EXPECT_TRUE(refused([&] { reply(*store, library, to_two, mine); }, ErrorCode::kForbidden, "",
                      "a correspondent may only write letters of its own city's offices"));
  store->set_actor(Actor{});
  EXPECT_EQ(get(reply(*store, library, to_two, mine)).office_id, hiroshima_office);
}

TEST_F(CorrespondenceRulesTest, ForwardFallsBackToTheOriginalsOwnOffice) {
  LetterId to_dresden = registered_to(s.dresden);
  FollowUp f;
  f.addressees = {Addressee{s.hiroshima, "", "", ""}};
  f.body = "For your information.";
  f.signatory_name = "A. Ivanov";
  f.signatory_title = "Deputy Head of Volgograd";
  Letter copy = get(forward(*store, library, to_dresden, f));
  EXPECT_EQ(copy.office_id, s.office);
  EXPECT_EQ(copy.kind, LetterKind::kForward);
  EXPECT_EQ(copy.sender.signatory_name, "A. Ivanov");
  EXPECT_EQ(copy.sender.signatory_title, "Deputy Head of Volgograd");
  // The sender may forward its own letter even where an addressee has an office.
  LetterId to_coventry = registered_to(s.coventry, "2013-09-07");
  f.office = s.office;
  EXPECT_EQ(get(forward(*store, library, to_coventry, f)).office_id, s.office);
  f.office.reset();
  EXPECT_EQ(get(forward(*store, library, to_coventry, f)).office_id, coventry_office);
  // A correspondent of Coventry may not forward from Volgograd's register,
  // neither a letter Volgograd sent nor one it received from Coventry.
  LetterId received = register_incoming(*store, incoming_from(s.coventry), on("2013-09-08")).id;
  store->set_actor(correspondent(s.coventry));
  EXPECT_TRUE(refused([&] { forward(*store, library, received, f); }, ErrorCode::kNotFound,
                      "office", "no office you may write for received letter #"));
  FollowUp from_volgograd = f;
  from_volgograd.office = s.office;
  EXPECT_EQ(testing::code_of([&] { forward(*store, library, to_coventry, from_volgograd); }),
            ErrorCode::kForbidden);
}

TEST_F(CorrespondenceRulesTest, ReplyToAnIncomingLetterGoesToItsSender) {
  IncomingRequest in;
  in.office = s.office;
  in.sender.letterhead = "Ministry of Foreign Affairs";
  in.sender.signatory_name = "S. Lavrov";
  in.sender.address = "Smolenskaya-Sennaya Sq. 32/34, Moscow";
  in.lang = "ru";
  in.body = "Просим сообщить.";
  Registration reg = register_incoming(*store, in, on("2013-10-01"));
  Letter received = get(reg.id);
  ASSERT_EQ(received.addressees.size(), 1u);
  EXPECT_EQ(received.addressees[0].city_id, s.volgograd);  // the office's city by default
  EXPECT_EQ(received.addressees[0].title, "Administration of Volgograd");
  FollowUp f;
  f.body = "Сообщаем.";
  Letter answer = get(reply(*store, library, reg.id, f));
  EXPECT_EQ(answer.office_id, s.office);
  EXPECT_EQ(answer.lang, "ru");
  ASSERT_EQ(answer.addressees.size(), 1u);
  EXPECT_FALSE(answer.addressees[0].city_id.has_value());
  EXPECT_EQ(answer.addressees[0].title, "Ministry of Foreign Affairs");
  EXPECT_EQ(answer.addressees[0].name, "S. Lavrov");
  EXPECT_EQ(answer.addressees[0].address, "Smolenskaya-Sennaya Sq. 32/34, Moscow");
  FollowUp elsewhere = f;
  elsewhere.addressees = {Addressee{std::nullopt, "Department of Protocol", "", "Moscow"}};
  elsewhere.lang = "en";
  Letter other = get(reply(*store, library, reg.id, elsewhere));
  EXPECT_EQ(other.addressees[0].title, "Department of Protocol");
  EXPECT_EQ(other.lang, "en");
  // Incoming letters are neither reminded of nor corrected by us.
  EXPECT_TRUE(refused([&] { remind(*store, library, reg.id, {}); }, ErrorCode::kInvalidInput,
                      "original", "is incoming: reminders are sent about our own letters"));
  EXPECT_TRUE(refused([&] { correct(*store, library, reg.id, {}); }, ErrorCode::kInvalidInput,
                      "original", "is incoming: only its sender can correct it"));
  EXPECT_TRUE(refused([&] { mark_sent(*store, reg.id, parse_partial_date("2013-10-02")); },
                      ErrorCode::kConflict, "letter",
                      "letter #" + std::to_string(reg.id) +
                          " (No IN-1 of 2013-10-01) is incoming: it cannot be sent"));
  EXPECT_EQ(get(reg.id).status, LetterStatus::kReceived);
}

TEST_F(CorrespondenceRulesTest, RemindersComeFromTheSendingOfficeBeforeAnyAnswer) {
  LetterId appeal = registered_to(s.coventry);
  FollowUp other;
  other.office = coventry_office;
  EXPECT_TRUE(refused([&] { remind(*store, library, appeal, other); }, ErrorCode::kInvalidInput,
                      "office",
                      "a reminder comes from the office that sent the letter (volgograd)"));
  FollowUp same;
  same.office = s.office;
  same.lang = "en";
  Letter r = get(remind(*store, library, appeal, same));
  EXPECT_EQ(r.kind, LetterKind::kReminder);
  EXPECT_EQ(r.lang, "en");
  // Answered without a reply on record (set by hand): still no reminder.
  store::LetterStore(*store).set_status(appeal, LetterStatus::kAnswered);
  EXPECT_TRUE(refused([&] { remind(*store, library, appeal, {}); }, ErrorCode::kConflict,
                      "original",
                      "letter #" + std::to_string(appeal) +
                          " (No 19-024/1рс of 2013-09-06) was answered: no reminder after an "
                          "answer"));
  EXPECT_EQ(letters(), 2);
}

TEST_F(CorrespondenceRulesTest, ACircularIsRemindedOnlyToThoseWhoDidNotAnswer) {
  office("hiroshima", s.hiroshima, "H-{seq}");
  DraftRequest circular = to(s.coventry);
  circular.addressees.push_back(Addressee{s.hiroshima, "", "", ""});
  LetterId appeal = register_outgoing(*store, library, circular, on("2013-09-06")).id;
  // Letters referring to it that are no answers: a draft reply, a reminder.
  FollowUp draft_reply;
  draft_reply.body = "Draft answer.";
  draft_reply.office = coventry_office;
  reply(*store, library, appeal, draft_reply);
  FollowUp to_hiroshima;
  to_hiroshima.addressees = {Addressee{s.hiroshima, "", "", ""}};
  remind(*store, library, appeal, to_hiroshima);
  // Coventry answers, and so does a ministry (a sender that is no city).
  FollowUp answer;
  answer.body = "Coventry supports it.";
  answer.office = coventry_office;
  answer.register_now = on("2013-09-20");
  reply(*store, library, appeal, answer);
  IncomingRequest ministry;
  ministry.office = s.office;
  ministry.sender.letterhead = "Ministry of Foreign Affairs";
  ministry.links = {LetterLink{LetterLinkKind::kReplyTo, appeal, "", {}}};
  Registration from_ministry = register_incoming(*store, ministry, on("2013-09-21"));
  // Hiroshima has not answered: the circular is not answered (issue 13).
  EXPECT_EQ(get(appeal).status, LetterStatus::kRegistered);

  Letter again = get(remind(*store, library, appeal, to_hiroshima));
  ASSERT_EQ(again.addressees.size(), 1u);
  EXPECT_EQ(again.addressees[0].city_id, s.hiroshima);
  FollowUp to_coventry;
  to_coventry.addressees = {Addressee{s.coventry, "", "", ""}};
  EXPECT_TRUE(refused([&] { remind(*store, library, appeal, to_coventry); }, ErrorCode::kConflict,
                      "original", "was answered by No CCC/2013/0001 of 2013-09-20"));
  EXPECT_TRUE(refused([&] { remind(*store, library, appeal, {}); }, ErrorCode::kConflict,
                      "original", "was answered by No CCC/2013/0001"));
  // A target that is no city cannot be told apart from other senders that
  // are no city: the ministry's answer counts for it (letters/answers.h).
  FollowUp mixed = to_hiroshima;
  mixed.addressees.push_back(Addressee{std::nullopt, "The Governor of Hiroshima", "", ""});
  EXPECT_TRUE(refused([&] { remind(*store, library, appeal, mixed); }, ErrorCode::kConflict,
                      "original", "was answered by No " + from_ministry.number));
  EXPECT_EQ(letters(), 6);
}

TEST_F(CorrespondenceRulesTest, CorrectionsComeFromTheSendingOfficeAndTakeOverrides) {
  DraftRequest r = to(s.coventry);
  r.subject = "Twin cities";
  r.response_deadline = parse_partial_date("2013-11-01");
  LetterId appeal = register_outgoing(*store, library, r, on("2013-09-06")).id;
  FollowUp other;
  other.office = coventry_office;
  EXPECT_TRUE(refused([&] { correct(*store, library, appeal, other); }, ErrorCode::kInvalidInput,
                      "office",
                      "a correction comes from the office that sent the letter (volgograd)"));
  Letter kept = get(correct(*store, library, appeal, {}));
  EXPECT_EQ(kept.subject, "Twin cities");
  EXPECT_EQ(kept.response_deadline->to_string(), "2013-11-01");
  EXPECT_EQ(kept.addressees[0].city_id, s.coventry);
  FollowUp f;
  f.office = s.office;
  f.subject = "Twin cities (corrected)";
  f.salutation = "Dear Lord Mayor,";
  f.closing = "Sincerely,";
  f.lang = "en";
  f.addressees = {Addressee{s.hiroshima, "", "", ""}};
  f.response_deadline = parse_partial_date("2013-12-01");
  Letter c = get(correct(*store, library, appeal, f));
  EXPECT_EQ(c.kind, LetterKind::kCorrection);
  EXPECT_EQ(c.subject, "Twin cities (corrected)");
  EXPECT_EQ(c.salutation, "Dear Lord Mayor,");
  EXPECT_EQ(c.closing, "Sincerely,");
  EXPECT_EQ(c.addressees[0].city_id, s.hiroshima);
  EXPECT_EQ(c.response_deadline->to_string(), "2013-12-01");
  EXPECT_EQ(get(appeal).subject, "Twin cities");
}

TEST_F(CorrespondenceRulesTest, OnlyRegisteredOutgoingLettersAreSentOnAFullDate) {
  LetterId draft = create_draft(*store, library, to(s.coventry));
  EXPECT_TRUE(refused([&] { mark_sent(*store, draft, parse_partial_date("2013-09")); },
                      ErrorCode::kInvalidInput, "date", "a full date YYYY-MM-DD"));
  EXPECT_TRUE(refused([&] { mark_sent(*store, draft, parse_partial_date("2013-09-06")); },
                      ErrorCode::kConflict, "letter",
                      "letter #" + std::to_string(draft) + " is draft: register it first"));
  LetterId sent = registered_to(s.coventry);
  mark_sent(*store, sent);  // today
  EXPECT_EQ(get(sent).sent_date, today_utc());
  EXPECT_TRUE(refused([&] { mark_sent(*store, sent); }, ErrorCode::kConflict, "letter",
                      "(No 19-024/1рс of 2013-09-06) is sent"));
  EXPECT_EQ(get(draft).status, LetterStatus::kDraft);
}

TEST_F(CorrespondenceRulesTest, WhoMayReadWhichLetter) {
  LetterId to_coventry = registered_to(s.coventry);
  LetterId to_dresden = registered_to(s.dresden, "2013-09-07");
  FollowUp f;
  f.addressees = {Addressee{s.dresden, "", "", ""}};
  f.office = s.office;
  forward(*store, library, to_coventry, f);  // Volgograd to Dresden: not Coventry's
  f.addressees.clear();
  f.office = coventry_office;
  f.body = "Yes.";
  reply(*store, library, to_coventry, f);
  EXPECT_TRUE(letter_readable(*store, 987654));  // an administrator reads without asking
  EXPECT_EQ(letter_view(*store, to_coventry).referred_by.size(), 2u);
  EXPECT_EQ(count_letters(*store, {}), 4);

  store->set_actor(correspondent(s.coventry));
  EXPECT_TRUE(letter_readable(*store, to_coventry));
  EXPECT_FALSE(letter_readable(*store, to_dresden));
  EXPECT_FALSE(letter_readable(*store, 987654));
  EXPECT_EQ(letter_view(*store, to_coventry).referred_by.size(), 1u);
  EXPECT_EQ(count_letters(*store, {}), 2);
  EXPECT_TRUE(refused(
      [&] { letter_view(*store, to_dresden, "--letter"); }, ErrorCode::kForbidden, "--letter",
      "letter #" + std::to_string(to_dresden) + " is not in the register of your city"));
  EXPECT_TRUE(refused([&] { letter_document(*store, library, to_dresden); }, ErrorCode::kForbidden,
                      "letter", "not in the register of your city"));
  EXPECT_TRUE(overdue_letters(*store, parse_partial_date("2014-01-01"), s.office).empty());

  store->set_actor(correspondent(std::nullopt));  // bound to no city: sees nothing
  EXPECT_TRUE(list_letters(*store, {}).empty());
  EXPECT_EQ(count_letters(*store, {}), 0);
  EXPECT_FALSE(letter_readable(*store, to_coventry));

  store->set_actor(Actor{0, "press", Role::kViewer, std::nullopt, std::nullopt});
  EXPECT_FALSE(letter_readable(*store, to_coventry));
  EXPECT_TRUE(refused([&] { count_letters(*store, {}); }, ErrorCode::kForbidden, "",
                      "the correspondence register is not public"));
}

TEST_F(CorrespondenceRulesTest, ReferencesAreIdsOrNumbers) {
  LetterId plain = registered_to(s.coventry);
  LetterId numeric =
      register_outgoing(*store, library, to(s.hiroshima), on("2013-09-07", "2024")).id;
  EXPECT_TRUE(refused([&] { resolve_letter(*store, "  "); }, ErrorCode::kNotFound, "letter",
                      "no letter numbered ''"));
  EXPECT_TRUE(refused([&] { resolve_letter(*store, "#"); }, ErrorCode::kNotFound, "letter",
                      "no letter numbered '#'"));
  EXPECT_TRUE(refused([&] { resolve_letter(*store, "1234567890123456789"); }, ErrorCode::kNotFound,
                      "letter", "no letter numbered '1234567890123456789'"));
  // Digits alone are an id, unless an office is named: then a number.
  EXPECT_EQ(resolve_letter(*store, std::to_string(plain)), plain);
  EXPECT_EQ(resolve_letter(*store, "2024", s.office), numeric);
  EXPECT_EQ(resolve_letter(*store, "#" + std::to_string(plain), s.office), plain);
  EXPECT_TRUE(refused([&] { resolve_letter(*store, "19-024/1рс", coventry_office); },
                      ErrorCode::kNotFound, "letter", "no letter numbered '19-024/1рс'"));
}

TEST_F(CorrespondenceRulesTest, PdfNamesComeFromTheNumber) {
  LetterId draft = create_draft(*store, library, to(s.coventry));
  EXPECT_EQ(letter_pdf_name(get(draft)), "draft-" + std::to_string(draft) + ".pdf");
  LetterId registered =
      register_outgoing(*store, library, to(s.coventry), on("2013-09-06", "19-024/125рс")).id;
  EXPECT_EQ(letter_pdf_name(get(registered)), "19-024_125рс.pdf");
}

TEST_F(CorrespondenceRulesTest, ARegisterGrantLetsACorrespondentFileOneStepOnly) {
  LetterId appeal = registered_to(s.coventry);
  store->set_actor(correspondent(s.coventry));
  IncomingRequest answer = incoming_from(s.coventry);
  answer.links = {LetterLink{LetterLinkKind::kReplyTo, appeal, "", {}}};
  EXPECT_EQ(testing::code_of([&] { register_incoming(*store, answer, on("2013-09-20")); }),
            ErrorCode::kForbidden);
  {
    RegisterGrant grant(*store, s.volgograd);
    EXPECT_EQ(store->actor().granted_register_city, s.volgograd);
    EXPECT_THROW(RegisterGrant(*store, s.dresden), std::logic_error);
    EXPECT_EQ(store->actor().granted_register_city, s.volgograd);
    EXPECT_EQ(register_incoming(*store, answer, on("2013-09-20")).number, "IN-1");
  }
  EXPECT_FALSE(store->actor().granted_register_city.has_value());
  EXPECT_EQ(store->actor().role, Role::kCorrespondent);
  EXPECT_EQ(testing::code_of([&] { register_incoming(*store, answer, on("2013-09-21")); }),
            ErrorCode::kForbidden);
  store->set_actor(Actor{});
  EXPECT_EQ(get(appeal).status, LetterStatus::kAnswered);
  EXPECT_EQ(letters(), 2);
}

}  // namespace
}  // namespace twinning::letters
