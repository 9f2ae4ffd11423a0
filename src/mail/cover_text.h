// The short text of the e-mail that carries a letter: it says, in the
// letter's language, which letter is attached and how to answer (reply to
// the message, keeping its reply address). English where no translation
// exists. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace twinning::mail {

// The cover text for letter `number` of `date` ("2013-09-06") in `lang`
// (BCP 47; "ru", "de-AT" takes "de"), with `subject` as its first line when
// not empty.
std::string cover_text(std::string_view lang, std::string_view number, std::string_view date,
                       std::string_view subject);

// True if cover_text has a translation for `lang` (else it is English).
bool has_cover_text(std::string_view lang);

}  // namespace twinning::mail
