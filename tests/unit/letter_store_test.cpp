#include "store/letter_store.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/audit_log.h"
#include "store/city_store.h"
#include "store/office_store.h"
#include "support/test_support.h"

namespace twinning::store {
namespace {

class LetterStoreTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<Store> store = testing::open_scratch_store(dir);
  LetterStore letters{*store};
  CityId volgograd = city("Volgograd", "RU");
  CityId coventry = city("Coventry", "GB");
  OfficeId office = [this] {
    Office o;
    o.code = "volgograd";
    o.city_id = volgograd;
    o.name = "Volgograd";
    o.outgoing_pattern = "19-024/{seq}рс";
    o.incoming_pattern = "IN-{seq}";
    return OfficeStore(*store).create(o);
  }();

  CityId city(const std::string& name, const std::string& cc) {
    City c;
    c.name = name;
    c.country = cc;
    return CityStore(*store).create(c);
  }
  Letter draft() const {
    Letter l;
    l.office_id = office;
    l.lang = "ru";
    l.template_name = "letter";
    l.sender.city_id = volgograd;
    l.sender.signatory_name = "В.Д. Васильков";
    l.addressees = {Addressee{coventry, "Мэру города Ковентри", "", "Coventry"}};
    l.subject = "Обращение";
    l.body = "Текст.";
    l.response_deadline = parse_partial_date("2013-10-01");
    return l;
  }
  Letter registered(const std::string& number, const char* date = "2013-09-06") const {
    Letter l = draft();
    l.status = LetterStatus::kRegistered;
    l.number = number;
    l.date = parse_partial_date(date);
    return l;
  }
};

TEST_F(LetterStoreTest, StoresAndReadsBackEveryField) {
  LetterId id = letters.insert(registered("19-024/125рс"));
  Letter l = letters.require(id);
  EXPECT_EQ(l.status, LetterStatus::kRegistered);
  EXPECT_EQ(l.number, "19-024/125рс");
  EXPECT_EQ(l.date->to_string(), "2013-09-06");
  EXPECT_EQ(l.sender.city_id, volgograd);
  EXPECT_EQ(l.sender.signatory_name, "В.Д. Васильков");
  ASSERT_EQ(l.addressees.size(), 1u);
  EXPECT_EQ(l.addressees[0].title, "Мэру города Ковентри");
  EXPECT_EQ(l.addressees[0].address, "Coventry");
  EXPECT_EQ(l.response_deadline->to_string(), "2013-10-01");
  EXPECT_FALSE(l.created_at.empty());
  auto audit = AuditLog(*store).list({"letter", std::to_string(id), "", 0, 10});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].after["number"], "19-024/125рс");
}

TEST_F(LetterStoreTest, NumbersAreUniquePerOffice) {
  letters.insert(registered("19-024/125рс"));
  try {
    letters.insert(registered("19-024/125рс"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConflict);
  }
  EXPECT_TRUE(letters.number_taken(office, "19-024/125рс"));
  EXPECT_FALSE(letters.number_taken(office, "19-024/126рс"));
  EXPECT_EQ(letters.find_by_number("19-024/125рс").size(), 1u);
}

TEST_F(LetterStoreTest, DraftsChangeRegisteredLettersDoNot) {
  LetterId id = letters.insert(draft());
  Letter l = letters.require(id);
  l.body = "Новый текст.";
  l.addressees.push_back(Addressee{std::nullopt, "Мэру города-побратима", "", ""});
  letters.update_draft(l);
  EXPECT_EQ(letters.require(id).body, "Новый текст.");
  EXPECT_EQ(letters.require(id).addressees.size(), 2u);

  letters.register_number(id, "19-024/1рс", parse_partial_date("2013-09-07"),
                          LetterStatus::kRegistered);
  Letter frozen = letters.require(id);
  EXPECT_EQ(frozen.number, "19-024/1рс");
  frozen.body = "Подмена.";
  frozen.addressees.clear();
  try {
    letters.update_draft(frozen);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConflict);
    EXPECT_NE(std::string(e.what()).find("can no longer be edited"), std::string::npos);
  }
  EXPECT_EQ(letters.require(id).body, "Новый текст.");
  EXPECT_EQ(letters.require(id).addressees.size(), 2u);
  EXPECT_THROW(letters.register_number(id, "19-024/2рс", parse_partial_date("2013-09-07"),
                                       LetterStatus::kRegistered),
               Error);
  EXPECT_EQ(letters.require(id).number, "19-024/1рс");
}

TEST_F(LetterStoreTest, LinksCiteTheTargetsNumber) {
  LetterId original = letters.insert(registered("19-024/125рс"));
  Letter in = registered("IN-1", "2013-10-02");
  in.direction = LetterDirection::kIncoming;
  in.status = LetterStatus::kReceived;
  in.sender_number = "CCC/88";
  in.sender_date = parse_partial_date("2013-09-30");
  in.links = {LetterLink{LetterLinkKind::kReplyTo, original, "", {}}};
  LetterId reply = letters.insert(in);
  Letter r = letters.require(reply);
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].target_number, "19-024/125рс");
  EXPECT_EQ(r.links[0].target_date->to_string(), "2013-09-06");
  Letter answer = draft();
  answer.links = {LetterLink{LetterLinkKind::kReplyTo, reply, "", {}}};
  Letter a = letters.require(letters.insert(answer));
  EXPECT_EQ(a.links[0].target_number, "CCC/88");  // their number, not our IN-1
  auto refs = letters.referring(original);
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].letter.id, reply);
  EXPECT_EQ(refs[0].kind, LetterLinkKind::kReplyTo);
  Letter bad = draft();
  bad.links = {LetterLink{LetterLinkKind::kReplyTo, 9999, "", {}}};
  EXPECT_THROW(letters.insert(bad), Error);  // foreign key
}

TEST_F(LetterStoreTest, StatusChangesOnlyForRegisteredLetters) {
  LetterId d = letters.insert(draft());
  EXPECT_THROW(letters.set_status(d, LetterStatus::kSent), Error);
  LetterId id = letters.insert(registered("19-024/125рс"));
  letters.set_status(id, LetterStatus::kSent, parse_partial_date("2013-09-07"));
  letters.set_status(id, LetterStatus::kAnswered);
  Letter l = letters.require(id);
  EXPECT_EQ(l.status, LetterStatus::kAnswered);
  EXPECT_EQ(l.sent_date->to_string(), "2013-09-07");
}

TEST_F(LetterStoreTest, ListFiltersByOfficeCityStatusAndOverdue) {
  LetterId a = letters.insert(registered("19-024/1рс"));
  Letter no_deadline = registered("19-024/2рс");
  no_deadline.response_deadline.reset();
  LetterId b = letters.insert(no_deadline);
  Letter to_nobody = draft();
  to_nobody.addressees = {Addressee{std::nullopt, "Мэру города-побратима", "", ""}};
  LetterId c = letters.insert(to_nobody);
  CityId paris = city("Paris", "FR");

  auto ids = [&](const LetterQuery& q) {
    std::vector<LetterId> out;
    for (const auto& s : letters.list(q)) out.push_back(s.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<LetterId>{a, b, c}));
  LetterQuery q;
  q.status = LetterStatus::kDraft;
  EXPECT_EQ(ids(q), std::vector<LetterId>{c});
  q = {};
  q.overdue_on = parse_partial_date("2013-10-02");
  EXPECT_EQ(ids(q), std::vector<LetterId>{a});
  q.overdue_on = parse_partial_date("2013-10-01");  // due that day: not yet overdue
  EXPECT_TRUE(ids(q).empty());
  q = {};
  q.involving_city = coventry;
  EXPECT_EQ(ids(q), (std::vector<LetterId>{a, b}));
  q.involving_city = volgograd;  // the office's city
  EXPECT_EQ(ids(q), (std::vector<LetterId>{a, b, c}));
  q.involving_city = paris;
  EXPECT_TRUE(ids(q).empty());
  q = {};
  q.after_id = a;
  q.limit = 1;
  EXPECT_EQ(ids(q), std::vector<LetterId>{b});
  auto s = letters.summary(a);
  EXPECT_EQ(s.office_code, "volgograd");
  EXPECT_EQ(s.sender_city, "Volgograd");
  EXPECT_EQ(s.addressee, "Мэру города Ковентри");
  EXPECT_EQ(s.addressee_cities, std::vector<CityId>{coventry});
}

TEST_F(LetterStoreTest, NewestFirstPagesCountsAndNarrowsToAVisibleCity) {
  CityId kiel = city("Kiel", "DE");
  LetterId a = letters.insert(registered("19-024/9рс", "2013-09-06"));
  LetterId b = letters.insert(registered("19-024/10рс", "2013-09-06"));
  LetterId c = letters.insert(registered("19-024/11рс", "2013-09-07"));
  Letter to_kiel = draft();
  to_kiel.addressees = {Addressee{kiel, "", "", ""}};
  LetterId d = letters.insert(to_kiel);
  Letter many = registered("19-024/12рс", "2013-09-05");
  many.addressees = {Addressee{kiel, "", "", ""}, Addressee{coventry, "", "", ""}};
  LetterId e = letters.insert(many);

  auto ids = [&](const LetterQuery& q) {
    std::vector<LetterId> out;
    for (const auto& s : letters.list(q)) out.push_back(s.id);
    return out;
  };
  LetterQuery q;
  q.order = LetterOrder::kNewestFirst;
  // The draft, then by date descending; on one day "…/10рс" before "…/9рс".
  EXPECT_EQ(ids(q), (std::vector<LetterId>{d, c, b, a, e}));
  EXPECT_EQ(letters.count(q), 5);
  q.limit = 2;
  q.offset = 2;
  EXPECT_EQ(ids(q), (std::vector<LetterId>{b, a}));
  EXPECT_EQ(letters.count(q), 5);  // limit and offset do not count
  q.offset = 5;
  EXPECT_TRUE(ids(q).empty());

  // Both city conditions apply: the letters involving Kiel and Coventry.
  q = {};
  q.involving_city = kiel;
  EXPECT_EQ(ids(q), (std::vector<LetterId>{d, e}));
  q.visible_to_city = coventry;
  EXPECT_EQ(ids(q), std::vector<LetterId>{e});
  EXPECT_EQ(letters.count(q), 1);
  q.involving_city.reset();
  EXPECT_EQ(letters.count(q), 4);
  auto s = letters.list(q);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[3].id, e);
  EXPECT_EQ(s[3].addressee, "Kiel");  // no title: the first addressee's city
  EXPECT_EQ(s[3].addressee_cities, (std::vector<CityId>{kiel, coventry}));

  // More letters than one query of addressees takes (50): each keeps its own.
  for (int i = 0; i < 60; ++i) letters.insert(i % 2 ? to_kiel : draft());
  q = {};
  q.limit = 500;
  auto all = letters.list(q);
  ASSERT_EQ(all.size(), 65u);
  for (const auto& line : all) {
    ASSERT_FALSE(line.addressee_cities.empty()) << line.id;
    EXPECT_EQ(line.addressee_cities[0], line.addressee == "Kiel" ? kiel : coventry) << line.id;
  }
}

TEST_F(LetterStoreTest, AttachmentsKeepTheirBytes) {
  LetterId id = letters.insert(draft());
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  bytes += std::string("\0\0", 2);
  auto att = letters.add_attachment(id, "scan.bin", "application/octet-stream", bytes,
                                    std::string(64, '0'));
  EXPECT_EQ(letters.attachment_content(id, att), bytes);
  Letter l = letters.require(id);
  ASSERT_EQ(l.attachments.size(), 1u);
  EXPECT_EQ(l.attachments[0].size, 258);
  EXPECT_EQ(letters.attachment_content(id, letters.add_attachment(id, "empty.txt", "text/plain", "",
                                                                  std::string(64, '1'))),
            "");
  EXPECT_THROW(letters.add_attachment(id, "scan.bin", "x", "y", std::string(64, '2')), Error);
  EXPECT_THROW(letters.attachment_content(id, 999), Error);
}

}  // namespace
}  // namespace twinning::store
