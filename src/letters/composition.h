// Merging letters with their templates (letters/letter_template.h). Drafting
// merges the content sections once and stores the result with the letter;
// printing merges the layout sections from the stored letter, so that a
// registered letter's text never changes even when a template is edited.
//
// The merge fields (templates/README.md lists them with examples):
//   lang, kind, is_reply, is_forward, is_reminder, is_correction, registered
//   number, date, date_text, date_iso      (a draft: "________" placeholders)
//   letterhead, sender_city, sender_country, sender_address, sender_phone,
//   sender_fax, sender_email, signatory_name, signatory_title
//   has_distribution_list (more than kMaxAddresseesOnLetter addressees),
//   addressees[] {position, title, name, address, city, country}, and the addressee
//   in question (or the first): addressee_title, addressee_name,
//   addressee_address, addressee_city, addressee_country
//   subject, salutation, body, paragraphs[] (strings: {{.}}), closing
//   deadline, deadline_text, has_attachments, attachments[] {name, size}
//   ref_number, ref_date, ref_date_text, ref_sender_city, ref_subject,
//   ref_paragraphs[] — the first letter this one refers to — and
//   references[] {kind, number, date, date_text, sender_city, subject,
//   is_reply, is_forward, is_reminder, is_correction} for all of them;
//   original_language, the letter's language named in the language of a
//   courtesy translation ([courtesy-translation], [original-only]).
// City and country names are in the letter's language (language.h).
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include <mstch/mstch.hpp>

#include "letters/letter_document.h"
#include "letters/letter_template.h"
#include "letters/pdf_renderer.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

// GOST R 7.0.97 puts at most four addressees on a letter. A letter to more
// has a distribution list: its [addressee] block names them as a group and
// the [distribution] section, printed after the signature from a new page,
// lists every one of them.
inline constexpr std::size_t kMaxAddresseesOnLetter = 4;

// Every field name above (and the item fields of the lists).
const std::set<std::string>& letter_field_names();

// The merge fields of `letter` (stored or not), as seen from addressee
// `focus` (an index into letter.addressees; the first when out of range).
// Reads cities, countries and the referenced letters from `store`.
mstch::map letter_fields(store::Store& store, const Letter& letter, std::size_t focus = 0);

// Drafting: merges the content sections of `templates` into `letter`, whose
// subject, salutation, body and closing hold the author's input (available
// to the template as fields of the same names). An addressee without a
// title gets the merged [addressee-title]. Sections that neither the
// template nor the generic one define leave the input as it is.
void merge_content(store::Store& store, const TemplateSet& templates, Letter& letter);

// Printing: the document of stored `letter` with its layout sections merged
// by `templates`. The layout is GOST R 7.0.97 for Russian letters. A
// letter with a distribution list gets it from [distribution]; if the
// templates define none, the full [addressee] block (every addressee) is
// printed as the list instead, so that no addressee is ever left out.
LetterDocument compose_document(store::Store& store, const TemplateSet& templates,
                                const Letter& letter);

// The printable document of `letter` as compose_document prints it with
// templates_for(library, letter), and, for a letter sent in its original
// language to a recipient of another (courtesy_lang), in that language:
// the courtesy translation on a page of its own under the heading
// [courtesy-translation], or without a translation the note
// [original-only] after the signature — each from the generic letter of
// courtesy_lang where it defines the section, else from the English one.
// Throws as compose_document and TemplateLibrary::load.
LetterDocument compose_letter(store::Store& store, const TemplateLibrary& library,
                              const Letter& letter);

// Loads the template `letter` is printed with (its own, else the generic
// one) in the letter's language. Throws as TemplateLibrary::load.
TemplateSet templates_for(const TemplateLibrary& library, const Letter& letter);

}  // namespace twinning::letters
