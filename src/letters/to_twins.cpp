#include "letters/to_twins.h"

#include "letters/language.h"
#include "letters/offices.h"
#include "model/error.h"
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
    drafts.push_back(prepare_draft(store, templates, r, &t.fell_back));
    t.lang = drafts.back().lang;
    City twin = store::CityStore(store).require(partner.city_id);
    auto country = store::CountryStore(store).get(twin.country);
    t.lang_reason = language_reason(twin, country.value_or(Country{}), t.lang);
    out.push_back(std::move(t));
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
