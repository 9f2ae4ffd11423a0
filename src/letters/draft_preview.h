// Previewing a letter before it exists: what prepare_draft() would store
// and print for a DraftRequest, with the number registering it would take —
// for the compose page's live preview (PRODUCT.md M4). Nothing is written:
// no draft, no number drawn, no audit entry. Thread-compatible (one Store,
// one thread).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "letters/correspondence.h"
#include "letters/letter_document.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

struct DraftPreview {
  Letter letter;            // merged as create_draft() would store it; id 0, no number
  Office office;            // the office whose register would number it
  LetterDocument document;  // the letter as it would print (number and date blank)
  std::string next_number;  // the number registering it on the preview's date would
                            // take if no other letter is registered first (not reserved)
  bool fell_back = false;   // English was used: the template exists in no asked language
};

// The preview of `request` as of `date` (the registration date the number
// is computed for). Throws as prepare_draft(): Error(kInvalidInput) naming
// the field (no addressee, text too long, ...), Error(kNotFound) for an
// unknown office, city or template, Error(kForbidden) unless the actor may
// write for the office's city.
DraftPreview preview_draft(store::Store& store, const TemplateLibrary& templates,
                           const DraftRequest& request, const PartialDate& date);

// The preview's document rendered to PDF bytes. Throws as render_letter_pdf.
std::string preview_pdf(const DraftPreview& preview);

// {"letter", "office", "next_number", "fell_back", "document": {"lang",
// "layout": "gost"|"business", "letterhead", "registration", "addressee",
// "subject", "salutation", "body", "closing", "signature", "distribution"}}
// — every block an array of lines or paragraphs except subject.
nlohmann::json draft_preview_json(const DraftPreview& preview);

}  // namespace twinning::letters
