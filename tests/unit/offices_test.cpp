#include "letters/offices.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/letter_store.h"
#include "store/office_store.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"

namespace twinning::letters {
namespace {

class OfficesTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  testing::LetterScenario s = testing::add_letter_scenario(*store);

  OfficeRequest request(const std::string& code, CityId city) const {
    OfficeRequest r;
    r.code = code;
    r.city_id = city;
    r.outgoing_pattern = "CCC/{yyyy}/{seq:4}";
    r.yearly_restart = true;
    return r;
  }
  ErrorCode error_of(const OfficeRequest& r, std::string* field = nullptr) {
    try {
      add_office(*store, r);
    } catch (const Error& e) {
      if (field) *field = e.field();
      return e.code();
    }
    ADD_FAILURE() << "accepted office " << r.code;
    return ErrorCode::kUnavailable;
  }
};

TEST_F(OfficesTest, AddsAnOfficeWithDefaults) {
  OfficeId id = add_office(*store, request("coventry", s.coventry));
  Office o = store::OfficeStore(*store).require(id);
  EXPECT_EQ(o.name, "Coventry");  // the city's name
  EXPECT_EQ(o.incoming_pattern, "IN-{yyyy}-{seq}");
  EXPECT_TRUE(o.yearly_restart);
  EXPECT_EQ(find_office(*store, "coventry").id, id);
  EXPECT_EQ(find_office(*store, std::to_string(id)).code, "coventry");
  EXPECT_EQ(office_of_city(*store, s.coventry).id, id);
  EXPECT_EQ(
      preview_next_number(*store, o, LetterDirection::kOutgoing, parse_partial_date("2013-09-06")),
      "CCC/2013/0001");
  EXPECT_EQ(
      preview_next_number(*store, o, LetterDirection::kIncoming, parse_partial_date("2014-01-02")),
      "IN-2014-1");
}

TEST_F(OfficesTest, RejectsBadOffices) {
  std::string field;
  EXPECT_EQ(error_of(request("Coventry Office", s.coventry), &field), ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "code");
  EXPECT_EQ(error_of(request("123", s.coventry)), ErrorCode::kInvalidInput);
  auto r = request("coventry", s.coventry);
  r.outgoing_pattern = "CCC/{seq}";  // yearly restart without a year
  EXPECT_EQ(error_of(r, &field), ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "outgoing_pattern");
  r = request("coventry", s.coventry);
  r.incoming_pattern = r.outgoing_pattern;
  EXPECT_EQ(error_of(r, &field), ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "incoming_pattern");
  EXPECT_EQ(error_of(request("coventry", 9999)), ErrorCode::kNotFound);
  EXPECT_EQ(error_of(request("volgograd", s.coventry)), ErrorCode::kConflict);
  Actor correspondent{0, "coventry-office", Role::kCorrespondent, s.coventry, std::nullopt};
  store->set_actor(correspondent);
  EXPECT_EQ(error_of(request("dresden", s.dresden)), ErrorCode::kForbidden);
  EXPECT_NO_THROW(add_office(*store, request("coventry", s.coventry)));
  EXPECT_THROW(
      set_office_requisites(*store, s.office, OfficeRequisites{"en", "X", "", "", "", "", "", ""}),
      Error);
}

TEST_F(OfficesTest, RequisitesFallBackToEnglishThenAnyLanguage) {
  EXPECT_EQ(requisites_for(*store, s.office, "ru").letterhead, "ГЛАВА ВОЛГОГРАДА");
  EXPECT_EQ(requisites_for(*store, s.office, "ru-RU").letterhead, "ГЛАВА ВОЛГОГРАДА");
  EXPECT_EQ(requisites_for(*store, s.office, "ja").letterhead, "HEAD OF VOLGOGRAD");
  OfficeId cov = add_office(*store, request("coventry", s.coventry));
  EXPECT_TRUE(requisites_for(*store, cov, "en").letterhead.empty());
  set_office_requisites(*store, cov,
                        OfficeRequisites{"EN-gb", "COVENTRY CITY COUNCIL", "", "", "", "", "", ""});
  EXPECT_EQ(store::OfficeStore(*store).requisites(cov)[0].lang, "en-GB");
  EXPECT_EQ(requisites_for(*store, cov, "fr").letterhead, "COVENTRY CITY COUNCIL");
  EXPECT_THROW(
      set_office_requisites(*store, cov, OfficeRequisites{"english", "", "", "", "", "", "", ""}),
      Error);
}

TEST_F(OfficesTest, CitiesWithoutOrWithSeveralOffices) {
  try {
    office_of_city(*store, s.dresden);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  }
  auto r = request("volgograd-2", s.volgograd);
  add_office(*store, r);
  try {
    office_of_city(*store, s.volgograd);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kAmbiguous);
    EXPECT_NE(std::string(e.what()).find("volgograd, volgograd-2"), std::string::npos);
  }
  EXPECT_EQ(list_offices(*store).size(), 2u);
  EXPECT_EQ(list_offices(*store, s.coventry).size(), 0u);
  EXPECT_THROW(find_office(*store, "nosuch"), Error);
}

// get_office and office_requisites read an office as find_office finds
// one: a correspondent reads its own city's office, and another city's is
// refused with nothing of it told, whether it exists or not.
TEST_F(OfficesTest, AnOfficeIsReadOnlyByWhoWorksWithIt) {
  OfficeId cov = add_office(*store, request("coventry", s.coventry));
  set_office_requisites(*store, cov,
                        OfficeRequisites{"en", "COVENTRY CITY COUNCIL", "", "", "", "", "", ""});
  EXPECT_EQ(get_office(*store, cov).code, "coventry");
  EXPECT_EQ(office_requisites(*store, s.office).size(),
            store::OfficeStore(*store).requisites(s.office).size());
  std::string field;
  auto code_of = [&](auto read) {
    try {
      read();
    } catch (const Error& e) {
      field = e.field();
      EXPECT_EQ(std::string(e.what()).find("volgograd"), std::string::npos) << e.what();
      return e.code();
    }
    return ErrorCode::kUnavailable;  // read without an error
  };
  EXPECT_EQ(code_of([&] { get_office(*store, 999999, "OFFICE"); }), ErrorCode::kNotFound);
  EXPECT_EQ(field, "OFFICE");

  store->set_actor(Actor{0, "coventry-office", Role::kCorrespondent, s.coventry, std::nullopt});
  EXPECT_EQ(get_office(*store, cov).city_id, s.coventry);
  ASSERT_EQ(office_requisites(*store, cov).size(), 1u);
  EXPECT_EQ(office_requisites(*store, cov)[0].letterhead, "COVENTRY CITY COUNCIL");
  EXPECT_EQ(code_of([&] { get_office(*store, s.office, "OFFICE"); }), ErrorCode::kForbidden);
  EXPECT_EQ(field, "OFFICE");
  EXPECT_EQ(code_of([&] { office_requisites(*store, s.office); }), ErrorCode::kForbidden);

  store->set_actor(Actor{0, "reader", Role::kViewer, std::nullopt, std::nullopt});
  EXPECT_EQ(code_of([&] { get_office(*store, cov); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { office_requisites(*store, cov); }), ErrorCode::kForbidden);
}

TEST_F(OfficesTest, PreviewSkipsNumbersRegisteredExplicitly) {
  Office o = store::OfficeStore(*store).require(s.office);
  Letter l;
  l.office_id = s.office;
  l.status = LetterStatus::kRegistered;
  l.number = "19-024/1рс";
  l.date = parse_partial_date("2013-09-06");
  l.lang = "ru";
  l.template_name = "letter";
  l.addressees = {Addressee{s.coventry, "", "", ""}};
  store::LetterStore(*store).insert(l);
  EXPECT_EQ(preview_next_number(*store, o, LetterDirection::kOutgoing, *l.date), "19-024/2рс");
}

}  // namespace
}  // namespace twinning::letters
