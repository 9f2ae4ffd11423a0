// The mass mailing of PRODUCT.md M5: one letter from a city to every one of
// its active twins, each in the twin's language, registered together and
// printed to one PDF each. The campaign (issue 4) sends its first wave with it.
#pragma once

#include <filesystem>
#include <map>
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
  // The office's courtesy translations of the letter, by language (BCP 47):
  // each goes on a page of its own in every letter to a twin in that
  // language that the template has no text in (TwinLetter::courtesy_lang).
  std::map<std::string, std::string> courtesy_translations;
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
  // When the template has no text in any of the twin's languages: the
  // twin's first language (recipient_languages). The letter goes in its
  // original (English, `lang`) with the office's courtesy translation into
  // it when the request gives one (`courtesy_translated`), else in the
  // original alone, the letter saying so in courtesy_lang where the generic
  // letter has the wording (composition.h compose_letter). "" otherwise, and
  // for a twin with no known language.
  std::string courtesy_lang;
  bool courtesy_translated = false;
};

// Drafts one letter per active twin of `request.city` (links with status
// active), each addressed to the twin city in the first of its
// correspondence languages (letters/language.h) that the template exists
// in, else English — then in the original alone or with the request's
// courtesy translation into the twin's language (TwinLetter::courtesy_lang);
// registers them all in one transaction (all get
// consecutive numbers or none); then, with out_dir, prints each to
// OUT_DIR/<number>-<twin>.pdf (characters unsafe in file names replaced by
// '_'). Returns the letters in twin-name order. Throws Error(kNotFound) for
// an unknown city or a city without twins or office, Error(kAmbiguous) for a
// city with several offices, Error(kForbidden), Error(kInvalidInput) naming
// "courtesy_translations" for a translation no letter takes (its language is
// not a twin's courtesy_lang: the template has a text in it, or no twin
// speaks it) or an invalid tag, as prepare_draft and register_prepared, and
// Error(kUnavailable) if out_dir cannot be written (all checked before
// anything is registered).
std::vector<TwinLetter> letter_to_twins(store::Store& store, const TemplateLibrary& templates,
                                        const ToTwinsRequest& request);

// A file-name-safe form of `text`: '/', '\\', ':', whitespace and control
// characters become '_'; other characters (UTF-8 letters included) stay.
std::string file_name_part(std::string_view text);

}  // namespace twinning::letters
