#include "letters/composition.h"

#include <gtest/gtest.h>

#include "letters/correspondence.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/letter_store.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"

namespace twinning::letters {
namespace {

class CompositionTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  testing::LetterScenario s = testing::add_letter_scenario(*store);
  TemplateLibrary library = TemplateLibrary::locate("");

  Letter letter(const std::string& lang, std::optional<CityId> to) const {
    Letter l;
    l.office_id = s.office;
    l.lang = lang;
    l.template_name = "letter";
    l.sender.city_id = s.volgograd;
    l.sender.letterhead = "ГЛАВА ВОЛГОГРАДА";
    l.sender.signatory_name = "В.Д. Васильков";
    l.sender.signatory_title = "Глава Волгограда";
    l.sender.address = "400066, г. Волгоград, ул. Советская, 9";
    l.sender.phone = "(8442) 33-26-55";
    l.sender.fax = "(8442) 55-17-13";
    l.addressees = {Addressee{to, "", "", ""}};
    return l;
  }
  static std::string text(const mstch::map& m, const std::string& key) {
    return boost::get<std::string>(m.at(key));
  }
};

TEST_F(CompositionTest, EveryShippedTemplateValidatesAgainstTheLetterFields) {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(library.dir())) {
    if (entry.path().extension() != ".mustache") continue;
    EXPECT_NO_THROW(LetterTemplate::load(entry.path(), letter_field_names())) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 128);  // letter, reminder, forward, correction ×27; appeal-2013 ×20
}

TEST_F(CompositionTest, FieldsAreInTheLettersLanguage) {
  Letter l = letter("ru", s.coventry);
  auto draft = letter_fields(*store, l);
  EXPECT_EQ(text(draft, "number"), "________");
  EXPECT_EQ(text(draft, "addressee_city"), "Ковентри");
  EXPECT_EQ(text(draft, "addressee_country"), "Великобритания");
  EXPECT_EQ(text(draft, "sender_city"), "Волгоград");
  EXPECT_FALSE(boost::get<bool>(draft.at("registered")));
  l.status = LetterStatus::kRegistered;
  l.number = "19-024/125рс";
  l.date = parse_partial_date("2013-09-06");
  l.response_deadline = parse_partial_date("2013-10-01");
  l.body = "Первый абзац.\n\nВторой абзац.";
  auto reg = letter_fields(*store, l);
  EXPECT_EQ(text(reg, "number"), "19-024/125рс");
  EXPECT_EQ(text(reg, "date"), "06.09.2013");
  EXPECT_EQ(text(reg, "date_text"), "6 сентября 2013 г.");
  EXPECT_EQ(text(reg, "date_iso"), "2013-09-06");
  EXPECT_EQ(text(reg, "deadline_text"), "1 октября 2013 г.");
  EXPECT_EQ(boost::get<mstch::array>(reg.at("paragraphs")).size(), 2u);
  l.lang = "en";
  EXPECT_EQ(text(letter_fields(*store, l), "date"), "6 September 2013");
  EXPECT_EQ(text(letter_fields(*store, l), "addressee_city"), "Coventry");
  // Every field the composer sets is a known name, and every known top-level name is set.
  for (const auto& [key, value] : reg) EXPECT_TRUE(letter_field_names().count(key)) << key;
}

TEST_F(CompositionTest, ReferencesCiteTheOriginal) {
  Letter in = letter("en", s.volgograd);
  in.direction = LetterDirection::kIncoming;
  in.status = LetterStatus::kReceived;
  in.number = "IN-1";
  in.date = parse_partial_date("2013-10-02");
  in.sender_number = "CCC/2013/0088";
  in.sender_date = parse_partial_date("2013-09-30");
  in.sender.city_id = s.coventry;
  in.subject = "Year of Twin Cities";
  in.body = "We support the initiative.";
  LetterId orig = store::LetterStore(*store).insert(in);
  Letter reply = letter("ru", s.coventry);
  reply.kind = LetterKind::kReply;
  reply.links = {LetterLink{LetterLinkKind::kReplyTo, orig, "", {}}};
  auto f = letter_fields(*store, reply);
  EXPECT_EQ(text(f, "ref_number"), "CCC/2013/0088");
  EXPECT_EQ(text(f, "ref_date"), "30.09.2013");
  EXPECT_EQ(text(f, "ref_sender_city"), "Ковентри");
  EXPECT_EQ(text(f, "ref_subject"), "Year of Twin Cities");
  EXPECT_TRUE(boost::get<bool>(f.at("is_reply")));
  auto refs = boost::get<mstch::array>(f.at("references"));
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_TRUE(boost::get<bool>(boost::get<mstch::map>(refs[0]).at("is_reply")));
}

TEST_F(CompositionTest, DraftingMergesTheAppealVerbatim) {
  Letter l = letter("ru", std::nullopt);
  l.addressees = {Addressee{std::nullopt, "", "", ""}, Addressee{s.coventry, "", "", ""}};
  l.template_name = "appeal-2013";
  merge_content(*store, library.load("appeal-2013", "ru", letter_field_names()), l);
  EXPECT_EQ(l.addressees[0].title, "Мэру города-побратима");
  EXPECT_EQ(l.addressees[1].title, "Мэру города-побратима Ковентри");
  EXPECT_EQ(l.salutation, "Уважаемый господин мэр, дорогой коллега!");
  EXPECT_EQ(l.body, join_list(testing::seed_body_paragraphs(), "\n\n"));
  EXPECT_EQ(l.closing, "");
  // The appeal's own subject, in Russian (the 2013 letter had none printed).
  EXPECT_EQ(l.subject,
            "О провозглашении 2014 года Годом международного движения породненных городов");
}

TEST_F(CompositionTest, GenericTemplateKeepsInputAndFillsDefaults) {
  Letter l = letter("en", s.coventry);
  l.body = "  First.\n\n\n Second.  ";
  merge_content(*store, library.load("letter", "en", letter_field_names()), l);
  EXPECT_EQ(l.addressees[0].title, "The Mayor of Coventry");
  EXPECT_EQ(l.salutation, "Dear Mayor,");
  EXPECT_EQ(l.body, "First.\n\nSecond.");
  EXPECT_EQ(l.closing, "Yours sincerely,");
  Letter own = letter("en", s.coventry);
  own.addressees[0].title = "The Rt Hon the Lord Mayor of Coventry";
  own.salutation = "Dear Lord Mayor,";
  own.closing = "Yours faithfully,";
  merge_content(*store, library.load("letter", "en", letter_field_names()), own);
  EXPECT_EQ(own.addressees[0].title, "The Rt Hon the Lord Mayor of Coventry");
  EXPECT_EQ(own.salutation, "Dear Lord Mayor,");
  EXPECT_EQ(own.closing, "Yours faithfully,");
}

TEST_F(CompositionTest, RussianDocumentHasTheGostRequisites) {
  Letter l = letter("ru", std::nullopt);
  l.addressees[0].title = "Мэру города-побратима";
  l.status = LetterStatus::kRegistered;
  l.number = "19-024/125рс";
  l.date = parse_partial_date("2013-09-06");
  l.salutation = "Уважаемый господин мэр, дорогой коллега!";
  l.body = "Абзац один.\n\nАбзац два.";
  l.template_name = "appeal-2013";
  auto doc = compose_document(*store, templates_for(library, l), l);
  EXPECT_EQ(doc.layout, LetterLayout::kGost);
  EXPECT_EQ(doc.letterhead,
            (std::vector<std::string>{"ГЛАВА ВОЛГОГРАДА", "400066, г. Волгоград, ул. Советская, 9",
                                      "тел. (8442) 33-26-55, факс (8442) 55-17-13"}));
  EXPECT_EQ(doc.registration, std::vector<std::string>{"от 06.09.2013 № 19-024/125рс"});
  EXPECT_EQ(doc.addressee, std::vector<std::string>{"Мэру города-побратима"});
  EXPECT_EQ(doc.signature, (std::vector<std::string>{"Глава Волгограда", "В.Д. Васильков"}));
  EXPECT_EQ(doc.body, (std::vector<std::string>{"Абзац один.", "Абзац два."}));
  EXPECT_EQ(doc.title, "No 19-024/125рс of 2013-09-06");
  l.lang = "en";
  EXPECT_EQ(compose_document(*store, templates_for(library, l), l).layout, LetterLayout::kBusiness);
}

TEST_F(CompositionTest, AddresseeBlocksHaveNoEmptyLinesForMissingParts) {
  Letter l = letter("en", s.coventry);
  l.addressees = {Addressee{s.coventry, "The Mayor of Coventry", "", "Council House, Coventry"},
                  Addressee{s.dresden, "The Mayor of Dresden", "Dirk Hilbert", "Dresden"}};
  auto doc = compose_document(*store, templates_for(library, l), l);
  EXPECT_EQ(doc.addressee,
            (std::vector<std::string>{"The Mayor of Coventry", "Council House, Coventry", "",
                                      "The Mayor of Dresden", "Dirk Hilbert", "Dresden"}));
  EXPECT_EQ(doc.registration, (std::vector<std::string>{"__________", "Our ref.: No ________"}));
  EXPECT_EQ(doc.title, "Draft letter #0");
}

TEST_F(CompositionTest, MoreThanFourAddresseesGoOnADistributionList) {
  Letter l = letter("ru", s.coventry);
  l.status = LetterStatus::kRegistered;
  l.number = "19-024/125рс";
  l.date = parse_partial_date("2013-09-06");
  l.addressees = {Addressee{s.coventry, "Мэру города Ковентри", "", "Ковентри, Великобритания"},
                  Addressee{s.port_said, "Мэру города Порт-Саид", "", ""},
                  Addressee{s.hiroshima, "Мэру города Хиросима", "", ""},
                  Addressee{s.chengdu, "Мэру города Чэнду", "", ""}};
  auto four = compose_document(*store, templates_for(library, l), l);
  EXPECT_EQ(four.addressee.front(), "Мэру города Ковентри");
  EXPECT_EQ(four.addressee.back(), "Мэру города Чэнду");
  EXPECT_TRUE(four.distribution.empty());

  l.addressees.push_back(Addressee{s.dresden, "Мэру города Дрезден", "Дирк Хильберт", ""});
  auto five = compose_document(*store, templates_for(library, l), l);
  EXPECT_EQ(five.addressee,
            (std::vector<std::string>{"Мэрам городов-побратимов", "(по списку рассылки)"}));
  EXPECT_EQ(
      five.distribution,
      (std::vector<std::string>{
          "Список рассылки", "к письму от 06.09.2013 № 19-024/125рс", "", "1. Мэру города Ковентри",
          "Ковентри, Великобритания", "", "2. Мэру города Порт-Саид", "", "3. Мэру города Хиросима",
          "", "4. Мэру города Чэнду", "", "5. Мэру города Дрезден", "Дирк Хильберт"}));
}

TEST_F(CompositionTest, WithoutADistributionSectionTheWholeAddresseeBlockIsTheList) {
  // A clerk's generic template of another language, written before
  // [distribution] existed: every addressee is still printed.
  auto own = LetterTemplate::parse(
      "[addressee]\n{{#addressees}}\n{{title}}\n{{/addressees}}\n[signature]\n{{signatory_name}}\n",
      "letter/de.mustache", letter_field_names());
  TemplateSet templates(own, std::nullopt, "de", false);
  Letter l = letter("de", std::nullopt);
  l.addressees.clear();
  for (const char* title : {"An A", "An B", "An C", "An D", "An E", "An F"}) {
    l.addressees.push_back(Addressee{std::nullopt, title, "", ""});
  }
  auto doc = compose_document(*store, templates, l);
  std::vector<std::string> all{"An A", "An B", "An C", "An D", "An E", "An F"};
  EXPECT_EQ(doc.distribution, all);
}

TEST_F(CompositionTest, RightToLeftDocumentsIsolateNumbers) {
  Letter l = letter("ar", s.port_said);
  l.status = LetterStatus::kRegistered;
  l.number = "19-024/126рс";
  l.date = parse_partial_date("2013-09-07");
  auto doc = compose_document(*store, templates_for(library, l), l);
  ASSERT_GE(doc.registration.size(), 2u);
  EXPECT_EQ(doc.registration[1],
            "الرقم: \u2068"
            "19-024/126рс\u2069");
  EXPECT_EQ(l.number, "19-024/126рс");
}

TEST_F(CompositionTest, MissingTemplateFallsBackToTheGenericOne) {
  Letter l = letter("ru", s.coventry);
  l.template_name = "deleted-since";
  EXPECT_EQ(templates_for(library, l).primary().source(),
            (library.dir() / "letter" / "ru.mustache").string());
}

// The 2013 appeal has no Danish text: Volgograd sends it in Russian, with
// the office's Danish translation on a page of its own, or alone with a
// line saying so — in Danish (letter/da has the wording), in English for a
// language without a generic letter (Finnish).
TEST_F(CompositionTest, AnOriginalGoesWithItsCourtesyTranslationOnAPageOfItsOwn) {
  City aarhus;
  aarhus.name = "Aarhus";
  aarhus.country = "DK";
  CityId to = store::CityStore(*store).create(aarhus);
  auto request = [&](std::string lang, std::string translation) {
    DraftRequest r;
    r.office = s.office;
    r.addressees = {Addressee{to, "", "", ""}};
    r.template_name = "appeal-2013";
    r.courtesy_lang = std::move(lang);
    r.courtesy_translation = std::move(translation);
    return r;
  };
  auto print = [&](const DraftRequest& r, const std::string& name, int* pages) {
    auto reg = register_outgoing(*store, library, r, RegisterOptions{parse_full_date("2013-09-06"), ""});
    std::string pdf = dir.file(name + ".pdf");
    *pages = print_letter(*store, library, reg.id, pdf).pages;
    return pdf;
  };
  const std::string translation =
      "Kære hr. borgmester, kære kollega!\n\nI mange år har vores byer været forbundet af gode "
      "venskabelige forbindelser.";
  int alone = 0, with_translation = 0, in_english = 0;
  std::string original = print(request("da", ""), "alone", &alone);
  std::string translated = print(request("da", translation), "translated", &with_translation);
  std::string finnish = print(request("fi", ""), "finnish", &in_english);

  EXPECT_EQ(with_translation, alone + 1);  // the translation's own page
  const std::string russian = "Многие годы наши города связывают добрые дружеские";
  std::string last_page = testing::normalize_text(testing::run_program(
      {"pdftotext", "-f", std::to_string(with_translation), "-l",
       std::to_string(with_translation), "-enc", "UTF-8", translated, "-"}));
  EXPECT_NE(testing::normalize_text(testing::pdf_text(translated)).find(russian),
            std::string::npos);
  EXPECT_NE(last_page.find("Høflighedsoversættelse (originalsprog: russisk). Kun originalteksten er "
                           "gældende."),
            std::string::npos)
      << last_page;
  EXPECT_NE(last_page.find("Kære hr. borgmester, kære kollega!"), std::string::npos) << last_page;
  EXPECT_NE(last_page.find("venskabelige forbindelser."), std::string::npos) << last_page;
  EXPECT_EQ(last_page.find(russian), std::string::npos);

  std::string alone_text = testing::normalize_text(testing::pdf_text(original));
  EXPECT_NE(alone_text.find(russian), std::string::npos);
  EXPECT_NE(alone_text.find("Dette brev sendes på originalsproget (russisk) uden oversættelse."),
            std::string::npos)
      << alone_text;
  EXPECT_NE(testing::normalize_text(testing::pdf_text(finnish))
                .find("This letter is sent in its original language (Russian) without a "
                      "translation."),
            std::string::npos);

  // Only where the template has no text in the language, and a
  // translation needs its language.
  for (auto [lang, text] : {std::pair<std::string, std::string>{"de", ""}, {"", translation},
                            {"ru", ""}, {"d a", ""}}) {
    try {
      prepare_draft(*store, library, request(lang, text));
      ADD_FAILURE() << "accepted courtesy_lang '" << lang << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
      EXPECT_EQ(e.field(), "courtesy_lang") << e.what();
    }
  }
}

}  // namespace
}  // namespace twinning::letters
