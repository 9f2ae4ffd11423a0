// The letter commands of the real `twinning` binary, with real PDFs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "model/text.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"
#include "support/wikidata_fixture.h"

namespace twinning::testing {
namespace {

class LetterCliTest : public ::testing::Test {
 protected:
  ScratchDir dir;
  std::string db = dir.file("t.db");
  LetterScenario s = [this] {
    auto store = open_scratch_store(dir, "t.db");
    return add_letter_scenario(*store);
  }();

  RunResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db});
    return run_twinning(args, dir.path().string());
  }
  // Runs a command that must succeed and print JSON.
  nlohmann::json ok(std::vector<std::string> args) const {
    args.push_back("--json");
    RunResult r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.json();
  }
  // Runs a letter command that must succeed and print a letter view
  // ({"letter", "office", "referred_by", "answers"}); returns its letter.
  nlohmann::json letter_of(std::vector<std::string> args) const { return ok(args)["letter"]; }
  std::string registered_appeal() const {
    auto draft = letter_of({"letter", "new", "--office", "volgograd", "--template", "appeal-2013",
                            "--lang", "ru", "--to-title", "Мэру города-побратима"});
    EXPECT_EQ(draft["status"], "draft");
    auto reg = letter_of({"letter", "register", std::to_string(draft["id"].get<long>()), "--number",
                          "19-024/125рс", "--date", "2013-09-06"});
    EXPECT_EQ(reg["number"], "19-024/125рс");
    return reg["number"];
  }
};

TEST_F(LetterCliTest, TheLetterOf2013AsPdf) {
  std::string number = registered_appeal();
  auto pdf = ok({"letter", "pdf", number, "--out", "appeal.pdf"});
  EXPECT_EQ(pdf["pages"], 2);
  std::string path = dir.file("appeal.pdf");
  EXPECT_EQ(pdf_pages(path), 2);
  std::string text = normalize_text(pdf_text(path));
  for (const char* want :
       {"19-024/125рс", "от 06.09.2013 № 19-024/125рс", "ГЛАВА ВОЛГОГРАДА",
        "400066, г. Волгоград, ул. Советская, 9", "тел. (8442) 33-26-55", "факс (8442) 55-17-13",
        "Мэру города-побратима", "Уважаемый господин мэр, дорогой коллега!", "Глава Волгограда",
        "В.Д. Васильков"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n--- in ---\n" << text;
  }
  std::size_t last = 0;
  for (const auto& p : seed_body_paragraphs()) {
    std::size_t at = text.find(normalize_text(p));
    ASSERT_NE(at, std::string::npos) << "missing paragraph: " << p;
    EXPECT_GT(at, last);
    last = at;
  }
  // The default file name is the number.
  RunResult r = run({"letter", "pdf", "19-024/125рс"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote 19-024_125рс.pdf (2 pages, " +
                       std::to_string(std::filesystem::file_size(dir.file("19-024_125рс.pdf"))) +
                       " bytes)\n");
}

TEST_F(LetterCliTest, RegisteredLettersAreFrozenAndTheCounterMovesOn) {
  std::string number = registered_appeal();
  RunResult edit = run({"letter", "edit", number, "--body", "Другой текст."});
  EXPECT_EQ(edit.exit_code, 2);
  EXPECT_NE(edit.err.find("is registered and can no longer be edited; register a correction"),
            std::string::npos)
      << edit.err;
  RunResult again = run({"letter", "register", "1", "--number", "19-024/126рс"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already registered"), std::string::npos);
  auto next = letter_of({"letter", "new", "--to", "Coventry, GB", "--body", "Hello.", "--register",
                         "--date", "2013-09-07"});
  EXPECT_EQ(next["number"], "19-024/126рс");
  EXPECT_EQ(next["lang"], "en");
  RunResult dup = run({"letter", "new", "--to", "Coventry, GB", "--body", "x", "--register",
                       "--number", "19-024/125рс", "--date", "2013-09-07"});
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_EQ(dup.err, "twinning: No 19-024/125рс is already registered by office volgograd\n");
  auto sent = letter_of({"letter", "sent", number, "--date", "2013-09-09"});
  EXPECT_EQ(sent["status"], "sent");
  EXPECT_EQ(sent["sent_date"], "2013-09-09");
  auto correction = letter_of({"letter", "correct", number, "--register", "--date", "2013-09-10"});
  EXPECT_EQ(correction["kind"], "correction");
  EXPECT_EQ(correction["number"], "19-024/127рс");
  EXPECT_EQ(correction["links"][0]["target_number"], "19-024/125рс");
  auto draft = letter_of({"letter", "new", "--to", "Coventry, GB", "--body", "With enclosure."});
  dir.write("enclosure.txt", "abc");
  auto attached =
      ok({"letter", "attach", std::to_string(draft["id"].get<long>()), "enclosure.txt"});
  EXPECT_EQ(attached[0]["sha256"],
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto shown = letter_of({"letter", "show", "19-024/125рс"});
  EXPECT_EQ(shown["salutation"], "Уважаемый господин мэр, дорогой коллега!");
  EXPECT_EQ(shown["body"], join_list(seed_body_paragraphs(), "\n\n"));
}

TEST_F(LetterCliTest, ArabicJapaneseAndChineseLetters) {
  struct Case {
    std::string city, lang, body, name, font;
  };
  std::vector<Case> cases = {
      {"Port Said, EG", "ar",
       "يسعدنا أن نتوجه إليكم بهذه الرسالة بمناسبة الذكرى السبعين لتوأمة المدن.", "بورسعيد",
       "NotoNaskhArabic"},
      {"Hiroshima, JP", "ja", "姉妹都市運動の七十周年にあたり、心よりお祝い申し上げます。",
       "広島市", "NotoSerifCJKjp"},
      {"Chengdu, CN", "zh", "值此友好城市运动七十周年之际，谨致以热烈的祝贺。", "成都市长",
       "NotoSerifCJKsc"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.lang);
    auto l = letter_of(
        {"letter", "new", "--to", c.city, "--body", c.body, "--register", "--date", "2013-09-07"});
    EXPECT_EQ(l["lang"], c.lang);
    std::string file = c.lang + ".pdf";
    auto pdf = ok({"letter", "pdf", std::to_string(l["id"].get<long>()), "--out", file});
    EXPECT_EQ(pdf["pages"], 1);
    std::string path = dir.file(file);
    EXPECT_NE(pdf_fonts(path).find(c.font), std::string::npos);
    bool rtl = c.lang == "ar";
    std::string text = squeeze_text(pdf_text(path, !rtl));
    for (const std::string& want : {c.body, c.name, l["number"].get<std::string>()}) {
      EXPECT_NE(text.find(squeeze_text(want)), std::string::npos) << want << "\n--- in ---\n"
                                                                  << text;
    }
    auto page = render_page(path, 1);
    long left = page.dark_pixels(0.1, 0.25, 0.5, 0.6),
         right = page.dark_pixels(0.5, 0.25, 0.9, 0.6);
    EXPECT_GT(left + right, 300) << "the text area is blank";
    if (rtl) {
      EXPECT_GT(right, left);
    } else {
      EXPECT_GT(left, right);
    }
  }
  std::string ar = squeeze_text(pdf_text(dir.file("ar.pdf"), false));
  EXPECT_NE(ar.find(squeeze_text("حضرة السيد العمدة المحترم")),
            std::string::npos);  // template text
  std::string zh = pdf_text(dir.file("zh.pdf"));
  EXPECT_NE(zh.find("尊敬的市长先生："), std::string::npos);
  EXPECT_NE(zh.find("日期：2013年9月7日"), std::string::npos);
}

TEST_F(LetterCliTest, RepliesForwardsAndRemindersCiteTheOriginal) {
  std::string number = registered_appeal();
  EXPECT_EQ(run({"office", "add", "coventry", "--city", "Coventry, GB", "--pattern",
                 "CCC/{yyyy}/{seq:4}", "--yearly"})
                .exit_code,
            0);
  ok({"office", "requisites", "coventry", "--lang", "en", "--letterhead", "COVENTRY CITY COUNCIL",
      "--signatory", "John Mutton", "--signatory-title", "Lord Mayor of Coventry"});
  // The appeal as sent to Coventry: Coventry answers it and forwards a copy.
  auto to_coventry =
      letter_of({"letter", "new", "--office", "volgograd", "--to", "Coventry, GB", "--template",
                 "appeal-2013", "--register", "--date", "2013-09-06", "--deadline", "2013-11-01"});
  std::string original = to_coventry["number"];
  EXPECT_EQ(original, "19-024/126рс");
  EXPECT_EQ(to_coventry["addressees"][0]["title"], "The Mayor of the twin city of Coventry");

  auto reminder = letter_of({"letter", "remind", original, "--register", "--date", "2013-11-05"});
  EXPECT_EQ(reminder["kind"], "reminder");
  ok({"letter", "pdf", std::to_string(reminder["id"].get<long>()), "--out", "reminder.pdf"});
  EXPECT_NE(normalize_text(pdf_text(dir.file("reminder.pdf")))
                .find("We refer to our letter No 19-024/126рс of 6 September 2013"),
            std::string::npos);

  auto reply =
      letter_of({"letter", "reply", original, "--body", "Coventry supports the initiative.",
                 "--register", "--date", "2013-11-10"});
  EXPECT_EQ(reply["number"], "CCC/2013/0001");
  EXPECT_EQ(reply["links"][0]["kind"], "reply_to");
  ok({"letter", "pdf", "CCC/2013/0001", "--out", "reply.pdf"});
  std::string reply_text = normalize_text(pdf_text(dir.file("reply.pdf")));
  EXPECT_NE(reply_text.find("Ref. No 19-024/126рс of 6 September 2013"), std::string::npos)
      << reply_text;
  EXPECT_NE(reply_text.find("COVENTRY CITY COUNCIL"), std::string::npos);
  EXPECT_EQ(letter_of({"letter", "show", original})["status"], "answered");
  RunResult late = run({"letter", "remind", original});
  EXPECT_EQ(late.exit_code, 2);
  EXPECT_NE(late.err.find("no reminder after an answer"), std::string::npos);

  auto fwd =
      letter_of({"letter", "forward", original, "--to", "Dresden, DE", "--office", "coventry"});
  ok({"letter", "pdf", std::to_string(fwd["id"].get<long>()), "--out", "forward.pdf"});
  std::string fwd_text = normalize_text(pdf_text(dir.file("forward.pdf")));
  // Dresden is written to in German, an official language of Germany.
  EXPECT_EQ(fwd["lang"], "de");
  EXPECT_NE(fwd_text.find("Nachstehend erhalten Sie eine Kopie des Schreibens Nr. 19-024/126рс vom "
                          "6. September 2013 aus Volgograd"),
            std::string::npos)
      << fwd_text;
  EXPECT_NE(fwd_text.find("Year of the International Twin Cities Movement"), std::string::npos);

  // The Russian reminder of the Russian appeal cites it the Russian way.
  auto ru = letter_of({"letter", "remind", number});
  ok({"letter", "pdf", std::to_string(ru["id"].get<long>()), "--out", "ru-reminder.pdf"});
  EXPECT_NE(normalize_text(pdf_text(dir.file("ru-reminder.pdf")))
                .find("Напоминаем о нашем письме от 06.09.2013 № 19-024/125рс"),
            std::string::npos);
}

TEST_F(LetterCliTest, IncomingLettersWithAttachments) {
  std::string number = registered_appeal();
  std::string scan;
  for (int i = 0; i < 3000; ++i) scan += static_cast<char>(i * 7);
  dir.write("answer.pdf", scan);
  auto in =
      letter_of({"letter",         "receive",        "--office",      "volgograd",    "--from",
                 "Coventry, GB",   "--their-number", "CCC/2013/0088", "--their-date", "2013-09-30",
                 "--reply-to",     number,           "--subject",     "Support",      "--body",
                 "We support it.", "--attach",       "answer.pdf",    "--date",       "2013-10-07",
                 "--deadline",     "2013-10-20"});
  EXPECT_EQ(in["number"], "IN-1");
  EXPECT_EQ(in["status"], "received");
  EXPECT_EQ(in["attachments"][0]["size"], 3000);
  EXPECT_EQ(letter_of({"letter", "show", number})["status"], "answered");
  ok({"letter", "attachment", "IN-1", "answer.pdf", "--out", "copy.pdf"});
  EXPECT_EQ(slurp(dir.file("copy.pdf")), scan);
  auto overdue = ok({"letter", "list", "--overdue", "--on", "2013-10-21"});
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0]["number"], "IN-1");
  EXPECT_EQ(ok({"letter", "list", "--direction", "incoming"}).size(), 1u);
  EXPECT_EQ(ok({"letter", "list", "--status", "answered"}).size(), 1u);
  RunResult text = run({"letter", "list"});
  EXPECT_NE(text.out.find("IN-1\t2013-10-07\tvolgograd\tincoming\treceived\tfrom Coventry"),
            std::string::npos)
      << text.out;
}

TEST_F(LetterCliTest, TwentyProcessesRegisterWithoutDuplicatesOrGaps) {
  constexpr int kProcesses = 20, kEach = 5;
  std::vector<std::thread> workers;
  std::atomic<int> failures{0};
  for (int p = 0; p < kProcesses; ++p) {
    workers.emplace_back([&, p] {
      for (int i = 0; i < kEach; ++i) {
        RunResult r =
            run({"letter", "new", "--to", p % 2 ? "Coventry, GB" : "Hiroshima, JP", "--body",
                 "Letter " + std::to_string(p) + "." + std::to_string(i), "--register"});
        if (r.exit_code != 0) {
          ++failures;
          ADD_FAILURE() << r.err;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(failures, 0);
  auto all = ok({"letter", "list", "--limit", "1000"});
  std::set<std::string> numbers;
  for (const auto& l : all) numbers.insert(l["number"].get<std::string>());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kProcesses * kEach));
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kProcesses * kEach));
  for (int i = 1; i <= kProcesses * kEach; ++i) {
    EXPECT_TRUE(numbers.count("19-024/" + std::to_string(i) + "рс")) << i;
  }
}

TEST_F(LetterCliTest, MalformedTemplatesAreReportedWithFileAndLine) {
  std::filesystem::create_directories(dir.path() / "tpl" / "letter");
  std::string file = (dir.path() / "tpl" / "letter" / "en.mustache").string();
  dir.write("tpl/letter/en.mustache",
            "{{! a clerk's edit }}\n[salutation]\nDear {{addressee_title}},\n[body]\n{{body}}\n\n"
            "Kind regards from {{nosuchfield}}\n");
  RunResult r =
      run({"letter", "new", "--to", "Coventry, GB", "--body", "x", "--templates", dir.file("tpl")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("twinning: template " + file + " line 7: unknown field {{nosuchfield}}", 0),
            0u)
      << r.err;
  dir.write("tpl/letter/en.mustache", "[body]\n{{#paragraphs}}\n{{.}}\n");
  setenv("TWINNING_TEMPLATES", dir.file("tpl").c_str(), 1);
  r = run({"letter", "new", "--to", "Coventry, GB", "--body", "x"});
  unsetenv("TWINNING_TEMPLATES");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "twinning: template " + file +
                       " line 2: {{#paragraphs}} is never closed (with {{/paragraphs}}) before the "
                       "end of its section\n");
  EXPECT_EQ(ok({"letter", "list"}).size(), 0u);  // nothing was drafted
  RunResult missing = run({"letter", "new", "--to", "Coventry, GB", "--template", "nosuch"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no template 'nosuch'"), std::string::npos);
}

TEST_F(LetterCliTest, ToTwinsWritesOnePdfPerTwin) {
  auto out = ok({"letter", "to-twins", "Volgograd, RU", "--template", "letter", "--body",
                 "Greetings on the anniversary.", "--out", "wave", "--date", "2013-09-06"});
  ASSERT_EQ(out.size(), 5u);
  std::set<std::string> langs;
  for (const auto& t : out) {
    langs.insert(t["lang"].get<std::string>());
    std::string pdf = dir.path().string() + "/" + t["pdf"].get<std::string>();
    EXPECT_EQ(pdf_pages(pdf), 1) << pdf;
  }
  EXPECT_EQ(langs, (std::set<std::string>{"ar", "de", "en", "ja", "zh"}));
  EXPECT_EQ(out[2]["twin"], "Dresden");
  EXPECT_EQ(out[2]["lang"], "de");
  EXPECT_EQ(out[2]["fell_back_to_english"], false);
  EXPECT_EQ(out[0]["lang_reason"], "official language of China (CLDR)");
  RunResult again =
      run({"letter", "to-twins", "Volgograd, RU", "--template", "appeal-2013", "--out", "wave2"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("5 letters registered"), std::string::npos);
  EXPECT_NE(again.out.find("19-024/10рс\tPort Said\tar (official language of Egypt (CLDR))"),
            std::string::npos)
      << again.out;
}

TEST_F(LetterCliTest, ToTwinsSaysWhichLettersGoInTheOriginalAloneAndTakesTheirTranslations) {
  {
    // A Danish twin: the appeal has no Danish text.
    auto store = open_scratch_store(dir, "t.db");
    City aarhus;
    aarhus.name = "Aarhus";
    aarhus.country = "DK";
    CityId id = store::CityStore(*store).create(aarhus);
    Link link;
    link.city_a = std::min(s.volgograd, id);
    link.city_b = std::max(s.volgograd, id);
    store::LinkStore(*store).create(link);
  }
  RunResult alone = run({"letter", "to-twins", "Volgograd, RU", "--template", "appeal-2013",
                         "--out", "alone", "--date", "2013-09-06"});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_NE(alone.out.find("19-024/1рс\tAarhus\ten (no template in the city's languages: "
                           "English)\talone/19-024_1рс-Aarhus.pdf\n"
                           "  in the original (en) alone, as the letter states; to add a courtesy "
                           "translation: --courtesy-translation da=FILE\n"
                           "19-024/2рс\tChengdu"),
            std::string::npos)
      << alone.out;
  EXPECT_EQ(alone.out.find("the original (en) with"), std::string::npos) << alone.out;
  std::string text = normalize_text(pdf_text(dir.file("alone/19-024_1рс-Aarhus.pdf")));
  EXPECT_NE(text.find("Dette brev sendes på originalsproget (engelsk) uden oversættelse."),
            std::string::npos)
      << text;

  std::string file = dir.write("da.txt", "Kære hr. borgmester!\n\nVores byer er venner.\n");
  auto out = ok({"letter", "to-twins", "Volgograd, RU", "--template", "appeal-2013", "--out",
                 "translated", "--date", "2013-09-06", "--courtesy-translation", "da=" + file});
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[0]["twin"], "Aarhus");
  EXPECT_EQ(out[0]["lang"], "en");
  EXPECT_EQ(out[0]["courtesy_lang"], "da");
  EXPECT_EQ(out[0]["courtesy_translated"], true);
  EXPECT_EQ(out[1]["courtesy_lang"], "");  // Chengdu: in Chinese
  EXPECT_EQ(out[1]["courtesy_translated"], false);
  text = normalize_text(pdf_text(dir.path().string() + "/" + out[0]["pdf"].get<std::string>()));
  EXPECT_NE(text.find("Vores byer er venner."), std::string::npos) << text;

  for (const std::string& bad : std::vector<std::string>{"da", "=" + file, "da="}) {
    RunResult r = run({"letter", "to-twins", "Volgograd, RU", "--template", "appeal-2013",
                       "--courtesy-translation", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--courtesy-translation takes LANG=FILE, not '" + bad + "'"),
              std::string::npos)
        << r.err;
  }
  RunResult german = run({"letter", "to-twins", "Volgograd, RU", "--template", "appeal-2013",
                          "--courtesy-translation", "de=" + file});
  EXPECT_EQ(german.exit_code, 2);
  EXPECT_NE(german.err.find("no letter takes the courtesy translation into de: template "
                            "'appeal-2013' has a text in de"),
            std::string::npos)
      << german.err;
  EXPECT_EQ(ok({"letter", "list"}).size(), 12u);  // the two waves, nothing of the refusals
}

TEST_F(LetterCliTest, ALetterWhosePdfWouldShowAMissingGlyphIsNotRegistered) {
  // U+E000 (private use): no installed font has a glyph for it.
  const std::string body = "Our twin \xEE\x80\x80 city.";
  RunResult now = run({"letter", "new", "--to", "Coventry, GB", "--body", body, "--register",
                       "--date", "2013-09-06"});
  EXPECT_EQ(now.exit_code, 2);
  EXPECT_NE(now.err.find("cannot register the letter: the letter cannot be printed: no installed "
                         "font has a glyph for U+E000"),
            std::string::npos)
      << now.err;
  EXPECT_EQ(ok({"letter", "list"}).size(), 0u);  // nothing written
  auto draft = letter_of({"letter", "new", "--to", "Coventry, GB", "--body", body});
  std::string id = std::to_string(draft["id"].get<LetterId>());
  RunResult later = run({"letter", "register", id, "--date", "2013-09-06"});
  EXPECT_EQ(later.exit_code, 2);
  EXPECT_NE(later.err.find("cannot register letter #" + id + ": "), std::string::npos) << later.err;
  EXPECT_NE(later.err.find("U+E000"), std::string::npos) << later.err;
  EXPECT_EQ(letter_of({"letter", "show", id})["status"], "draft");
}

TEST_F(LetterCliTest, AnOriginalWithACourtesyTranslationFromAFile) {
  {
    auto store = open_scratch_store(dir, "t.db");
    City aarhus;
    aarhus.name = "Aarhus";
    aarhus.country = "DK";
    store::CityStore(*store).create(aarhus);
  }
  std::string file = dir.write("da.txt", "Kære hr. borgmester!\n\nVores byer er venner.\n");
  auto l = letter_of({"letter", "new", "--to", "Aarhus, DK", "--template", "appeal-2013",
                      "--courtesy-lang", "da", "--courtesy-translation", file, "--register",
                      "--date", "2013-09-06"});
  EXPECT_EQ(l["lang"], "ru");  // the original, in the sender's language
  EXPECT_EQ(l["courtesy_lang"], "da");
  EXPECT_EQ(l["courtesy_translation"], "Kære hr. borgmester!\n\nVores byer er venner.");
  auto pdf = ok({"letter", "pdf", l["number"], "--out", "aarhus.pdf"});
  EXPECT_EQ(pdf["pages"], 3);  // two of the Russian original, one of the translation
  std::string text = normalize_text(pdf_text(dir.file("aarhus.pdf")));
  EXPECT_NE(text.find("Многие годы наши города"), std::string::npos);
  EXPECT_NE(text.find("Høflighedsoversættelse (originalsprog: russisk)"), std::string::npos);
  EXPECT_NE(text.find("Vores byer er venner."), std::string::npos) << text;
  RunResult bad = run({"letter", "new", "--to", "Aarhus, DK", "--template", "appeal-2013",
                       "--courtesy-lang", "de"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("template 'appeal-2013' has a text in de"), std::string::npos) << bad.err;
}

TEST_F(LetterCliTest, EveryCommandHasHelp) {
  for (const char* cmd :
       {"new", "edit", "attach", "attachment", "register", "receive", "list", "show", "sent",
        "reply", "forward", "remind", "correct", "pdf", "to-twins"}) {
    RunResult r = run({"letter", cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("--json"), std::string::npos) << cmd;
  }
  RunResult bad = run({"letter", "list", "--status", "lost"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "twinning: unknown letter status 'lost': expected draft, registered, sent, received, "
            "answered\n");
}

// The demo's first wave on the world list: Volgograd's and Coventry's appeal
// to each of their twins, every letter in an official language of the
// twin's country (CLDR), its PDF carrying that language's subject line.
class LetterWorldCliTest : public ::testing::Test {
 protected:
  ScratchDir dir;
  std::string db = dir.file("world.db");
  // Runs a command that must succeed.
  RunResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    RunResult r = run_twinning(args, dir.path().string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  void import_world() {
    run({"init"});
    run({"import", "wikipedia-csv", data_file("twin_cities_wikipedia.csv")});
  }
};

TEST_F(LetterWorldCliTest, TheAppealOfBothOriginatorsInAnOfficialLanguageOfEveryTwin) {
  import_world();
  run({"demo"});
  std::map<std::string, std::string> subjects;  // language -> the appeal's subject line
  int letters = 0;
  for (const char* from : {"Volgograd, RU", "Coventry, GB"}) {
    auto out =
        run({"letter", "to-twins", from, "--template", "appeal-2013", "--out", "appeal", "--json"})
            .json();
    for (const auto& t : out) {
      std::string twin = t["twin"], lang = t["lang"], reason = t["lang_reason"];
      SCOPED_TRACE(std::string(from) + " -> " + twin + ": " + lang);
      if (twin == "Volgograd" || twin == "Coventry") continue;  // the originators
      ++letters;
      EXPECT_EQ(reason.rfind("official language of ", 0), 0u) << reason;
      if (!subjects.count(lang)) {
        std::ifstream in(std::string(TWINNING_SOURCE_DIR) + "/templates/appeal-2013/" + lang +
                         ".mustache");
        std::string line;
        while (std::getline(in, line) && line != "[subject]") {
        }
        std::getline(in, line);  // {{#subject}}...{{/subject}}{{^subject}}THE SUBJECT{{/subject}}
        auto from = line.find("{{^subject}}") + 12;
        subjects[lang] = line.substr(from, line.rfind("{{/subject}}") - from);
      }
      ASSERT_FALSE(subjects[lang].empty());
      bool rtl = lang == "ar";
      std::string text = pdf_text(dir.file(t["pdf"]), !rtl);
      EXPECT_TRUE(pdf_shows(text, subjects[lang], rtl)) << text;
    }
  }
  EXPECT_EQ(letters, 36);
  EXPECT_GE(subjects.size(), 14u);
}

// The Russian circular No 19-024/125рс names each twin in Russian where the
// registry knows the Russian name (Wikidata's labels, imported before the
// demo), else in its local form, and each country as ICU names it in
// Russian: no English exonym inside the Russian text.
TEST_F(LetterWorldCliTest, TheRussianAppealNamesTwinsInRussianOnceWikidataGivesTheirNames) {
  import_world();
  namespace wd = wikidata;
  std::string labels = dir.write(
      "wd.json",
      wd::dump({wd::country("Q183", "DE", "Germany"),
                wd::city("Q2795", {{"de", "Chemnitz"}, {"en", "Chemnitz"}, {"ru", "Хемниц"}},
                         "Q183", std::nullopt, {}),
                wd::city("Q365", {{"de", "Köln"}, {"en", "Cologne"}}, "Q183", std::nullopt, {})}));
  run({"import", "wikidata", labels});
  run({"demo"});
  run({"letter", "pdf", "19-024/125рс", "--out", "circular.pdf"});
  std::string text = pdf_text(dir.file("circular.pdf"));
  for (const char* s : {"Мэру города-побратима Хемниц", "Хемниц, Германия",
                        "Мэру города-побратима Köln", "Köln, Германия", "Китай"}) {
    EXPECT_TRUE(pdf_shows(text, s, false)) << s << "\n" << text;
  }
  EXPECT_EQ(text.find("Cologne"), std::string::npos) << text;
  EXPECT_EQ(text.find("Chemnitz"), std::string::npos) << text;
}

}  // namespace
}  // namespace twinning::testing
