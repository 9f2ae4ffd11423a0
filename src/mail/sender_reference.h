// What an incoming e-mail says of itself in words: the sender's own
// reference number and date ("Our ref. K-13/0815 of 2013-10-15", "Unser
// Zeichen: K-13/0815 vom 15.10.2013", "Наш исх. № 12/345 от 15.10.2013"),
// and the registration numbers it cites ("Re: 19-024/125рс"), which the
// intake (mail/intake.h) looks up in the register. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/partial_date.h"

namespace twinning::mail {

struct SenderReference {
  std::string number;               // "" when the text gives none
  std::optional<PartialDate> date;  // the date written beside the number
};

// The first labelled reference of the sender in `subject`, else in `body`.
// Labels: our ref(erence), our no./number, unser Zeichen, notre réf.,
// наш исх./номер, исх. №. The number must hold a digit; a date beside it
// (of|from|dated|vom|du|от, then YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY) is
// kept only if it is a real calendar day.
SenderReference find_sender_reference(std::string_view subject, std::string_view body);

// The words of `text` that could be registration numbers: with a digit and
// a '/' or '-', trailing punctuation removed, in order, without repeats.
std::vector<std::string> cited_numbers(std::string_view text);

}  // namespace twinning::mail
