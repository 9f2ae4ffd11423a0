// Reading the correspondence register (PRODUCT.md M4, M8): one letter with
// its office, the letters citing it and each addressee's answer; register
// lines by query, counted and paged; overdue letters; a letter named by id
// or number. Only what the Store's actor may read (letter_access.h) is
// shown; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "letters/answers.h"
#include "model/letter.h"
#include "store/letter_store.h"
#include "store/store.h"

namespace twinning::letters {

// A letter with its office and the letters that refer to it.
struct LetterView {
  Letter letter;
  Office office;
  std::vector<store::Referral> referred_by;  // only those the actor may read
  // Every addressee with where its answer stands today (answers.h), a
  // reply shown only where the actor may read it.
  std::vector<AddresseeAnswer> answers;
};

// Throws Error(kNotFound) if there is no such letter, Error(kForbidden) if the
// actor may not read it (the message names only `id`, nothing of the letter),
// either naming `field`.
LetterView letter_view(store::Store& store, LetterId id, const std::string& field = "letter");

// True if the actor may read letter `id` (letter_access.h): always for
// coordinators and admins (no query), never for viewers, and for a
// correspondent if the letter exists and is its city's. Never throws for
// another city's letter: for views that show what the caller may see and
// leave out the rest.
bool letter_readable(store::Store& store, LetterId id);

// Register lines matching `query`, restricted to what the actor may read: a
// correspondent's query is narrowed to the letters of its city (in SQL, so
// that limit, offset and count_letters() agree with what it sees); a viewer
// gets Error(kForbidden).
// Each registered line with a response deadline carries answered_count and
// overdue_count: its addressees that answered, and those owing an answer
// past the deadline on query.overdue_on (default today) — answers.h.
std::vector<store::LetterSummary> list_letters(store::Store& store, store::LetterQuery query);

// How many letters list_letters() would find without its limit and offset.
// Throws as list_letters.
std::int64_t count_letters(store::Store& store, store::LetterQuery query);

// Registered letters whose response deadline is before `today` and that
// some addressee has not answered (answers.h), of `office` or of every
// office, with their answered and overdue counts.
std::vector<store::LetterSummary> overdue_letters(store::Store& store, const PartialDate& today,
                                                  std::optional<OfficeId> office = {});

// A letter named by id ("12", "#12") or by registration number
// ("19-024/125рс"), optionally within one office. Throws Error(kNotFound),
// Error(kAmbiguous) if the number exists in several offices.
LetterId resolve_letter(store::Store& store, std::string_view reference,
                        std::optional<OfficeId> office = {});

}  // namespace twinning::letters
