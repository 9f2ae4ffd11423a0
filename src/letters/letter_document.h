// A letter ready to be laid out on paper: the merged text of every block in
// reading order, and the language that decides fonts, direction and layout.
// Produced from a stored letter and its template by compose_document()
// (letters/composition.h), consumed by the PDF renderer. A plain value type.
#pragma once

#include <string>
#include <vector>

namespace twinning::letters {

enum class LetterLayout {
  kGost,      // GOST R 7.0.97: sender block and reference top left, addressee top right
  kBusiness,  // letterhead on top, reference and date, addressee, text, signature
};

struct LetterDocument {
  std::string lang;  // BCP 47; picks the fonts and the writing direction
  LetterLayout layout = LetterLayout::kBusiness;
  std::string title;  // PDF title: "No 19-024/125рс of 2013-09-06"
  // Line blocks: one entry per printed line, "" for a gap between groups.
  std::vector<std::string> letterhead;    // first line printed bold
  std::vector<std::string> registration;  // date, number, "Ref. No … of …"
  std::vector<std::string> addressee;
  std::string subject;
  // Paragraph blocks: one entry per paragraph; '\n' inside is a line break.
  std::vector<std::string> salutation;
  std::vector<std::string> body;
  std::vector<std::string> closing;
  // Signature: every line but the last names the office held (GOST prints
  // them at the left margin), the last one the signatory (GOST: at the right
  // margin on the same line; business letters stack all lines).
  std::vector<std::string> signature;
  // The distribution list of a letter to more addressees than fit on it
  // (composition.h): printed from a new page after the signature, its first
  // line bold, continued over as many pages as it needs. Empty: none.
  std::vector<std::string> distribution;
  // A letter sent in its original language to a recipient whose language
  // its template has no text in (composition.h): that language (BCP 47;
  // "" for an ordinary letter), and either the courtesy translation —
  // its heading first, then the translated paragraphs — printed from a new
  // page after the letter, or `note`, one paragraph after the signature
  // saying the original is sent alone. Both are laid out in
  // translation_lang's fonts and direction.
  std::string translation_lang;
  std::vector<std::string> translation;
  std::string note;
};

}  // namespace twinning::letters
