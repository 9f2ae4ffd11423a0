// Every route that takes a reference to a letter, an office, a city or a
// user, x every form of that reference (a JSON number, a numeric string,
// "#id", a registration number or office code, "Name, CC", a path id with
// a leading zero), sent by the correspondent of another city (Cologne's):
// the answer is 400, 403 or 404, it names nothing of the thing refused (its
// number, subject, parties, direction or status), and nothing is written.
// Over real HTTP, on SQLite and PostgreSQL (issue 14: a numeric letter id
// once skipped the read check, and refusals named direction and status).
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "support/letter_api_fixture.h"
#include "support/table_dump.h"

namespace twinning::testing {
namespace {

class ReferenceAccess : public LettersApiTest {
 protected:
  void SetUp() override {
    LettersApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // Coventry's letters, none of them Cologne's: a registered outgoing
    // letter to Volgograd with an attachment, an incoming letter from Kiel,
    // a draft.
    auto out =
        send("coventry", volgograd, "2013-09-06", {{"subject", "Secret subject of Coventry"}});
    outgoing = out["letter"]["id"];
    outgoing_number = out["letter"]["number"];
    auto file =
        as(Role::kCoordinator)
            .request("POST",
                     "/api/letters/" + std::to_string(outgoing) + "/attachments?name=minutes.txt",
                     "Minutes.", {{"Content-Type", "text/plain"}});
    if (file.status == 201) attachment = file.json()["id"];
    auto in = post(Role::kCoordinator, "/api/letters/incoming",
                   {{"office", "coventry"},
                    {"sender", {{"city_id", kiel}, {"signatory_name", "Secret Signatory"}}},
                    {"sender_number", "KI-77"},
                    {"subject", "Secret subject of Kiel"},
                    {"body", "Incoming."},
                    {"date", "2013-10-01"}});
    incoming = in["letter"]["id"];
    incoming_number = in["letter"]["number"];
    auto draft = post(Role::kCoordinator, "/api/letters",
                      {{"office", "coventry"},
                       {"addressees", {{{"city_id", kiel}}}},
                       {"lang", "en"},
                       {"subject", "Secret draft"},
                       {"body", "Draft."}});
    draft_id = draft["letter"]["id"];
    // A campaign in which Cologne was written to, to cite evidence in.
    auto c = as(Role::kCoordinator)
                 .send_json("POST", "/api/campaigns",
                            {{"code", "refs"},
                             {"title", "References"},
                             {"originators", {coventry}},
                             {"starts_on", "2013-09-06"}});
    ASSERT_EQ(c.status, 201) << c.body;
    c = as(Role::kCoordinator)
            .send_json("POST", "/api/campaigns/refs/send", {{"date", "2013-09-06"}});
    ASSERT_EQ(c.status, 200) << c.body;
  }

  // The forms of a reference to letter `id` with registration number `number`.
  static std::vector<nlohmann::json> letter_forms(LetterId id, const std::string& number) {
    std::vector<nlohmann::json> forms = {nlohmann::json(id), nlohmann::json(std::to_string(id)),
                                         nlohmann::json("#" + std::to_string(id))};
    if (!number.empty()) forms.emplace_back(number);
    return forms;
  }

  // Checks the refusal `r` of `what`: 400/403/404, naming none of `secrets`.
  void expect_refusal(const HttpResponse& r, const std::string& what,
                      const std::vector<std::string>& secrets) {
    EXPECT_TRUE(r.status == 400 || r.status == 403 || r.status == 404)
        << what << ": " << r.status << " " << r.body;
    for (const auto& s : secrets) {
      if (s.empty()) continue;
      EXPECT_EQ(r.body.find(s), std::string::npos) << what << " tells '" << s << "': " << r.body;
    }
    ++refusals;
  }

  // What a refusal may not tell of Coventry's letter `id` (number `number`,
  // unless the caller sent it itself).
  std::vector<std::string> letter_secrets(const std::string& number, bool sent_number) {
    std::vector<std::string> s = {"Secret",     "Volgograd",  "Kiel",  "Coventry",
                                  "outgoing",   "incoming",   "draft", "registered",
                                  "2013-09-06", "2013-10-01", "KI-77"};
    if (!sent_number) s.push_back(number);
    return s;
  }

  LetterId outgoing = 0, incoming = 0, draft_id = 0;
  std::int64_t attachment = 0;
  std::string outgoing_number, incoming_number;
  int refusals = 0;
};

TEST_P(ReferenceAccess, AnotherCitysLettersOfficesAndCitiesAreRefusedInEveryForm) {
  auto before = dump_tables(store->db());
  HttpClient& cologne_desk = as(Role::kCorrespondent);
  struct Letter {
    LetterId id;
    std::string number;
  };
  const std::vector<Letter> others = {
      {outgoing, outgoing_number}, {incoming, incoming_number}, {draft_id, ""}};

  for (const auto& l : others) {
    // Letters named in the path: the id, and the id with a leading zero.
    for (const std::string& id : {std::to_string(l.id), "0" + std::to_string(l.id)}) {
      std::string base = "/api/letters/" + id;
      auto secrets = letter_secrets(l.number, false);
      expect_refusal(cologne_desk.get(base), "GET " + base, secrets);
      expect_refusal(cologne_desk.get(base + "/pdf"), "GET " + base + "/pdf", secrets);
      expect_refusal(cologne_desk.get(base + "/attachments/" + std::to_string(attachment)),
                     "GET attachment of " + base, secrets);
      expect_refusal(cologne_desk.request("POST", base + "/attachments?name=x.txt", "x",
                                          {{"Content-Type", "text/plain"}}),
                     "POST attachment to " + base, secrets);
      for (const char* step : {"register", "reply", "forward", "remind"}) {
        nlohmann::json body = {{"body", "Matrix."}};
        if (std::string(step) == "forward") body["addressees"] = {{{"city_id", kiel}}};
        if (std::string(step) == "register") body = {{"date", "2013-10-03"}};
        expect_refusal(cologne_desk.send_json("POST", base + "/" + step, body),
                       std::string("POST ") + step + " of " + base, secrets);
      }
    }
    // Letters named in bodies: the evidence of an endorsement, the letter an
    // incoming one answers.
    for (const auto& form : letter_forms(l.id, l.number)) {
      bool sent_number = form.is_string() && form.get<std::string>() == l.number;
      auto secrets = letter_secrets(l.number, sent_number);
      expect_refusal(cologne_desk.send_json("POST", "/api/campaigns/refs/endorse",
                                            {{"country", "DE"}, {"evidence", form}}),
                     "evidence " + form.dump(), secrets);
      expect_refusal(
          cologne_desk.send_json("POST", "/api/letters/incoming",
                                 {{"office", "cologne"},
                                  {"sender", {{"city_id", kiel}}},
                                  {"subject", "Answer"},
                                  {"body", "Answer."},
                                  {"links", {{{"kind", "reply_to"}, {"target", form}}}}}),
          "links target " + form.dump(), secrets);
    }
  }

  // Offices named by code, by id, by id as a string: in bodies and in the
  // register's filter.
  for (const nlohmann::json& office :
       {nlohmann::json("coventry"), nlohmann::json(coventry_office),
        nlohmann::json(std::to_string(coventry_office)), nlohmann::json(" coventry ")}) {
    std::vector<std::string> secrets = {"Coventry", "CCC", "Council"};
    expect_refusal(
        cologne_desk.send_json(
            "POST", "/api/letters",
            {{"office", office}, {"addressees", {{{"city_id", kiel}}}}, {"body", "Matrix."}}),
        "compose in office " + office.dump(), secrets);
    expect_refusal(cologne_desk.send_json("POST", "/api/letters/incoming",
                                          {{"office", office}, {"subject", "In"}, {"body", "In."}}),
                   "incoming in office " + office.dump(), secrets);
    std::string text = office.is_string() ? office.get<std::string>() : office.dump();
    std::string query;
    for (char c : text) query += c == ' ' ? std::string("%20") : std::string(1, c);
    expect_refusal(cologne_desk.get("/api/letters?office=" + query),
                   "list of office " + office.dump(), secrets);
  }
  // A reply drafted in another city's office to a letter Cologne may read.
  auto own = send("coventry", cologne, "2013-09-07");
  auto before_reply = dump_tables(store->db());
  expect_refusal(
      cologne_desk.send_json("POST", "/api/letters/" + own["letter"]["id"].dump() + "/reply",
                             {{"office", coventry_office}, {"body", "Reply."}}),
      "reply from office coventry", {"CCC/", "Council"});
  EXPECT_EQ(first_difference(before_reply, dump_tables(store->db())), "");

  // Cities other than Cologne, by id, id string and "Name, CC", where a
  // correspondent records its own city's steps.
  for (const nlohmann::json& city :
       {nlohmann::json(kiel), nlohmann::json(std::to_string(kiel)), nlohmann::json("Kiel, DE"),
        nlohmann::json(volgograd), nlohmann::json("Volgograd, RU")}) {
    for (const char* step : {"receive", "reply", "forward"}) {
      expect_refusal(cologne_desk.send_json("POST", std::string("/api/campaigns/refs/") + step,
                                            {{"city", city}, {"date", "2013-10-01"}}),
                     std::string(step) + " for " + city.dump(), {"Secret", "CCC/"});
    }
  }
  // Users: only administrators read or change them.
  for (const std::string& id :
       {std::to_string(user_ids[Role::kAdmin]), "0" + std::to_string(user_ids[Role::kAdmin])}) {
    expect_refusal(cologne_desk.get("/api/users/" + id), "GET user " + id, {"api-admin"});
    expect_refusal(cologne_desk.send_json("PATCH", "/api/users/" + id, {{"disabled", true}}),
                   "PATCH user " + id, {"api-admin"});
    expect_refusal(
        cologne_desk.send_json("POST", "/api/users/" + id + "/tokens", {{"label", "stolen"}}),
        "token for user " + id, {"api-admin"});
  }
  std::cout << "reference access [" << backend_name(GetParam()) << "]: " << refusals
            << " refusals checked\n";
  EXPECT_GT(refusals, 100);
  // Nothing refused was written (the reply test letter aside, sent above).
  auto after = dump_tables(store->db());
  EXPECT_NE(first_difference(before, after), "");  // the one letter sent to Cologne
  EXPECT_EQ(first_difference(before_reply, after), "");
}

TEST_P(ReferenceAccess, ACorrespondentsOwnReferencesWorkInEveryForm) {
  // The same routes and forms reach what Cologne may read: its city's
  // letters and office (no form is simply refused).
  auto own = send("coventry", cologne, "2013-09-07");
  LetterId id = own["letter"]["id"];
  std::string number = own["letter"]["number"];
  for (const auto& form : letter_forms(id, number)) {
    auto r = as(Role::kCorrespondent)
                 .send_json("POST", "/api/letters/incoming",
                            {{"office", "cologne"},
                             {"sender", {{"city_id", coventry}}},
                             {"subject", "Answer"},
                             {"body", "Answer."},
                             {"links", {{{"kind", "reply_to"}, {"target", form}}}}});
    EXPECT_EQ(r.status, 201) << form << ": " << r.body;
  }
  for (const nlohmann::json& office : {nlohmann::json("cologne"), nlohmann::json(cologne_office),
                                       nlohmann::json(std::to_string(cologne_office))}) {
    auto r = as(Role::kCorrespondent)
                 .send_json(
                     "POST", "/api/letters",
                     {{"office", office}, {"addressees", {{{"city_id", kiel}}}}, {"body", "Own."}});
    EXPECT_EQ(r.status, 201) << office << ": " << r.body;
  }
  auto r = as(Role::kCorrespondent).get("/api/letters?office=cologne");
  EXPECT_EQ(r.status, 200) << r.body;
}

TWINNING_API_ON_EVERY_BACKEND(ReferenceAccess);

}  // namespace
}  // namespace twinning::testing
