#include "letters/letter_languages.h"

#include <algorithm>

#include "model/error.h"
#include "store/city_store.h"
#include "store/country_store.h"

namespace twinning::letters {

std::optional<std::string> first_language_with_template(
    const std::vector<LanguageCandidate>& candidates, const TemplateLibrary& templates,
    std::string_view template_name) {
  for (const auto& c : candidates) {
    if (templates.has(template_name, c.lang)) return c.lang;
  }
  return std::nullopt;
}

LetterLanguages letter_languages(const City& city, const Country& country,
                                 const TemplateLibrary& templates, std::string_view template_name) {
  LetterLanguages out;
  out.city_id = city.id;
  out.country = country.iso2.empty() ? city.country : country.iso2;
  out.template_name = std::string(template_name);
  std::vector<LanguageCandidate> candidates = recipient_languages(city, country);
  std::vector<std::string> names = templates.names();
  for (const auto& c : candidates) {
    LetterLanguageOption o;
    o.lang = c.lang;
    o.source = c.source;
    o.reason = language_reason(city, country, c.lang);
    for (const auto& name : names) {
      if (templates.has(name, c.lang)) o.templates.push_back(name);
    }
    out.options.push_back(std::move(o));
  }
  auto chosen = first_language_with_template(candidates, templates, template_name);
  out.fell_back = !chosen;
  out.lang = chosen.value_or("en");
  out.reason = language_reason(city, country, out.lang);
  return out;
}

LetterLanguages letter_languages(store::Store& store, const TemplateLibrary& templates,
                                 std::string_view template_name, CityId city_id) {
  auto names = templates.names();
  if (std::find(names.begin(), names.end(), template_name) == names.end()) {
    throw_not_found(
        "no template '" + std::string(template_name) + "' in " + templates.dir().string(),
        "template");
  }
  auto city = store::CityStore(store).get(city_id);
  if (!city) throw_not_found("no city #" + std::to_string(city_id), "id");
  Country country;
  if (auto c = store::CountryStore(store).get(city->country)) country = *c;
  return letter_languages(*city, country, templates, template_name);
}

std::string_view language_source_name(LanguageSource source) {
  switch (source) {
    case LanguageSource::kCity:
      return "city";
    case LanguageSource::kOfficial:
      return "official";
    case LanguageSource::kCountry:
      return "country";
  }
  return "official";
}

nlohmann::json letter_languages_json(const LetterLanguages& l) {
  std::string reason_code = "fallback";
  nlohmann::json options = nlohmann::json::array();
  for (const auto& o : l.options) {
    if (!l.fell_back && reason_code == "fallback" &&
        primary_language(o.lang) == primary_language(l.lang)) {
      reason_code = language_source_name(o.source);
    }
    bool has =
        std::find(o.templates.begin(), o.templates.end(), l.template_name) != o.templates.end();
    options.push_back({{"lang", o.lang},
                       {"source", language_source_name(o.source)},
                       {"reason", o.reason},
                       {"templates", o.templates},
                       {"has_template", has}});
  }
  return {{"city_id", l.city_id},     {"country", l.country}, {"template", l.template_name},
          {"lang", l.lang},           {"reason", l.reason},   {"reason_code", reason_code},
          {"fell_back", l.fell_back}, {"options", options}};
}

}  // namespace twinning::letters
