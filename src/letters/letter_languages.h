// The languages a letter to a city may be written in, as the composer
// chooses among them (the web's compose page, GET
// /api/cities/{id}/letter-languages): the city's candidate languages in
// order (language.h recipient_languages), why each is one, which templates
// exist in each, and the language a letter from a given template takes by
// default. The default is decided here by one rule that letters and
// campaign circulars also follow (drafts.h language_for_city):
// the first candidate the template exists in, else English.
// Thread-compatible (one Store, one thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "letters/language.h"
#include "letters/letter_template.h"
#include "model/city.h"
#include "model/country.h"
#include "store/store.h"

namespace twinning::letters {

// The first of `candidates` that template `template_name` exists in
// (TemplateLibrary::has: exactly or by primary language), nullopt when it
// exists in none of them: the letter is then written in English.
std::optional<std::string> first_language_with_template(
    const std::vector<LanguageCandidate>& candidates, const TemplateLibrary& templates,
    std::string_view template_name);

// One language a letter to the city may be written in.
struct LetterLanguageOption {
  std::string lang;  // BCP 47 tag, as recipient_languages gives it
  LanguageSource source = LanguageSource::kOfficial;
  std::string reason;                  // language_reason(city, country, lang), English
  std::vector<std::string> templates;  // the templates that exist in it, sorted
};

// A city's letter languages for one template.
struct LetterLanguages {
  CityId city_id = 0;
  std::string country;                        // ISO 3166-1 alpha-2 of the city's country
  std::string template_name;                  // the template the default is chosen for
  std::vector<LetterLanguageOption> options;  // recipient_languages' order
  std::string lang;        // the default: first_language_with_template, else "en"
  std::string reason;      // language_reason for `lang` (English)
  bool fell_back = false;  // the template exists in none of the options: English
};

// The letter languages of `city` (in `country`) for template
// `template_name`. Reads only the template directory; does not check that
// the template exists.
LetterLanguages letter_languages(const City& city, const Country& country,
                                 const TemplateLibrary& templates, std::string_view template_name);

// The same for city `city_id`, as the API asks. Throws Error(kNotFound)
// naming "id" for an unknown city and naming "template" for a template
// the directory does not hold. Anyone who may read the registry may ask.
LetterLanguages letter_languages(store::Store& store, const TemplateLibrary& templates,
                                 std::string_view template_name, CityId city_id);

// "city", "official" or "country" (LanguageSource), as the API names it.
std::string_view language_source_name(LanguageSource source);

// {"city_id", "country", "template", "lang", "reason", "reason_code":
// "city"|"official"|"country"|"fallback", "fell_back", "options": [{"lang",
// "source", "reason", "templates": [names], "has_template"}]}.
nlohmann::json letter_languages_json(const LetterLanguages& l);

}  // namespace twinning::letters
