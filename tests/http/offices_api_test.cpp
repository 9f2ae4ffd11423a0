// /api/offices and /api/templates over real HTTP on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/audit_log.h"
#include "support/letter_api_fixture.h"

namespace twinning::testing {
namespace {

using OfficesApi = LettersApiTest;

std::vector<std::string> codes_of(const nlohmann::json& page) {
  std::vector<std::string> out;
  for (const auto& o : page["items"]) out.push_back(o["code"]);
  return out;
}

TEST_P(OfficesApi, ListsOfficesWithRequisitesAndNextNumbers) {
  auto r = as(Role::kCoordinator).get("/api/offices");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["total"], 3);
  EXPECT_EQ(codes_of(j), (std::vector<std::string>{"cologne", "coventry", "volgograd"}));
  const auto& v = j["items"][2];
  EXPECT_EQ(v["id"], volgograd_office);
  EXPECT_EQ(v["city_id"], volgograd);
  EXPECT_EQ(v["city"], "Volgograd");
  EXPECT_EQ(v["name"], "Volgograd");
  EXPECT_EQ(v["outgoing_pattern"], "19-024/{seq}рс");
  EXPECT_EQ(v["incoming_pattern"], "IN-{seq}");
  EXPECT_EQ(v["yearly_restart"], false);
  EXPECT_EQ(v["next_outgoing"], "19-024/1рс");
  EXPECT_EQ(v["next_incoming"], "IN-1");
  ASSERT_EQ(v["requisites"].size(), 2u);
  EXPECT_EQ(v["requisites"][0]["lang"], "en");
  EXPECT_EQ(v["requisites"][1]["lang"], "ru");
  EXPECT_EQ(v["requisites"][1]["letterhead"], "ГЛАВА ВОЛГОГРАДА");
  EXPECT_EQ(v["requisites"][1]["fax"], "(8442) 55-17-13");

  // A registration moves the next number on.
  send("volgograd", coventry, "2013-09-06");
  j = as(Role::kAdmin).get("/api/offices?city=Volgograd,%20RU").json();
  EXPECT_EQ(codes_of(j), std::vector<std::string>{"volgograd"});
  EXPECT_EQ(j["items"][0]["next_outgoing"], "19-024/2рс");

  j = as(Role::kCoordinator).get("/api/offices?limit=1&offset=1").json();
  EXPECT_EQ(j["total"], 3);
  EXPECT_EQ(codes_of(j), std::vector<std::string>{"coventry"});

  // A correspondent works with its own city's offices only.
  j = as(Role::kCorrespondent).get("/api/offices").json();
  EXPECT_EQ(codes_of(j), std::vector<std::string>{"cologne"});
  EXPECT_EQ(j["total"], 1);

  EXPECT_EQ(as(Role::kCoordinator).get("/api/offices?city=Atlantis,%20XX").status, 404);
  r = as(Role::kCoordinator).get("/api/offices?code=x");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "code");
}

TEST_P(OfficesApi, CoordinatorsSetUpOfficesWithTheirRequisites) {
  nlohmann::json kiel_office = {{"code", "kiel"},
                                {"city_id", "Kiel, DE"},
                                {"name", "Landeshauptstadt Kiel, Büro des Oberbürgermeisters"},
                                {"outgoing_pattern", "KI/{yyyy}/{seq:3}"},
                                {"yearly_restart", true},
                                {"requisites",
                                 {{{"lang", "de"},
                                   {"letterhead", "Landeshauptstadt Kiel"},
                                   {"signatory_title", "Oberbürgermeister"}}}}};
  auto r = as(Role::kCoordinator).send_json("POST", "/api/offices", kiel_office);
  ASSERT_EQ(r.status, 201) << r.body;
  auto o = r.json();
  EXPECT_EQ(o["code"], "kiel");
  EXPECT_EQ(o["city_id"], kiel);
  EXPECT_EQ(o["name"], "Landeshauptstadt Kiel, Büro des Oberbürgermeisters");
  EXPECT_EQ(o["yearly_restart"], true);
  EXPECT_EQ(o["incoming_pattern"], "IN-{yyyy}-{seq}");
  std::string year = std::to_string(today_utc().year);
  EXPECT_EQ(o["next_outgoing"], "KI/" + year + "/001");
  EXPECT_EQ(o["next_incoming"], "IN-" + year + "-1");
  ASSERT_EQ(o["requisites"].size(), 1u);
  EXPECT_EQ(o["requisites"][0]["letterhead"], "Landeshauptstadt Kiel");
  EXPECT_EQ(o["requisites"][0]["signatory_title"], "Oberbürgermeister");
  auto audited = store::AuditLog(*store).list(
      {"office", std::to_string(o["id"].get<int>()), "api-coordinator", 0, 10});
  ASSERT_EQ(audited.size(), 2u);
  EXPECT_EQ(audited[0].action, "create");
  EXPECT_EQ(audited[1].action, "requisites");

  r = as(Role::kAdmin).send_json("POST", "/api/offices", kiel_office);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "conflict");

  // A refused request writes nothing, requisites included.
  auto expect = [&](nlohmann::json body, int status, const std::string& field) {
    auto r = as(Role::kCoordinator).send_json("POST", "/api/offices", body);
    EXPECT_EQ(r.status, status) << body.dump() << ": " << r.body;
    EXPECT_EQ(r.error_field(), field) << body.dump();
  };
  nlohmann::json ok = {{"code", "kiel2"}, {"city_id", kiel}, {"outgoing_pattern", "K2/{seq}"}};
  auto with = [&](const char* key, nlohmann::json value) {
    nlohmann::json b = ok;
    b[key] = std::move(value);
    return b;
  };
  expect(with("colour", "red"), 400, "colour");
  expect(with("code", "Kiel Two"), 400, "code");
  expect(with("outgoing_pattern", "K2/{seq"), 400, "outgoing_pattern");
  expect(with("outgoing_pattern", nullptr), 400, "outgoing_pattern");
  expect(with("city_id", 99999), 404, "city_id");
  expect(with("yearly_restart", "yes"), 400, "yearly_restart");
  expect(with("requisites", {{"lang", "de"}}), 400, "requisites");  // an object, not a list
  expect(with("requisites", nlohmann::json::array({"de"})), 400, "requisites[0]");
  expect(with("requisites", {{{"letterhead", "x"}}}), 400, "requisites[0].lang");
  expect(with("requisites", {{{"lang", "de"}, {"motto", "x"}}}), 400, "requisites[0].motto");
  expect(with("requisites", {{{"lang", "not a language"}}}), 400, "lang");
  EXPECT_EQ(as(Role::kCoordinator).get("/api/offices").json()["total"], 4);

  for (Role role : {Role::kCorrespondent, Role::kViewer}) {
    r = as(role).send_json("POST", "/api/offices", ok);
    EXPECT_EQ(r.status, 403) << role_name(role);
  }
}

// A server on its own template directory (serve --templates).
class TemplatesApi : public LettersApiTest {
 protected:
  std::vector<std::string> serve_args() override {
    const std::string section = "[body]\n{{body}}\n";
    std::filesystem::create_directories(dir.path() / "templates" / "greeting");
    std::filesystem::create_directories(dir.path() / "templates" / "letter");
    std::filesystem::create_directories(dir.path() / "templates" / "notes");
    dir.write("templates/greeting/en.mustache", section);
    dir.write("templates/greeting/de.mustache", section);
    dir.write("templates/letter/en.mustache", section);
    dir.write("templates/notes/README.md", "not a template");
    dir.write("templates/README.md", "the directory's own notes");
    return {"--templates", dir.file("templates")};
  }
};

TEST_P(TemplatesApi, ListsTheTemplatesAndTheirLanguages) {
  auto r = as(Role::kCorrespondent).get("/api/templates");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), nlohmann::json::parse(R"([
    {"name": "greeting", "languages": ["de", "en"]},
    {"name": "letter", "languages": ["en"]}])"));
  // Letters are drafted from that directory too.
  auto v = post(Role::kCoordinator, "/api/letters",
                {{"office", "coventry"},
                 {"addressees", {{{"city_id", kiel}}}},
                 {"template", "greeting"},
                 {"lang", "de"},
                 {"body", "Guten Tag."}});
  EXPECT_EQ(v["letter"]["lang"], "de");
  EXPECT_EQ(v["letter"]["template"], "greeting");
  EXPECT_EQ(v["letter"]["body"], "Guten Tag.");
  auto missing = as(Role::kCoordinator)
                     .send_json("POST", "/api/letters",
                                {{"office", "coventry"},
                                 {"addressees", {{{"city_id", kiel}}}},
                                 {"template", "appeal-2013"}});
  EXPECT_EQ(missing.status, 404) << missing.body;
}

// Campaign letters come from the same directory as every other letter.
TEST_P(TemplatesApi, CampaignLettersAreDraftedFromTheServersTemplates) {
  auto r = as(Role::kCoordinator)
               .send_json("POST", "/api/campaigns",
                          {{"code", "greetings"},
                           {"title", "Greetings"},
                           {"originators", {coventry}},
                           {"template", "greeting"}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = as(Role::kCoordinator)
          .send_json("POST", "/api/campaigns/greetings/send", {{"circular", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto sent = r.json()["sent"];
  ASSERT_FALSE(sent.empty()) << r.body;
  auto letter = as(Role::kCoordinator).get("/api/letters/" + sent[0]["letter_id"].dump());
  ASSERT_EQ(letter.status, 200) << letter.body;
  EXPECT_EQ(letter.json()["letter"]["template"], "greeting");
}

TWINNING_API_ON_EVERY_BACKEND(TemplatesApi);
TWINNING_API_ON_EVERY_BACKEND(OfficesApi);

}  // namespace
}  // namespace twinning::testing
