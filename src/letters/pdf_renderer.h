// Lays out a LetterDocument on A4 pages with Pango and writes it as PDF with
// Cairo, in Noto fonts: Latin, Cyrillic, Greek (Noto Serif), Chinese,
// Japanese, Korean (Noto Serif CJK), Arabic (Noto Naskh Arabic), Hebrew,
// Armenian, Georgian, Devanagari, Thai (their Noto Serif) and whatever else
// fontconfig finds a font for. Right-to-left languages are laid
// out right to left, mirrored.
//
// Russian letters follow GOST R 7.0.97: margins 20/10/20/20 mm; the sender's
// requisites, registration date and number and the reference ("На № … от …")
// in the top-left block, the addressee in the top-right block; the text
// justified with a 1.25 cm first-line indent; the signatory's title at the
// left margin and name at the right; page numbers from page 2 at the top.
// Other languages get an ordinary business letter. Long letters flow over as
// many pages as they need (paragraphs split between lines; the signature
// block is never split).
//
// Thread-safe: every call uses its own Cairo surface and Pango layouts.
#pragma once

#include <filesystem>
#include <string>

#include "letters/letter_document.h"

namespace twinning::letters {

struct PdfResult {
  int pages = 0;
  std::size_t bytes = 0;
};

// Renders `doc` and returns the PDF's bytes; `pages` receives the page
// count. Throws Error(kInvalidInput) if a text is not valid UTF-8 or holds
// a character no installed font has a glyph for (field "text", the message
// names the character: the PDF would show an empty box), Error(kUnavailable)
// if Cairo fails.
std::string render_letter_pdf(const LetterDocument& doc, int* pages = nullptr);

// Lays out every text of `doc` in the fonts render_letter_pdf uses and
// draws nothing: throws as render_letter_pdf (Error(kInvalidInput), field
// "text", naming the character) if a text holds a character no installed
// font has a glyph for, so that such a letter is refused before it is
// registered (registration.h), not when it is printed.
void check_glyphs(const LetterDocument& doc);

// Renders `doc` and writes the PDF to `path` atomically: a temporary file in
// the same directory, flushed to disk, then renamed over `path`, so that a
// reader never sees half a file. Throws as render_letter_pdf and
// Error(kUnavailable) naming `path` if it cannot be written.
PdfResult write_letter_pdf(const LetterDocument& doc, const std::filesystem::path& path);

// Writes `bytes` to `path` atomically, as above.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace twinning::letters
