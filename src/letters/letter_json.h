// JSON forms of the correspondence register's use-case results — register
// lines, letter views, offices with their requisites, the template
// catalogue — shared by the CLI's --json output and the HTTP API so that
// both speak the same field names. The value types themselves (Letter,
// Office, Addressee, ...) map in model/letter_json.h.
//
// A letter view has one shape, built here and only here, for the CLI's
// `letter show --json` (and every letter command's --json) and the HTTP
// API's letter responses alike (letter_view_json).
//
// Pure functions of their arguments except where a Store is taken (office
// requisites and next numbers are read); thread-compatible.
#pragma once

#include <nlohmann/json.hpp>

#include "letters/correspondence.h"
#include "letters/letter_template.h"
#include "model/letter.h"
#include "store/letter_store.h"
#include "store/store.h"

namespace twinning::letters {

// A register line: {"id", "office" (code), "direction", "kind", "status",
// "number", "date", "sender_city_id", "sender_city", "addressee",
// "addressee_city_ids", "addressee_count", "answered_count",
// "overdue_count" (null unless list_letters() counted them), "subject",
// "lang", "response_deadline"}; dates are "YYYY-MM-DD" or null.
nlohmann::json letter_summary_json(const store::LetterSummary& s);

// A letter view, as both faces give it: {"letter": every field of the
// letter, "office": the office (id, code, city_id, name, patterns),
// "referred_by": [{"kind": "reply_to"|..., "letter": register line}],
// "answers": one per addressee, in order: {"position", "city_id", "label",
// "state": "answered"|"not_asked"|"awaiting"|"overdue", "reply": the
// register line of the reply that answered it, or null}
// (letters/answers.h)}.
nlohmann::json letter_view_json(const LetterView& v);

// An office as the CLI's `office show --json` prints it: its fields plus
// "city" (the registry name of its city), "requisites" (one object per
// language) and "next_outgoing" / "next_incoming" (the numbers its next
// letters registered today would get). Reads `store`; throws
// Error(kNotFound) if the office's city is gone.
nlohmann::json office_json(store::Store& store, const Office& o);

// The template catalogue: [{"name", "languages": [BCP 47 tags, sorted]}]
// by name (TemplateLibrary::names()).
nlohmann::json template_catalogue_json(const TemplateLibrary& templates);

}  // namespace twinning::letters
