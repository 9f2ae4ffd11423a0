#include "letters/letter_template.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/test_support.h"

namespace twinning::letters {
namespace {

const std::set<std::string> kFields = {"name", "city", "items", "flag", "body"};

// The message of the Error that parsing `text` throws, or "" if it parses.
std::string parse_error(const std::string& text) {
  try {
    LetterTemplate::parse(text, "t/en.mustache", kFields);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(e.field(), "t/en.mustache");
    return e.what();
  }
  return "";
}

TEST(LetterTemplateTest, RendersSectionsWithoutHtmlEscaping) {
  auto t = LetterTemplate::parse(
      "{{! comment before the first section }}\n[salutation]\nDear {{name}} & <{{city}}>,\n"
      "[body]\n{{#items}}- {{.}}\n{{/items}}{{^flag}}no flag{{/flag}}\n",
      "t/en.mustache", kFields);
  mstch::map fields{{"name", std::string("O'Brien")},
                    {"city", std::string("Saint-Étienne")},
                    {"items", mstch::array{std::string("a<b"), std::string("c")}},
                    {"flag", false}};
  EXPECT_TRUE(t.has("body"));
  EXPECT_FALSE(t.has("closing"));
  EXPECT_EQ(t.render("salutation", fields), "Dear O'Brien & <Saint-Étienne>,\n");
  EXPECT_EQ(t.render("body", fields), "- a<b\n- c\nno flag\n");
  EXPECT_EQ(t.render("closing", fields), "");
}

TEST(LetterTemplateTest, UnknownFieldsNameTheFileAndLine) {
  std::string e = parse_error("[body]\nHello {{name}},\n\nsee {{nosuchfield}} here\n");
  EXPECT_NE(e.find("template t/en.mustache line 4: unknown field {{nosuchfield}}"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("known fields: body, city, flag, items, name"), std::string::npos) << e;
  // Also inside sections, triple mustaches and ampersand tags.
  EXPECT_NE(parse_error("[body]\n{{#items}}\n{{{nope}}}\n{{/items}}\n")
                .find("line 3: unknown field {{nope}}"),
            std::string::npos);
  EXPECT_NE(parse_error("[body]\n{{& nope }}\n").find("line 2: unknown field {{nope}}"),
            std::string::npos);
  EXPECT_NE(parse_error("[body]\n{{#nope}}x{{/nope}}\n").find("line 2: unknown field"),
            std::string::npos);
}

TEST(LetterTemplateTest, MalformedTemplatesNameTheFileAndLine) {
  struct Case {
    std::string text, message;
  };
  std::vector<Case> cases = {
      {"[body]\nHello {{name\nmore\n", "line 2: tag '{{name' is not closed with '}}'"},
      {"[body]\n{{name {{city}}\n", "line 2: tag '{{name {{city}}' is not closed"},
      {"[body]\n{{{name}}\n", "line 2: tag '{{{name}}' is not closed with '}}}'"},
      {"[body]\nok\n{{#items}}\nx\n", "line 3: {{#items}} is never closed"},
      {"[body]\n{{#items}}{{#flag}}\n{{/items}}{{/flag}}\n",
       "line 3: {{/items}} does not close {{#flag}} opened on line 2"},
      {"[body]\n\n{{/items}}\n", "line 3: {{/items}} closes a section that was never opened"},
      {"[body]\n{{#items}}\n[closing]\n{{/items}}\n", "line 2: {{#items}} is never closed"},
      {"[body]\n{{> partial}}\n", "line 2: partials ({{> name}}) are not supported"},
      {"[body]\n{{=<% %>=}}\n", "line 2: changing the delimiters"},
      {"[body]\n{{ }}\n", "line 2: empty tag"},
      {"[body]\n{{na me}}\n", "line 2: malformed tag '{{na me}}'"},
      {"Dear all\n[body]\n", "line 1: text before the first section header"},
      {"\n\n[bodyy]\n", "line 3: unknown section [bodyy]"},
      {"[body]\n[body]\n", "line 2: section [body] is repeated"},
      {"[body]\n\xff\n", "line 1: the file is not valid UTF-8"},
  };
  for (const auto& c : cases) {
    std::string e = parse_error(c.text);
    EXPECT_NE(e.find("template t/en.mustache " + c.message), std::string::npos)
        << "template:\n"
        << c.text << "\nerror: " << e;
  }
}

TEST(LetterTemplateTest, LibraryFallsBackToEnglishAndToTheGenericTemplate) {
  testing::ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "letter");
  std::filesystem::create_directories(dir.path() / "appeal");
  dir.write("letter/en.mustache", "[salutation]\nDear {{name}},\n[body]\n{{body}}\n");
  dir.write("letter/ru.mustache", "[salutation]\nУважаемый {{name}}!\n[body]\n{{body}}\n");
  dir.write("appeal/en.mustache", "[body]\nThe appeal.\n");
  dir.write("appeal/ru.mustache", "[body]\nОбращение.\n");
  TemplateLibrary lib(dir.path());
  EXPECT_TRUE(lib.has("appeal", "ru"));
  EXPECT_TRUE(lib.has("appeal", "ru-RU"));  // by primary language
  EXPECT_FALSE(lib.has("appeal", "ja"));
  EXPECT_FALSE(lib.has("../appeal", "ru"));
  EXPECT_EQ(lib.languages("appeal"), (std::vector<std::string>{"en", "ru"}));
  mstch::map fields{{"name", std::string("X")}, {"body", std::string("B")}};

  auto ru = lib.load("appeal", "ru", kFields);
  EXPECT_FALSE(ru.fell_back());
  EXPECT_EQ(ru.render("body", fields), "Обращение.\n");
  EXPECT_EQ(ru.render("salutation", fields), "Уважаемый X!\n");  // from letter/ru

  auto ja = lib.load("appeal", "ja", kFields);
  EXPECT_TRUE(ja.fell_back());
  EXPECT_EQ(ja.lang(), "en");
  EXPECT_EQ(ja.render("body", fields), "The appeal.\n");
  EXPECT_EQ(ja.render("salutation", fields), "Dear X,\n");

  try {
    lib.load("nosuch", "ru", kFields);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_NE(std::string(e.what()).find("nosuch/ru.mustache and nosuch/en.mustache"),
              std::string::npos);
  }
  EXPECT_THROW(lib.load("../letter", "ru", kFields), Error);
  // A broken generic template is reported even when the named one is fine.
  dir.write("letter/ru.mustache", "[salutation]\n{{oops}}\n");
  try {
    lib.load("appeal", "ru", kFields);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("letter/ru.mustache line 2: unknown field {{oops}}"),
              std::string::npos)
        << e.what();
  }
}

TEST(LetterTemplateTest, NamesAreTheDirectoriesWithTemplates) {
  testing::ScratchDir dir;
  for (const char* sub : {"letter", "appeal-2013", "empty", "Upper", "notes"}) {
    std::filesystem::create_directories(dir.path() / sub);
  }
  dir.write("letter/en.mustache", "[body]\n{{body}}\n");
  dir.write("appeal-2013/ru.mustache", "[body]\nОбращение.\n");
  dir.write("appeal-2013/en.mustache", "[body]\nThe appeal.\n");
  dir.write("Upper/en.mustache", "[body]\nnot a template name\n");
  dir.write("notes/README.md", "no templates here");
  dir.write("README.md", "the directory's notes");
  TemplateLibrary lib(dir.path());
  EXPECT_EQ(lib.names(), (std::vector<std::string>{"appeal-2013", "letter"}));
  EXPECT_EQ(lib.languages("appeal-2013"), (std::vector<std::string>{"en", "ru"}));
  EXPECT_TRUE(lib.languages("empty").empty());
}

TEST(LetterTemplateTest, MissingDirectoryIsNotFound) {
  try {
    TemplateLibrary lib("/nonexistent/templates");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_EQ(e.field(), "--templates");
  }
}

}  // namespace
}  // namespace twinning::letters
