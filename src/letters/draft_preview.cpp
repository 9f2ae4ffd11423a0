#include "letters/draft_preview.h"

#include <nlohmann/json.hpp>

#include "letters/composition.h"
#include "letters/offices.h"
#include "model/letter_json.h"
#include "store/office_store.h"

namespace twinning::letters {

DraftPreview preview_draft(store::Store& store, const TemplateLibrary& templates,
                           const DraftRequest& request, const PartialDate& date) {
  DraftPreview p;
  p.letter = prepare_draft(store, templates, request, &p.fell_back);
  p.office = store::OfficeStore(store).require(p.letter.office_id);
  p.document = compose_letter(store, templates, p.letter);
  p.next_number = preview_next_number(store, p.office, LetterDirection::kOutgoing, date);
  return p;
}

std::string preview_pdf(const DraftPreview& preview) { return render_letter_pdf(preview.document); }

nlohmann::json draft_preview_json(const DraftPreview& p) {
  const LetterDocument& d = p.document;
  return {{"letter", p.letter},
          {"office", p.office},
          {"next_number", p.next_number},
          {"fell_back", p.fell_back},
          {"document",
           {{"lang", d.lang},
            {"layout", d.layout == LetterLayout::kGost ? "gost" : "business"},
            {"letterhead", d.letterhead},
            {"registration", d.registration},
            {"addressee", d.addressee},
            {"subject", d.subject},
            {"salutation", d.salutation},
            {"body", d.body},
            {"closing", d.closing},
            {"signature", d.signature},
            {"distribution", d.distribution}}}};
}

}  // namespace twinning::letters
