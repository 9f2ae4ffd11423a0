// The register card of an incoming letter: what its PDF is when no scan of
// the letter itself is attached. The card is the office's record of a letter
// it received — our registration number and date of receipt, the sender,
// the sender's own number and date, the subject, the letters it is linked
// to, the attachments and the text as registered — headed as a register
// card, so that it can never pass for a letter written on our letterhead.
//
// Labels are in English, dates in ISO form (YYYY-MM-DD) as the register
// keeps them. Pure apart from reading city names and referring letters.
#pragma once

#include <optional>

#include "letters/letter_document.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

// The card of incoming letter `letter`, registered by `office`. A sender's
// number or date that was not recorded is printed as "not given", never
// left out. Reads cities and the letters referring to `letter` without
// access checks: callers have checked that the actor may read `letter`.
LetterDocument register_card(store::Store& store, const Letter& letter, const Office& office);

// The attachment that is an incoming letter's own document: its first PDF
// (media type application/pdf), a scan of the letter as it arrived; nullopt
// for outgoing letters and incoming letters without one.
std::optional<Attachment> letter_scan(const Letter& letter);

}  // namespace twinning::letters
