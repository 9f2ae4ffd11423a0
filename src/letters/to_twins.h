// The mass mailing of PRODUCT.md M5: one letter from a city to every one of
// its active twins, each in the twin's language, registered together and
// printed to one PDF each. The campaign (issue 4) sends its first wave with it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "letters/correspondence.h"
#include "letters/letter_template.h"
#include "store/store.h"

namespace twinning::letters {

struct ToTwinsRequest {
  CityId city = 0;
  std::optional<OfficeId> office;  // default: the city's only office
  std::string template_name = "letter";
  std::optional<PartialDate> date;  // registration date; default today
  std::optional<PartialDate> response_deadline;
  std::string subject, salutation, body, closing;  // template input, as DraftRequest
  std::optional<std::filesystem::path> out_dir;    // write the PDFs here (created if missing)
};

struct TwinLetter {
  CityId twin = 0;
  std::string twin_name;  // registry name
  LetterId letter = 0;
  std::string number;
  std::string lang;         // the letter's language
  bool fell_back = false;   // no template in the twin's languages: English
  std::string lang_reason;  // why this language (letters/language.h language_reason)
  std::string pdf;          // path written, or "" without out_dir
  int pages = 0;
};

// Drafts one letter per active twin of `request.city` (links with status
// active), each addressed to the twin city in the first of its
// correspondence languages (letters/language.h) that the template exists
// in, else English; registers them all in one transaction (all get
// consecutive numbers or none); then, with out_dir, prints each to
// OUT_DIR/<number>-<twin>.pdf (characters unsafe in file names replaced by
// '_'). Returns the letters in twin-name order. Throws Error(kNotFound) for
// an unknown city or a city without twins or office, Error(kAmbiguous) for a
// city with several offices, Error(kForbidden), as prepare_draft and
// register_prepared, and Error(kUnavailable) if out_dir cannot be written
// (checked before anything is registered).
std::vector<TwinLetter> letter_to_twins(store::Store& store, const TemplateLibrary& templates,
                                        const ToTwinsRequest& request);

// A file-name-safe form of `text`: '/', '\\', ':', whitespace and control
// characters become '_'; other characters (UTF-8 letters included) stay.
std::string file_name_part(std::string_view text);

}  // namespace twinning::letters
