// Drafting outgoing letters (PRODUCT.md M4, M5): the letter a request
// describes — language chosen from the addressee's data, sender requisites
// from the office, content merged with the template — stored as an editable
// draft, and edits to a draft. Registration (registration.h) freezes it.
// Every call checks the Store's actor as correspondence.h says;
// thread-compatible.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "letters/attachments.h"
#include "letters/letter_template.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

inline constexpr std::size_t kMaxTextBytes = 256u << 10;  // body; other fields 4000 bytes
inline constexpr std::size_t kMaxAddressees = 500;

// What a new outgoing letter says and to whom. Text fields are the input of
// the template's content sections (see composition.h); with the generic
// template they are printed as given, and empty ones get the template's
// default wording (salutation, closing, addressee title).
struct DraftRequest {
  OfficeId office = 0;
  LetterKind kind = LetterKind::kLetter;
  std::vector<Addressee> addressees;  // at least one; a city addressee without
                                      // an address gets the city's postal address
  std::string lang;                   // "" = the first addressee city's first
                                      // correspondence language with a template, else "en"
  std::string template_name = "letter";
  std::string subject, salutation, body, closing;
  std::optional<PartialDate> response_deadline;
  // Sender requisites: by default the office's requisites in the letter's
  // language (offices.h), completed from the city's record. `sender`
  // replaces them entirely; the two names override one field each.
  std::optional<LetterSender> sender;
  std::string signatory_name, signatory_title;
  std::vector<LetterLink> links;  // letters this one refers to (targets must be readable)
  std::vector<AttachmentInput> attachments;
  // A letter to a recipient whose language (`courtesy_lang`, BCP 47) the
  // template has no text in: written in the original language (`lang`, by
  // default the sending office's city's) and sent with the office's
  // courtesy translation into courtesy_lang on a page of its own, or — with
  // no translation — in the original alone, the letter saying so
  // (composition.h compose_letter). Refused (naming courtesy_lang) when the
  // template exists in courtesy_lang or the original is in it.
  std::string courtesy_lang;
  std::string courtesy_translation;  // paragraphs split by blank lines
};

// The language letters written with template `template_name` take for
// `city` — for letters and campaign circulars alike: the first of the
// city's correspondence languages (language.h: its own, then its
// country's) that the template exists in. nullopt when the template exists
// in none of them or the city is unknown: the caller writes English.
std::optional<std::string> language_for_city(store::Store& store, const TemplateLibrary& templates,
                                             std::string_view template_name, CityId city);

// Builds the letter `request` describes — language and template chosen,
// requisites filled in, content merged — without writing anything. Throws
// Error(kInvalidInput) naming the field, Error(kNotFound) for an unknown
// office, city, template or referenced letter, Error(kForbidden), and as
// TemplateLibrary::load. `fell_back` (if given) is set when English was used
// because the template exists neither in the asked language nor, when none
// was asked, in any of the addressee's correspondence languages.
Letter prepare_draft(store::Store& store, const TemplateLibrary& templates,
                     const DraftRequest& request, bool* fell_back = nullptr);

// Prepares and stores a draft with its attachments. Returns its id. Throws
// as prepare_draft and attach_file.
LetterId create_draft(store::Store& store, const TemplateLibrary& templates,
                      const DraftRequest& request);

// Changes to a draft; unset members stay as they are. Text is stored as
// given (no template merge).
struct DraftEdit {
  std::optional<std::string> subject, salutation, body, closing, lang;
  std::optional<std::vector<Addressee>> addressees;
  std::optional<std::optional<PartialDate>> response_deadline;
  std::optional<std::string> signatory_name, signatory_title;
};

// Applies `edit` to draft `id`. New addressees pass the same check as a new
// draft's (prepare_draft): 1..kMaxAddressees, each with a city, a title or
// a name, each city known. Throws Error(kConflict) if the letter is
// registered ("… can no longer be edited; register a correction"),
// Error(kInvalidInput), Error(kNotFound), Error(kForbidden).
void edit_draft(store::Store& store, LetterId id, const DraftEdit& edit);

}  // namespace twinning::letters
