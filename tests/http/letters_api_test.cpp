// /api/letters over real HTTP on SQLite and PostgreSQL: composing from a
// template and registering, incoming letters, replies, forwarded copies and
// reminders with their references, the PDF, attachments, the register's
// filters and pages, bad input, and who sees what.
#include <gtest/gtest.h>

#include <fstream>

#include "campaign/campaigns.h"
#include "letters/letter_template.h"
#include "store/audit_log.h"
#include "support/letter_api_fixture.h"
#include "support/letter_fixtures.h"

namespace twinning::testing {
namespace {

using LettersApi = LettersApiTest;

std::string id_path(const nlohmann::json& view, const std::string& suffix = "") {
  return "/api/letters/" + std::to_string(view["letter"]["id"].get<LetterId>()) + suffix;
}

std::vector<LetterId> ids_of(const nlohmann::json& page) {
  std::vector<LetterId> out;
  for (const auto& item : page["items"]) out.push_back(item["id"].get<LetterId>());
  return out;
}

LetterId id_of(const nlohmann::json& view) { return view["letter"]["id"].get<LetterId>(); }

// The text of the PDF `bytes`, saved at `path` (kept for a failure's reader).
std::string pdf_text_of(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  return normalize_text(pdf_text(path));
}

TEST_P(LettersApi, ComposesFromATemplateForManyAddresseesAndRegisters) {
  auto r = as(Role::kCoordinator)
               .send_json("POST", "/api/letters",
                          {{"office", "volgograd"},
                           {"addressees",
                            {{{"city_id", coventry}},
                             {{"city_id", "Cologne, DE"}, {"title", "Herrn Oberbürgermeister"}}}},
                           {"template", "appeal-2013"},
                           {"lang", "en"},
                           {"subject", "2014, the Year of the International Twin Cities Movement"},
                           {"response_deadline", "2013-11-06"},
                           {"register", true},
                           {"date", "2013-09-06"},
                           {"number", "19-024/125рс"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto v = r.json();
  const auto& l = v["letter"];
  EXPECT_EQ(r.header("location"), id_path(v));
  EXPECT_EQ(l["number"], "19-024/125рс");
  EXPECT_EQ(l["date"], "2013-09-06");
  EXPECT_EQ(l["status"], "registered");
  EXPECT_EQ(l["direction"], "outgoing");
  EXPECT_EQ(l["kind"], "letter");
  EXPECT_EQ(l["template"], "appeal-2013");
  EXPECT_EQ(l["lang"], "en");
  EXPECT_EQ(l["response_deadline"], "2013-11-06");
  EXPECT_EQ(l["subject"], "2014, the Year of the International Twin Cities Movement");
  EXPECT_EQ(l["salutation"], "Dear Mr Mayor, dear colleague,");
  EXPECT_NE(l["body"].get<std::string>().find("bonds of friendship"), std::string::npos);
  ASSERT_EQ(l["addressees"].size(), 2u);
  EXPECT_EQ(l["addressees"][0]["city_id"], coventry);
  EXPECT_EQ(l["addressees"][0]["title"], "The Mayor of the twin city of Coventry");
  EXPECT_EQ(l["addressees"][1]["city_id"], cologne);
  EXPECT_EQ(l["addressees"][1]["title"], "Herrn Oberbürgermeister");
  EXPECT_EQ(l["sender"]["city_id"], volgograd);
  EXPECT_EQ(l["sender"]["letterhead"], "HEAD OF VOLGOGRAD");
  EXPECT_EQ(l["sender"]["signatory_name"], "V. D. Vasilkov");
  EXPECT_EQ(v["office"]["code"], "volgograd");
  EXPECT_EQ(v["office"]["id"], volgograd_office);
  EXPECT_EQ(v["referred_by"], nlohmann::json::array());

  // The explicit number moved the counter past it; the next one follows.
  auto next = send("volgograd", kiel, "2013-09-07");
  EXPECT_EQ(next["letter"]["number"], "19-024/126рс");
  EXPECT_EQ(next["letter"]["template"], "letter");
  EXPECT_EQ(next["letter"]["addressees"][0]["title"], "The Mayor of Kiel");

  // A draft (office by id) has no number until it is registered.
  auto draft = post(Role::kCoordinator, "/api/letters",
                    {{"office", volgograd_office},
                     {"addressees", {{{"city_id", kiel}, {"name", "Dr. Ulf Kämpfer"}}}},
                     {"body", "A draft."}});
  EXPECT_EQ(draft["letter"]["status"], "draft");
  EXPECT_EQ(draft["letter"]["number"], "");
  EXPECT_TRUE(draft["letter"]["date"].is_null());
  EXPECT_EQ(draft["letter"]["addressees"][0]["name"], "Dr. Ulf Kämpfer");
  auto reg = post(Role::kCoordinator, id_path(draft, "/register"), {{"date", "2013-09-08"}}, 200);
  EXPECT_EQ(reg["letter"]["number"], "19-024/127рс");
  EXPECT_EQ(reg["letter"]["date"], "2013-09-08");
  EXPECT_EQ(reg["letter"]["status"], "registered");
  r = as(Role::kCoordinator)
          .send_json("POST", id_path(draft, "/register"), nlohmann::json::object());
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "conflict");

  // Every write is audited under the caller's name, the registrations with
  // their numbers.
  std::vector<std::string> audited;
  for (const auto& e : store::AuditLog(*store).list({"letter", "", "api-coordinator", 0, 100})) {
    audited.push_back(e.action + " " + e.entity_id + " " + e.after.value("number", ""));
  }
  auto id = [](const nlohmann::json& v) { return std::to_string(id_of(v)); };
  EXPECT_EQ(audited,
            (std::vector<std::string>{
                "create " + id(v) + " 19-024/125рс", "create " + id(next) + " 19-024/126рс",
                "create " + id(draft) + " ", "register " + id(draft) + " 19-024/127рс"}));
}

TEST_P(LettersApi, IncomingReplyForwardAndReminderCarryTheirReferences) {
  auto appeal = send("volgograd", coventry, "2013-09-06",
                     {{"number", "19-024/125рс"}, {"response_deadline", "2013-11-06"}});
  // Coventry registers Volgograd's letter on arrival, under its own number.
  auto in = post(Role::kCoordinator, "/api/letters/incoming",
                 {{"office", "coventry"},
                  {"sender", {{"city_id", "Volgograd, RU"}, {"signatory_name", "V. D. Vasilkov"}}},
                  {"sender_number", "19-024/125рс"},
                  {"sender_date", "2013-09-06"},
                  {"subject", "Year of the Twin Cities Movement"},
                  {"date", "2013-09-20"}});
  EXPECT_EQ(in["letter"]["number"], "IN-1");
  EXPECT_EQ(in["letter"]["direction"], "incoming");
  EXPECT_EQ(in["letter"]["status"], "received");
  EXPECT_EQ(in["letter"]["sender"]["city_id"], volgograd);
  EXPECT_EQ(in["letter"]["sender_number"], "19-024/125рс");
  EXPECT_EQ(in["letter"]["addressees"][0]["city_id"], coventry);

  // Coventry replies: "Ref. No 19-024/125рс of 2013-09-06", the sender's number.
  auto reply = post(
      Role::kCoordinator, id_path(in, "/reply"),
      {{"body", "Coventry supports the initiative."}, {"register", true}, {"date", "2013-10-01"}});
  const auto& rl = reply["letter"];
  EXPECT_EQ(rl["kind"], "reply");
  EXPECT_EQ(rl["number"], "CCC/1");
  EXPECT_EQ(reply["office"]["code"], "coventry");
  EXPECT_EQ(rl["addressees"][0]["city_id"], volgograd);
  EXPECT_EQ(rl["subject"], "Year of the Twin Cities Movement");
  ASSERT_EQ(rl["links"].size(), 1u);
  EXPECT_EQ(rl["links"][0], nlohmann::json({{"kind", "reply_to"},
                                            {"target", id_of(in)},
                                            {"target_number", "19-024/125рс"},
                                            {"target_date", "2013-09-06"}}));
  auto seen = as(Role::kCoordinator).get(id_path(in)).json();
  EXPECT_EQ(seen["letter"]["status"], "answered");
  ASSERT_EQ(seen["referred_by"].size(), 1u);
  EXPECT_EQ(seen["referred_by"][0]["kind"], "reply_to");
  EXPECT_EQ(seen["referred_by"][0]["letter"]["id"], id_of(reply));
  EXPECT_EQ(seen["referred_by"][0]["letter"]["number"], "CCC/1");
  EXPECT_EQ(seen["referred_by"][0]["letter"]["office"], "coventry");

  // Coventry forwards a copy of Volgograd's appeal to its twin Cologne: the
  // office of an addressee city of the original writes it.
  auto copy =
      post(Role::kCoordinator, id_path(appeal, "/forward"),
           {{"addressees", {{{"city_id", cologne}}}}, {"register", true}, {"date", "2013-10-02"}});
  EXPECT_EQ(copy["letter"]["kind"], "forward");
  EXPECT_EQ(copy["letter"]["number"], "CCC/2");
  EXPECT_EQ(copy["letter"]["links"][0]["kind"], "forward_of");
  EXPECT_EQ(copy["letter"]["links"][0]["target_number"], "19-024/125рс");

  // Volgograd reminds Coventry of its unanswered appeal (a draft here).
  auto reminder = post(Role::kCoordinator, id_path(appeal, "/remind"), nlohmann::json::object());
  EXPECT_EQ(reminder["letter"]["kind"], "reminder");
  EXPECT_EQ(reminder["letter"]["status"], "draft");
  EXPECT_EQ(reminder["letter"]["addressees"][0]["city_id"], coventry);
  EXPECT_EQ(reminder["letter"]["links"][0]["kind"], "reminder_of");
  EXPECT_EQ(reminder["letter"]["links"][0]["target"], id_of(appeal));

  seen = as(Role::kCoordinator).get(id_path(appeal)).json();
  std::vector<std::pair<std::string, LetterId>> refs;
  for (const auto& ref : seen["referred_by"]) {
    refs.emplace_back(ref["kind"], ref["letter"]["id"].get<LetterId>());
  }
  EXPECT_EQ(refs, (std::vector<std::pair<std::string, LetterId>>{
                      {"forward_of", id_of(copy)}, {"reminder_of", id_of(reminder)}}));

  // Volgograd registers Coventry's answer: the appeal is answered, and no
  // reminder comes after an answer.
  post(Role::kCoordinator, "/api/letters/incoming",
       {{"office", "volgograd"},
        {"sender", {{"city_id", coventry}}},
        {"sender_number", "CCC/1"},
        {"sender_date", "2013-10-01"},
        {"links", {{{"kind", "reply_to"}, {"target", "19-024/125рс"}}}},
        {"date", "2013-10-10"}});
  EXPECT_EQ(as(Role::kCoordinator).get(id_path(appeal)).json()["letter"]["status"], "answered");
  auto r = as(Role::kCoordinator)
               .send_json("POST", id_path(appeal, "/remind"), nlohmann::json::object());
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_field(), "original");
}

// Issue 17: a letter has one JSON shape. `twinning letter show --json` on the
// server's database prints, path by path, the letter view GET
// /api/letters/{id} answers (a registered circular with an attachment, a
// reply and a forwarded copy referring to it, and each addressee's answer).
// Beside the view the API may give only what the signed-in caller may do
// with the letter (the controls of the web page), named here.
TEST_P(LettersApi, TheCliShowsALetterInTheApisShapeFieldByField) {
  auto draft = post(Role::kCoordinator, "/api/letters",
                    {{"office", "volgograd"},
                     {"addressees", {{{"city_id", coventry}}, {{"city_id", cologne}}}},
                     {"subject", "Year of the Twin Cities Movement"},
                     {"body", "An appeal."},
                     {"response_deadline", "2013-11-06"}});
  ASSERT_EQ(as(Role::kCoordinator)
                .request("POST", id_path(draft, "/attachments?name=resolution.txt"), "text",
                         {{"Content-Type", "text/plain"}})
                .status,
            201);
  post(Role::kCoordinator, id_path(draft, "/register"), {{"date", "2013-09-06"}}, 200);
  post(Role::kCoordinator, "/api/letters/incoming",
       {{"office", "volgograd"},
        {"sender", {{"city_id", coventry}}},
        {"sender_number", "CCC/1"},
        {"sender_date", "2013-10-01"},
        {"links", {{{"kind", "reply_to"}, {"target", id_of(draft)}}}},
        {"date", "2013-10-10"}});
  post(Role::kCoordinator, id_path(draft, "/forward"),
       {{"office", "coventry"}, {"addressees", {{{"city_id", kiel}}}}});

  auto api = as(Role::kCoordinator).get(id_path(draft));
  ASSERT_EQ(api.status, 200) << api.body;
  RunResult cli = run_twinning({"--db", database->location(), "letter", "show",
                                "#" + std::to_string(id_of(draft)), "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  nlohmann::json api_view = api.json();
  for (const char* for_the_caller : {"can", "campaign_steps"}) api_view.erase(for_the_caller);
  nlohmann::json from_api = api_view.flatten(), from_cli = cli.json().flatten();
  for (const auto& [path, value] : from_api.items()) {
    if (!from_cli.contains(path)) {
      ADD_FAILURE() << "the CLI lacks " << path;
    } else {
      EXPECT_EQ(from_cli[path], value) << path;
    }
  }
  for (const auto& [path, value] : from_cli.items()) {
    EXPECT_TRUE(from_api.contains(path)) << "the API lacks " << path << " = " << value;
  }
  // The comparison covered the parts that differed: the references and the answers.
  EXPECT_TRUE(from_api.contains("/referred_by/1/letter/number"));
  EXPECT_EQ(from_api["/answers/0/state"], "answered");
}

TEST_P(LettersApi, PrintsTheLetterToPdf) {
  auto v = send("volgograd", coventry, "2013-09-06", {{"number", "19-024/125рс"}});
  auto r = as(Role::kCoordinator).get(id_path(v, "/pdf"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/pdf");
  EXPECT_EQ(r.header("content-disposition"),
            "inline; filename=\"19-024_125__.pdf\"; "
            "filename*=UTF-8''19-024_125%D1%80%D1%81.pdf");
  ASSERT_GT(r.body.size(), 1000u);
  EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
  std::string path = dir.file("letter.pdf");
  std::ofstream(path, std::ios::binary) << r.body;
  std::string text = normalize_text(pdf_text(path));
  EXPECT_NE(text.find("No 19-024/125рс"), std::string::npos) << text;
  EXPECT_NE(text.find("The Mayor of Coventry"), std::string::npos) << text;
  EXPECT_NE(text.find("HEAD OF VOLGOGRAD"), std::string::npos) << text;
  EXPECT_EQ(pdf_pages(path), 1);

  // A reply prints the reference to the letter it answers.
  auto in = post(Role::kCoordinator, "/api/letters/incoming",
                 {{"office", "coventry"},
                  {"sender", {{"city_id", volgograd}}},
                  {"sender_number", "19-024/125рс"},
                  {"sender_date", "2013-09-06"},
                  {"date", "2013-09-20"}});
  auto reply = post(Role::kCoordinator, id_path(in, "/reply"), {{"body", "Agreed."}});
  r = as(Role::kCoordinator).get(id_path(reply, "/pdf"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-disposition"),
            "inline; filename=\"draft-" + std::to_string(id_of(reply)) +
                ".pdf\"; filename*=UTF-8''draft-" + std::to_string(id_of(reply)) + ".pdf");
  text = pdf_text_of(path, r.body);
  EXPECT_NE(text.find("Ref. No 19-024/125рс"), std::string::npos) << text;
  EXPECT_NE(text.find("Agreed."), std::string::npos) << text;
}

// Issue 13: a circular is owed by every addressee city that has not replied
// (the overdue filter keeps it, the register line counts its addressees),
// the letter view tells each addressee's state, and an incoming reply prints
// as a register card carrying the sender's own number and date.
TEST_P(LettersApi, ACircularStaysOverdueWhileAnyAddresseeOwesAndAReplyPrintsAsARegisterCard) {
  auto circular =
      post(Role::kCoordinator, "/api/letters",
           {{"office", "volgograd"},
            {"addressees", {{{"city_id", coventry}}, {{"city_id", cologne}}, {{"city_id", kiel}}}},
            {"lang", "en"},
            {"body", "Year of the Twin Cities Movement."},
            {"response_deadline", "2013-11-06"},
            {"register", true},
            {"date", "2013-09-06"}});
  auto reply_from = [&](CityId city, const std::string& number, const std::string& date) {
    return post(Role::kCoordinator, "/api/letters/incoming",
                {{"office", "volgograd"},
                 {"sender", {{"city_id", city}}},
                 {"sender_number", number},
                 {"sender_date", date},
                 {"links", {{{"kind", "reply_to"}, {"target", id_of(circular)}}}},
                 {"date", "2013-10-20"}});
  };
  auto overdue_line = [&]() -> nlohmann::json {
    auto page = as(Role::kCoordinator).get("/api/letters?overdue=true").json();
    for (const auto& item : page["items"]) {
      if (item["id"] == id_of(circular)) return item;
    }
    return nullptr;
  };
  auto line = overdue_line();
  ASSERT_FALSE(line.is_null());
  EXPECT_EQ(line["addressee_count"], 3);
  EXPECT_EQ(line["answered_count"], 0);
  EXPECT_EQ(line["overdue_count"], 3);

  // Cologne answers: the circular stays overdue for Coventry and Kiel.
  auto cologne_reply = reply_from(cologne, "K-13/0815", "2013-10-15");
  line = overdue_line();
  ASSERT_FALSE(line.is_null());
  EXPECT_EQ(line["status"], "registered");
  EXPECT_EQ(line["addressee_count"], 3);
  EXPECT_EQ(line["answered_count"], 1);
  EXPECT_EQ(line["overdue_count"], 2);

  auto view = as(Role::kCoordinator).get(id_path(circular)).json();
  const auto& answers = view["answers"];
  ASSERT_EQ(answers.size(), 3u) << view.dump();
  std::vector<std::pair<CityId, std::string>> states;
  for (const auto& a : answers) states.emplace_back(a["city_id"], a["state"]);
  EXPECT_EQ(states, (std::vector<std::pair<CityId, std::string>>{
                        {coventry, "overdue"}, {cologne, "answered"}, {kiel, "overdue"}}));
  EXPECT_TRUE(answers[0]["reply"].is_null());
  EXPECT_EQ(answers[1]["reply"]["id"], id_of(cologne_reply));
  EXPECT_EQ(answers[1]["label"], "Cologne, DE");

  // Cologne's reply prints as a register card, never as our letter.
  auto r = as(Role::kCoordinator).get(id_path(cologne_reply, "/pdf"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/pdf");
  std::string text = pdf_text_of(dir.file("card.pdf"), r.body);
  EXPECT_NE(text.find("REGISTER CARD OF AN INCOMING LETTER"), std::string::npos) << text;
  EXPECT_NE(text.find("Sender's number: K-13/0815"), std::string::npos) << text;
  EXPECT_NE(text.find("Sender's date: 2013-10-15"), std::string::npos) << text;
  EXPECT_NE(text.find("In reply to No " + circular["letter"]["number"].get<std::string>()),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("Our ref."), std::string::npos) << text;

  // Once every city has answered, the circular is answered and owes nothing.
  reply_from(coventry, "CCC/7", "2013-10-16");
  reply_from(kiel, "KI-3", "2013-10-17");
  EXPECT_TRUE(overdue_line().is_null());
  view = as(Role::kCoordinator).get(id_path(circular)).json();
  EXPECT_EQ(view["letter"]["status"], "answered");
}

TEST_P(LettersApi, ListFiltersSortsAndPages) {
  auto a = send("volgograd", coventry, "2013-09-06", {{"response_deadline", "2013-11-06"}});
  auto b = send("volgograd", kiel, "2013-09-06");
  auto c = send("coventry", cologne, "2013-09-10");
  auto in =
      post(Role::kCoordinator, "/api/letters/incoming",
           {{"office", "coventry"}, {"sender", {{"city_id", volgograd}}}, {"date", "2013-09-20"}});
  auto draft = post(Role::kCoordinator, "/api/letters",
                    {{"office", "cologne"}, {"addressees", {{{"city_id", kiel}}}}, {"body", "x"}});

  // Drafts first, then newest first; on one day the higher number first.
  auto all = as(Role::kCoordinator).get("/api/letters").json();
  EXPECT_EQ(all["total"], 5);
  EXPECT_EQ(all["limit"], 50);
  EXPECT_EQ(all["offset"], 0);
  EXPECT_EQ(ids_of(all),
            (std::vector<LetterId>{id_of(draft), id_of(in), id_of(c), id_of(b), id_of(a)}));
  const auto& line = all["items"][4];
  EXPECT_EQ(line, nlohmann::json({{"id", id_of(a)},
                                  {"office", "volgograd"},
                                  {"direction", "outgoing"},
                                  {"kind", "letter"},
                                  {"status", "registered"},
                                  {"number", "19-024/1рс"},
                                  {"date", "2013-09-06"},
                                  {"sender_city_id", volgograd},
                                  {"sender_city", "Volgograd"},
                                  {"addressee", "The Mayor of Coventry"},
                                  {"addressee_city_ids", {coventry}},
                                  {"subject", ""},
                                  {"lang", "en"},
                                  {"response_deadline", "2013-11-06"},
                                  // one addressee, unanswered past its deadline
                                  {"addressee_count", 1},
                                  {"answered_count", 0},
                                  {"overdue_count", 1}}));

  auto page = as(Role::kCoordinator).get("/api/letters?limit=2&offset=1").json();
  EXPECT_EQ(page["total"], 5);
  EXPECT_EQ(page["limit"], 2);
  EXPECT_EQ(page["offset"], 1);
  EXPECT_EQ(ids_of(page), (std::vector<LetterId>{id_of(in), id_of(c)}));
  page = as(Role::kCoordinator).get("/api/letters?limit=2&offset=5").json();
  EXPECT_EQ(page["total"], 5);
  EXPECT_TRUE(page["items"].empty());

  auto ids = [&](const std::string& query) {
    auto r = as(Role::kCoordinator).get("/api/letters?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    auto j = r.json();
    EXPECT_EQ(j["total"], j["items"].size()) << query;
    return ids_of(j);
  };
  using Ids = std::vector<LetterId>;
  EXPECT_EQ(ids("direction=incoming"), Ids{id_of(in)});
  EXPECT_EQ(ids("direction=outgoing&status=registered"), (Ids{id_of(c), id_of(b), id_of(a)}));
  EXPECT_EQ(ids("status=draft"), Ids{id_of(draft)});
  EXPECT_EQ(ids("office=coventry"), (Ids{id_of(in), id_of(c)}));
  EXPECT_EQ(ids("office=" + std::to_string(cologne_office)), Ids{id_of(draft)});
  // A city: registered by its office, sent by it or addressed to it.
  EXPECT_EQ(ids("city=" + std::to_string(kiel)), (Ids{id_of(draft), id_of(b)}));
  EXPECT_EQ(ids("city=Cologne,%20DE"), (Ids{id_of(draft), id_of(c)}));
  EXPECT_EQ(ids("overdue=true"), Ids{id_of(a)});
  EXPECT_EQ(ids("overdue=false").size(), 5u);

  // The letters behind a campaign: its wave from Coventry to its twins.
  campaign::CampaignRequest cr;
  cr.code = "un-2014";
  cr.title = "Year of the International Twin Cities Movement";
  cr.originators = {coventry};
  auto cid = campaign::create_campaign(*store, cr);
  campaign::SendOptions so;
  so.date = parse_full_date("2013-09-12");
  auto wave = campaign::send_wave(*store, letters::TemplateLibrary::locate(""), cid, so);
  ASSERT_EQ(wave.sent.size(), 2u);
  Ids campaign_letters;
  for (const auto& s : wave.sent) campaign_letters.push_back(s.letter_id);
  std::sort(campaign_letters.rbegin(), campaign_letters.rend());  // CCC/3 and CCC/2: same day
  EXPECT_EQ(ids("campaign=un-2014"), campaign_letters);
  EXPECT_EQ(ids("campaign=un-2014&city=" + std::to_string(volgograd)).size(), 1u);
  auto r = as(Role::kCoordinator).get("/api/letters?campaign=nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "campaign");
}

// U+E000, a private-use character: no installed font has a glyph for it,
// so the letter's PDF would show an empty box. Neither composing with
// "register" nor registering the draft writes anything.
TEST_P(LettersApi, ALetterWhosePdfWouldShowAMissingGlyphIsNotRegistered) {
  const std::string body = "Our twin \xEE\x80\x80 city.";
  auto refused = as(Role::kCoordinator)
                     .send_json("POST", "/api/letters",
                                {{"office", "volgograd"},
                                 {"addressees", {{{"city_id", coventry}}}},
                                 {"body", body},
                                 {"register", true},
                                 {"date", "2013-09-06"}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.error_field(), "text");
  EXPECT_NE(refused.body.find("no installed font has a glyph for U+E000"), std::string::npos)
      << refused.body;
  EXPECT_EQ(as(Role::kCoordinator).get("/api/letters").json()["total"], 0);

  auto draft = post(Role::kCoordinator, "/api/letters",
                    {{"office", "volgograd"}, {"addressees", {{{"city_id", coventry}}}},
                     {"body", body}});
  auto r = as(Role::kCoordinator)
               .send_json("POST", id_path(draft, "/register"), {{"date", "2013-09-06"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error_field(), "text");
  EXPECT_NE(r.body.find("cannot register letter #" + std::to_string(id_of(draft))),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("U+E000"), std::string::npos) << r.body;
  auto after = as(Role::kCoordinator).get(id_path(draft)).json()["letter"];
  EXPECT_EQ(after["status"], "draft");
  EXPECT_EQ(after["number"], "");
}

TEST_P(LettersApi, BadInputIsA400NamingTheField) {
  auto v = send("volgograd", coventry, "2013-09-06");
  auto expect = [&](const std::string& method, const std::string& target, const std::string& body,
                    int status, const std::string& field) {
    auto r = as(Role::kCoordinator)
                 .request(method, target, body, {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, status) << method << " " << target << " " << body << ": " << r.body;
    EXPECT_EQ(r.error_field(), field) << method << " " << target << " " << body;
  };
  const std::string to_kiel = R"("addressees": [{"city_id": )" + std::to_string(kiel) + "}]";
  expect("POST", "/api/letters", R"({"office": "volgograd", "colour": "red", )" + to_kiel + "}",
         400, "colour");
  expect("POST", "/api/letters", "{" + to_kiel + "}", 400, "office");
  expect("POST", "/api/letters", R"({"office": "nowhere", )" + to_kiel + "}", 404, "office");
  expect("POST", "/api/letters", R"({"office": true, )" + to_kiel + "}", 400, "office");
  expect("POST", "/api/letters", R"({"office": "volgograd"})", 400, "addressees");
  expect("POST", "/api/letters", R"({"office": "volgograd", "addressees": {}})", 400, "addressees");
  expect("POST", "/api/letters", R"({"office": "volgograd", "addressees": [7]})", 400,
         "addressees[0]");
  expect("POST", "/api/letters",
         R"({"office": "volgograd", "addressees": [{"city_id": )" + std::to_string(kiel) +
             R"(}, {"town": "Kiel"}]})",
         400, "addressees[1].town");
  expect("POST", "/api/letters", R"({"office": "volgograd", "addressees": [{"city_id": 99999}]})",
         404, "addressees[0].city_id");
  expect("POST", "/api/letters",
         R"({"office": "volgograd", "addressees": [{"city_id": "Atlantis, XX"}]})", 404,
         "addressees[0].city_id");
  expect("POST", "/api/letters",
         R"({"office": "volgograd", "date": "2013-09-06", )" + to_kiel + "}", 400, "date");
  expect("POST", "/api/letters", R"({"office": "volgograd", "number": "7", )" + to_kiel + "}", 400,
         "number");
  expect("POST", "/api/letters", R"({"office": "volgograd", "register": "yes", )" + to_kiel + "}",
         400, "register");
  expect("POST", "/api/letters",
         R"({"office": "volgograd", "register": true, "date": "2013-13-01", )" + to_kiel + "}", 400,
         "date");
  expect("POST", "/api/letters",
         R"({"office": "volgograd", "register": true, "date": "2013-09", )" + to_kiel + "}", 400,
         "date");
  expect("POST", "/api/letters",
         R"({"office": "volgograd", "response_deadline": 20131106, )" + to_kiel + "}", 400,
         "response_deadline");
  expect("POST", "/api/letters", R"({"office": "volgograd", "lang": "??", )" + to_kiel + "}", 400,
         "lang");
  expect("POST", "/api/letters", "{\"office\": ", 400, "body");
  expect("POST", "/api/letters", "[]", 400, "body");
  expect("POST", "/api/letters?x=1", "{}", 400, "x");
  expect("POST", "/api/letters/incoming", R"({"office": "coventry", "sender": "Volgograd"})", 400,
         "sender");
  expect("POST", "/api/letters/incoming",
         R"({"office": "coventry", "sender": {"city": "Volgograd, RU"}})", 400, "sender.city");
  expect("POST", "/api/letters/incoming", R"({"office": "coventry", "sender": {}})", 400, "sender");
  expect(
      "POST", "/api/letters/incoming",
      R"({"office": "coventry", "sender": {"letterhead": "MFA"}, "links": [{"kind": "copy", "target": 1}]})",
      400, "links[0].kind");
  expect(
      "POST", "/api/letters/incoming",
      R"({"office": "coventry", "sender": {"letterhead": "MFA"}, "links": [{"kind": "reply_to"}]})",
      400, "links[0].target");
  expect("POST", "/api/letters/incoming",
         R"({"office": "coventry", "sender": {"letterhead": "MFA"}, "sender_date": "2013"})", 400,
         "sender_date");
  expect("POST", id_path(v, "/register"), R"({"when": "today"})", 400, "when");
  expect("POST", id_path(v, "/reply"), R"({"body": ""})", 400, "body");
  expect("POST", id_path(v, "/forward"), R"({"body": "x"})", 400, "addressees");
  expect("POST", id_path(v, "/remind"), R"({"register": 1})", 400, "register");
  expect("POST", "/api/letters/abc/reply", R"({"body": "x"})", 400, "id");
  expect("POST", "/api/letters/99999/reply", R"({"body": "x"})", 404, "original");
  expect("GET", "/api/letters/99999", "", 404, "letter");
  expect("GET", "/api/letters/0", "", 400, "id");
  expect("GET", "/api/letters?status=lost", "", 400, "status");
  expect("GET", "/api/letters?direction=sideways", "", 400, "direction");
  expect("GET", "/api/letters?overdue=maybe", "", 400, "overdue");
  expect("GET", "/api/letters?limit=0", "", 400, "limit");
  expect("GET", "/api/letters?limit=501", "", 400, "limit");
  expect("GET", "/api/letters?city=Atlantis", "", 400, "city");
  expect("GET", "/api/letters?office=nowhere", "", 404, "office");
  expect("GET", "/api/letters?sort=date", "", 400, "sort");
  expect("GET", id_path(v, "/pdf?size=a4"), "", 400, "size");
  // Nothing of the refused requests was written.
  EXPECT_EQ(as(Role::kCoordinator).get("/api/letters").json()["total"], 1);
}

TEST_P(LettersApi, ACorrespondentSeesAndWritesOnlyItsOwnCity) {
  auto to_coventry = send("volgograd", coventry, "2013-09-06");  // not Cologne's
  auto to_cologne = send("coventry", cologne, "2013-09-10");
  auto from_cologne = send("cologne", kiel, "2013-09-11");
  auto& cologne_desk = as(Role::kCorrespondent);

  auto list = cologne_desk.get("/api/letters").json();
  EXPECT_EQ(list["total"], 2);
  EXPECT_EQ(ids_of(list), (std::vector<LetterId>{id_of(from_cologne), id_of(to_cologne)}));
  // Filtering by another city narrows, never widens.
  list = cologne_desk.get("/api/letters?city=" + std::to_string(coventry)).json();
  EXPECT_EQ(ids_of(list), std::vector<LetterId>{id_of(to_cologne)});
  // Another city's office is refused as a filter, as everywhere else.
  auto other_office = cologne_desk.get("/api/letters?office=volgograd");
  EXPECT_EQ(other_office.status, 403) << other_office.body;
  EXPECT_EQ(other_office.error_field(), "office");

  // Another city's letter is refused, and the refusal tells nothing of it.
  for (const char* suffix : {"", "/pdf"}) {
    auto r = cologne_desk.get(id_path(to_coventry, suffix));
    EXPECT_EQ(r.status, 403) << suffix << ": " << r.body;
    EXPECT_EQ(r.error_code(), "forbidden");
    EXPECT_EQ(r.body.find("Coventry"), std::string::npos);
    EXPECT_EQ(r.body.find("CCC"), std::string::npos);
  }
  auto r = cologne_desk.send_json("POST", id_path(to_coventry, "/reply"), {{"body", "Hello"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(cologne_desk.get(id_path(to_cologne)).status, 200);

  // It registers incoming letters and replies for its own city only.
  nlohmann::json incoming = {{"sender", {{"city_id", coventry}}}, {"date", "2013-09-15"}};
  incoming["office"] = "coventry";
  r = cologne_desk.send_json("POST", "/api/letters/incoming", incoming);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.error_code(), "forbidden");
  incoming["office"] = "cologne";
  auto in = post(Role::kCorrespondent, "/api/letters/incoming", incoming);
  EXPECT_EQ(in["letter"]["number"], "IN-1");
  auto reply = post(
      Role::kCorrespondent, id_path(to_cologne, "/reply"),
      {{"body", "Cologne supports the initiative."}, {"register", true}, {"date", "2013-09-16"}});
  EXPECT_EQ(reply["office"]["code"], "cologne");
  EXPECT_EQ(reply["letter"]["number"], "K-2");
  r = cologne_desk.send_json("POST", id_path(to_cologne, "/reply"),
                             {{"body", "x"}, {"office", "coventry"}});
  EXPECT_EQ(r.status, 403);  // not an office Cologne's correspondent may use
  EXPECT_EQ(r.error_field(), "office");
  r = cologne_desk.send_json("POST", "/api/letters",
                             {{"office", "volgograd"}, {"addressees", {{{"city_id", kiel}}}}});
  EXPECT_EQ(r.status, 403);
  // Replies to its own letter are visible to it; Volgograd's sent letter is
  // still not.
  auto seen = cologne_desk.get(id_path(to_cologne)).json();
  ASSERT_EQ(seen["referred_by"].size(), 1u);
  EXPECT_EQ(seen["referred_by"][0]["letter"]["id"], id_of(reply));
  EXPECT_EQ(cologne_desk.get("/api/letters").json()["total"], 4);

  // The audit names the correspondent: two letters registered, and the
  // letter its reply answers.
  std::vector<std::string> audited;
  for (const auto& e : store::AuditLog(*store).list({"letter", "", "api-correspondent", 0, 10})) {
    audited.push_back(e.action + " " + e.entity_id);
  }
  EXPECT_EQ(audited, (std::vector<std::string>{"create " + std::to_string(id_of(in)),
                                               "create " + std::to_string(id_of(reply)),
                                               "status " + std::to_string(id_of(to_cologne))}));
}

TEST_P(LettersApi, ViewersAndAnonymousCallersSeeNoLetters) {
  auto v = send("volgograd", coventry, "2013-09-06");
  for (const std::string& target : {std::string("/api/letters"), id_path(v), id_path(v, "/pdf"),
                                    std::string("/api/offices"), std::string("/api/templates")}) {
    auto r = as(Role::kViewer).get(target);
    EXPECT_EQ(r.status, 403) << target;
    EXPECT_EQ(r.error_code(), "forbidden") << target;
    r = anonymous().get(target);
    EXPECT_EQ(r.status, 401) << target;
  }
  auto r = as(Role::kViewer).send_json("POST", id_path(v, "/remind"), nlohmann::json::object());
  EXPECT_EQ(r.status, 403);
  r = anonymous().send_json("POST", "/api/letters/incoming", nlohmann::json::object());
  EXPECT_EQ(r.status, 401);
}

TEST_P(LettersApi, AttachmentsGoOnDraftsAndComeBackVerified) {
  auto draft = post(Role::kCoordinator, "/api/letters",
                    {{"office", "volgograd"},
                     {"addressees", {{{"city_id", coventry}}}},
                     {"body", "With the draft resolution."}});
  auto r = as(Role::kCoordinator)
               .request("POST", id_path(draft, "/attachments?name=resolution%20draft.txt"), "hello",
                        {{"Content-Type", "text/plain; charset=utf-8"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = r.json();
  EXPECT_EQ(a["name"], "resolution draft.txt");
  EXPECT_EQ(a["media_type"], "text/plain");
  EXPECT_EQ(a["size"], 5);
  EXPECT_EQ(a["sha256"], "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  std::string where = id_path(draft, "/attachments/" + std::to_string(a["id"].get<int>()));
  EXPECT_EQ(r.header("location"), where);
  // Unknown type: guessed from the name.
  r = as(Role::kCoordinator)
          .request("POST", id_path(draft, "/attachments?name=scan.pdf"), "%PDF-1.4 scan",
                   {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["media_type"], "application/pdf");
  r = as(Role::kCoordinator).request("POST", id_path(draft, "/attachments?name=scan.pdf"), "again");
  EXPECT_EQ(r.status, 409);
  r = as(Role::kCoordinator).request("POST", id_path(draft, "/attachments"), "x");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "name");
  r = as(Role::kCoordinator).request("POST", id_path(draft, "/attachments?name=..%2Fx"), "x");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "attachment");

  r = as(Role::kCoordinator).get(where);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.header("content-type"), "text/plain");
  EXPECT_EQ(r.header("content-disposition"),
            "attachment; filename=\"resolution draft.txt\"; "
            "filename*=UTF-8''resolution%20draft.txt");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(as(Role::kCoordinator).get(id_path(draft, "/attachments/99999")).status, 404);
  EXPECT_EQ(as(Role::kCorrespondent).get(where).status, 403);  // not Cologne's letter

  auto view = as(Role::kCoordinator).get(id_path(draft)).json();
  ASSERT_EQ(view["letter"]["attachments"].size(), 2u);
  post(Role::kCoordinator, id_path(draft, "/register"), {{"date", "2013-09-06"}}, 200);
  r = as(Role::kCoordinator).request("POST", id_path(draft, "/attachments?name=late.txt"), "x");
  EXPECT_EQ(r.status, 409);  // a registered letter is frozen
}

TWINNING_API_ON_EVERY_BACKEND(LettersApi);

}  // namespace
}  // namespace twinning::testing
