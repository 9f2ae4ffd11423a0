#include "letters/letter_printing.h"

#include "letters/attachments.h"
#include "letters/composition.h"
#include "letters/letter_checks.h"
#include "letters/register_card.h"
#include "letters/to_twins.h"
#include "store/office_store.h"

namespace twinning::letters {

LetterDocument letter_document(store::Store& store, const TemplateLibrary& templates, LetterId id) {
  Letter l = readable(store, id);
  if (l.direction == LetterDirection::kIncoming) {
    return register_card(store, l, store::OfficeStore(store).require(l.office_id));
  }
  return compose_letter(store, templates, l);
}

std::string letter_pdf(store::Store& store, const TemplateLibrary& templates, LetterId id,
                       int* pages) {
  Letter l = readable(store, id);
  if (auto scan = letter_scan(l)) {
    if (pages) *pages = 0;
    return attachment_bytes(store, id, scan->id);
  }
  return render_letter_pdf(letter_document(store, templates, id), pages);
}

std::string letter_pdf_name(const Letter& letter) {
  return (letter.registered() ? file_name_part(letter.number)
                              : "draft-" + std::to_string(letter.id)) +
         ".pdf";
}

PdfResult print_letter(store::Store& store, const TemplateLibrary& templates, LetterId id,
                       const std::filesystem::path& path) {
  PdfResult result;
  std::string bytes = letter_pdf(store, templates, id, &result.pages);
  write_file_atomically(path, bytes);
  result.bytes = bytes.size();
  return result;
}

}  // namespace twinning::letters
