// The fixture of the HTTP suites of the correspondence register: the
// ApiTest registry (Coventry, Volgograd, Cologne, Kiel; the correspondent
// bound to Cologne) with a registering office in each of Volgograd
// ("volgograd", 19-024/{seq}рс, the 2013 requisites in Russian and
// English), Coventry ("coventry", CCC/{seq}) and Cologne ("cologne",
// K-{seq}); incoming numbers are IN-{seq} everywhere.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/letter.h"
#include "support/api_fixture.h"

namespace twinning::testing {

class LettersApiTest : public ApiTest {
 protected:
  void SetUp() override;

  // POSTs `body` to `target` as `role`, expects `status` and returns the
  // response body as JSON (a discarded value if the body is not JSON).
  nlohmann::json post(Role role, const std::string& target, const nlohmann::json& body,
                      int status = 201);
  // Registers an outgoing letter of `office` to `city` on `date` as a
  // coordinator (template "letter", English) and returns its LetterView.
  nlohmann::json send(const std::string& office, CityId city, const std::string& date,
                      nlohmann::json extra = nlohmann::json::object());

  OfficeId volgograd_office = 0, coventry_office = 0, cologne_office = 0;
};

}  // namespace twinning::testing
