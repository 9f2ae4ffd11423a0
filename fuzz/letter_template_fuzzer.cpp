// Fuzzes letter templates (letters/letter_template.h): any bytes as the text
// of a template file, validated against the real merge fields and, when it
// validates, merged section by section with a full set of field values
// (texts, flags, lists of maps and of texts) and with none. Invariants:
// validation fails only with Error(kInvalidInput) naming the file and a line
// of it; a template that validates merges every section without error, into
// valid UTF-8.
#include <algorithm>
#include <cstdlib>

#include "fuzz_support.h"
#include "letters/composition.h"
#include "letters/letter_template.h"
#include "model/error.h"
#include "model/text.h"

namespace {

using namespace twinning;

bool is_list(const std::string& field) {
  return field == "addressees" || field == "paragraphs" || field == "attachments" ||
         field == "ref_paragraphs" || field == "references";
}

bool is_flag(const std::string& field) {
  return field.rfind("is_", 0) == 0 || field == "registered" || field == "has_attachments";
}

// Every field set: two items in every list, each item with every field.
mstch::map full_fields() {
  mstch::map item;
  for (const auto& f : letters::letter_field_names()) {
    if (!is_list(f)) item[f] = is_flag(f) ? mstch::node(true) : mstch::node(f + " Волгоград");
  }
  mstch::map all = item;
  for (const auto& f : letters::letter_field_names()) {
    if (f == "paragraphs" || f == "ref_paragraphs") {
      all[f] = mstch::array{std::string("Первый абзац."), std::string("ثاني")};
    } else if (is_list(f)) {
      all[f] = mstch::array{item, item};
    }
  }
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mstch::map full = full_fields();
  static const mstch::map none;
  std::string text(fuzz::as_text(data, size));
  const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  std::optional<letters::LetterTemplate> t;
  try {
    t = letters::LetterTemplate::parse(text, "fuzz.mustache", letters::letter_field_names());
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kInvalidInput, "a template error of another code");
    FUZZ_CHECK(e.field() == "fuzz.mustache", "a template error naming '" + e.field() + "'");
    std::string prefix = "template fuzz.mustache line ";
    std::string message = e.what();
    FUZZ_CHECK(message.rfind(prefix, 0) == 0, "a template error without its line: " + message);
    int line = std::atoi(message.c_str() + prefix.size());
    FUZZ_CHECK(line >= 1 && line <= lines, "a template error on line " + std::to_string(line));
    return 0;
  }
  for (const auto& section : letters::template_section_names()) {
    for (const mstch::map* fields : {&full, &none}) {
      std::string out;
      try {
        out = t->render(section, *fields);
      } catch (const Error& e) {
        FUZZ_CHECK(false, "section [" + section + "] of a valid template failed: " + e.what());
      }
      FUZZ_CHECK(is_valid_utf8(out), "section [" + section + "] merged into invalid UTF-8");
    }
  }
  return 0;
}
