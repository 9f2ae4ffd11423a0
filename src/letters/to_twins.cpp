#include "letters/to_twins.h"

#include <set>

#include "letters/language.h"
#include "letters/letter_languages.h"
#include "letters/offices.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/link_store.h"
#include "store/office_store.h"

namespace twinning::letters {
namespace {

// Creates `dir` if needed and proves it writable, before letters are registered.
void prepare_out_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw Error(ErrorCode::kUnavailable,
                "cannot create output directory " + dir.string() + ": " + ec.message(), "--out");
  }
  write_file_atomically(dir / ".twinning-write-test", "ok");
  std::filesystem::remove(dir / ".twinning-write-test", ec);
}

// The request's courtesy translations keyed by normalised language tag.
std::map<std::string, std::string> translations_by_tag(const ToTwinsRequest& request) {
  std::map<std::string, std::string> out;
  for (const auto& [tag, text] : request.courtesy_translations) {
    std::string lang = normalize_language_tag(tag, "courtesy_translations");
    if (trim(text).empty()) {
      throw_invalid("the courtesy translation into " + lang + " is empty", "courtesy_translations");
    }
    if (!out.emplace(lang, text).second) {
      throw_invalid("two courtesy translations into " + lang, "courtesy_translations");
    }
  }
  return out;
}

}  // namespace

std::string file_name_part(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    bool unsafe = c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' || c == ' ' ||
                  c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
    out += unsafe ? '_' : static_cast<char>(c);
  }
  if (out.empty() || out[0] == '.') out.insert(0, "_");
  return out;
}

std::vector<TwinLetter> letter_to_twins(store::Store& store, const TemplateLibrary& templates,
                                        const ToTwinsRequest& request) {
  City city = store::CityStore(store).require(request.city);
  Office office = request.office ? store::OfficeStore(store).require(*request.office)
                                 : office_of_city(store, city.id);
  if (office.city_id != city.id) {
    throw_invalid("office " + office.code + " is not an office of " + city.name, "office");
  }
  const auto translations = translations_by_tag(request);
  std::set<std::string> translations_used;
  std::vector<TwinLetter> out;
  std::vector<Letter> drafts;
  for (const auto& partner : store::LinkStore(store).partners(city.id)) {
    if (partner.link.status != LinkStatus::kActive) continue;
    DraftRequest r;
    r.office = office.id;
    r.addressees = {Addressee{partner.city_id, "", "", ""}};
    r.template_name = request.template_name;
    r.subject = request.subject;
    r.salutation = request.salutation;
    r.body = request.body;
    r.closing = request.closing;
    r.response_deadline = request.response_deadline;
    TwinLetter t;
    t.twin = partner.city_id;
    t.twin_name = partner.name;
    City twin = store::CityStore(store).require(partner.city_id);
    Country country = store::CountryStore(store).get(twin.country).value_or(Country{});
    auto candidates = recipient_languages(twin, country);
    if (!candidates.empty() &&
        !first_language_with_template(candidates, templates, request.template_name)) {
      // No text in the twin's languages: the English original (prepare_draft's
      // fallback), translated or stated to go alone in the twin's first language.
      t.courtesy_lang = candidates.front().lang;
      r.lang = "en";
      r.courtesy_lang = t.courtesy_lang;
      if (auto it = translations.find(t.courtesy_lang); it != translations.end()) {
        r.courtesy_translation = it->second;
        t.courtesy_translated = true;
        translations_used.insert(it->first);
      }
    }
    drafts.push_back(prepare_draft(store, templates, r, &t.fell_back));
    t.fell_back = t.fell_back || !t.courtesy_lang.empty();
    t.lang = drafts.back().lang;
    t.lang_reason = language_reason(twin, country, t.lang);
    out.push_back(std::move(t));
  }
  for (const auto& entry : translations) {
    if (translations_used.count(entry.first)) continue;
    throw_invalid("no letter takes the courtesy translation into " + entry.first + ": template '" +
                      request.template_name + "' has a text in " + entry.first +
                      ", or no twin of " + city.name + " has it as its language",
                  "courtesy_translations");
  }
  if (drafts.empty()) {
    throw_not_found(city.name + " has no active twin links to write to", "city");
  }
  if (request.out_dir) prepare_out_dir(*request.out_dir);
  RegisterOptions options;
  options.date = request.date;
  auto registrations = register_prepared(store, std::move(drafts), options);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].letter = registrations[i].id;
    out[i].number = registrations[i].number;
    if (!request.out_dir) continue;
    auto path = *request.out_dir /
                (file_name_part(out[i].number) + "-" + file_name_part(out[i].twin_name) + ".pdf");
    out[i].pages = print_letter(store, templates, out[i].letter, path).pages;
    out[i].pdf = path.string();
  }
  return out;
}

}  // namespace twinning::letters
