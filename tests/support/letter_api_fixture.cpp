#include "support/letter_api_fixture.h"

#include "letters/offices.h"

namespace twinning::testing {
namespace {

OfficeId add_office(store::Store& s, const std::string& code, CityId city,
                    const std::string& pattern) {
  letters::OfficeRequest r;
  r.code = code;
  r.city_id = city;
  r.outgoing_pattern = pattern;
  return letters::add_office(s, r);
}

}  // namespace

void LettersApiTest::SetUp() {
  ApiTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  volgograd_office = add_office(*store, "volgograd", volgograd, "19-024/{seq}рс");
  letters::set_office_requisites(
      *store, volgograd_office,
      {"ru", "ГЛАВА ВОЛГОГРАДА", "В.Д. Васильков", "Глава Волгограда",
       "400066, г. Волгоград, ул. Советская, 9", "(8442) 33-26-55", "(8442) 55-17-13", ""});
  letters::set_office_requisites(
      *store, volgograd_office,
      {"en", "HEAD OF VOLGOGRAD", "V. D. Vasilkov", "Head of Volgograd",
       "9 Sovetskaya St., Volgograd 400066", "+7 8442 33-26-55", "+7 8442 55-17-13", ""});
  coventry_office = add_office(*store, "coventry", coventry, "CCC/{seq}");
  letters::set_office_requisites(*store, coventry_office,
                                 {"en", "Coventry City Council", "", "Lord Mayor of Coventry",
                                  "Council House, Coventry CV1 5RR", "", "", ""});
  cologne_office = add_office(*store, "cologne", cologne, "K-{seq}");
}

nlohmann::json LettersApiTest::post(Role role, const std::string& target,
                                    const nlohmann::json& body, int status) {
  auto r = as(role).send_json("POST", target, body);
  EXPECT_EQ(r.status, status) << "POST " << target << ": " << r.body;
  return nlohmann::json::parse(r.body, nullptr, false);
}

nlohmann::json LettersApiTest::send(const std::string& office, CityId city, const std::string& date,
                                    nlohmann::json extra) {
  nlohmann::json body = {{"office", office}, {"addressees", {{{"city_id", city}}}},
                         {"lang", "en"},     {"body", "Letter of " + date + "."},
                         {"register", true}, {"date", date}};
  body.update(extra);
  return post(Role::kCoordinator, "/api/letters", body);
}

}  // namespace twinning::testing
