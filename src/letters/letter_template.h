// Letter templates: Mustache files (rendered with libmstch) that a clerk can
// edit, one per language, under DIR/NAME/LANG.mustache (templates/README.md
// documents the format). A template file is divided into named sections by
// lines "[name]" of their own:
//
//   content sections, merged once when a letter is drafted and stored with it
//     [addressee-title] [subject] [salutation] [body] [closing]
//   layout sections, merged from the stored letter each time it is printed
//     [letterhead] [registration] [addressee] [signature] [distribution]
//     [courtesy-translation] [original-only] (the generic letter only: the
//     heading of a courtesy translation into its language, and the note
//     that a letter comes in its original language alone; composition.h)
//
// A template need not define every section: a missing one is taken from the
// generic template "letter" of the same language (see TemplateSet).
//
// Templates are validated when loaded, before anything is merged: every tag
// must name a known field (mstch itself would print an unknown field as
// nothing), sections must be closed in order, partials and delimiter changes
// are refused. Errors name the file and line.
//
// Values are inserted as they are (no HTML escaping): letters are plain text.
//
// LetterTemplate and TemplateLibrary are immutable after construction and
// safe to share between threads.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

namespace twinning::letters {

// The section names a template may use, content sections first.
const std::vector<std::string>& template_section_names();
// True for the sections merged when a letter is drafted.
bool is_content_section(std::string_view section);

class LetterTemplate {
 public:
  // Parses `text` (the contents of file `source`, named in errors) and
  // checks every tag against `known_fields` (the names a template may use,
  // in any section, at any nesting level, plus "."). Throws
  // Error(kInvalidInput) with field = `source` and a message
  // "template SOURCE line N: ..." for: text before the first section header,
  // an unknown or repeated section, an unclosed tag, an unknown field, a
  // section tag closed out of order or never closed, a partial ({{> x}}) or
  // a delimiter change ({{=<% %>=}}).
  static LetterTemplate parse(std::string text, std::string source,
                              const std::set<std::string>& known_fields);

  // Reads and parses file `path`. Throws Error(kNotFound) if it cannot be
  // read, and as parse().
  static LetterTemplate load(const std::filesystem::path& path,
                             const std::set<std::string>& known_fields);

  bool has(std::string_view section) const { return sections_.count(std::string(section)) != 0; }

  // Merges section `section` with `fields`. Returns "" for a section the
  // template does not define. Thread-safe: mstch's global escape setting is
  // switched off under a process-wide lock for the duration.
  std::string render(std::string_view section, const mstch::map& fields) const;

  const std::string& source() const { return source_; }

 private:
  struct Section {
    std::string text;
    int first_line = 0;  // line of the first line after the header
  };
  std::string source_;
  std::map<std::string, Section> sections_;
};

// A template with the generic "letter" template of the same language behind
// it for the sections it does not define.
class TemplateSet {
 public:
  TemplateSet(LetterTemplate primary, std::optional<LetterTemplate> generic, std::string lang,
              bool fell_back)
      : primary_(std::move(primary)),
        generic_(std::move(generic)),
        lang_(std::move(lang)),
        fell_back_(fell_back) {}

  // The section from the template if it defines it, else from the generic
  // one, else "".
  std::string render(std::string_view section, const mstch::map& fields) const;
  bool defines(std::string_view section) const;

  const std::string& lang() const { return lang_; }  // the language of the files used
  bool fell_back() const { return fell_back_; }      // true if English replaced the asked language
  const LetterTemplate& primary() const { return primary_; }

 private:
  LetterTemplate primary_;
  std::optional<LetterTemplate> generic_;
  std::string lang_;
  bool fell_back_;
};

// The template directory: finds NAME/LANG.mustache files and loads them.
class TemplateLibrary {
 public:
  // Uses directory `dir`. Throws Error(kNotFound) if it is not a directory.
  explicit TemplateLibrary(std::filesystem::path dir);

  // The directory to use: `option` if not empty (--templates), else
  // $TWINNING_TEMPLATES if set, else the templates/ directory of the source
  // tree the binary was built from. Throws as the constructor.
  static TemplateLibrary locate(const std::string& option);

  // True if template `name` exists in `lang` (exactly, or its primary language).
  bool has(std::string_view name, std::string_view lang) const;
  // Languages template `name` exists in, sorted.
  std::vector<std::string> languages(std::string_view name) const;
  // The templates of the directory: subdirectories with a valid template
  // name holding at least one LANG.mustache file, sorted.
  std::vector<std::string> names() const;

  // Loads template `name` in `lang`, or in English if it does not exist in
  // `lang` (fell_back() tells), with the generic "letter" template of the
  // chosen language behind it. Validates both against `known_fields`.
  // Throws Error(kInvalidInput) for a malformed name, Error(kNotFound) if
  // the template exists in neither language, and as LetterTemplate::parse.
  TemplateSet load(std::string_view name, std::string_view lang,
                   const std::set<std::string>& known_fields) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::optional<std::filesystem::path> file_for(std::string_view name, std::string_view lang) const;
  std::filesystem::path dir_;
};

// The name of the generic template that others fall back on.
inline constexpr std::string_view kGenericTemplate = "letter";

}  // namespace twinning::letters
