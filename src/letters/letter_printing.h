// Printing letters (PRODUCT.md M5): the printable document of a letter —
// an outgoing letter merged with its template, an incoming letter's
// register card — and its PDF, in memory or written to a file. Only letters
// the Store's actor may read (letter_access.h); thread-compatible.
#pragma once

#include <filesystem>
#include <string>

#include "letters/letter_document.h"
#include "letters/letter_template.h"
#include "letters/pdf_renderer.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

// The printable document of letter `id` (drafts print with blank number
// and date): an outgoing letter merged with its template; an incoming
// letter's register card (register_card.h), never our letterhead. Throws
// Error(kNotFound), Error(kForbidden), and as TemplateLibrary::load.
LetterDocument letter_document(store::Store& store, const TemplateLibrary& templates, LetterId id);

// The PDF of letter `id`: for an incoming letter with a scan attached
// (register_card.h letter_scan) the scan's bytes, checked against their
// hash, with `pages` set to 0 (not counted); otherwise letter_document()
// rendered, with `pages` its page count. Throws as letter_document,
// attachment_bytes and render_letter_pdf.
std::string letter_pdf(store::Store& store, const TemplateLibrary& templates, LetterId id,
                       int* pages = nullptr);

// The file name a letter's PDF goes by: its registration number made safe
// for file names (to_twins.h file_name_part) plus ".pdf", or "draft-ID.pdf"
// for a draft.
std::string letter_pdf_name(const Letter& letter);

// Writes letter_pdf() of letter `id` to a file at `path`, atomically.
// Throws as letter_pdf and write_file_atomically.
PdfResult print_letter(store::Store& store, const TemplateLibrary& templates, LetterId id,
                       const std::filesystem::path& path);

}  // namespace twinning::letters
