// The checks and lookups every use case of the correspondence register
// shares: text limits, addressee rules, registration dates, reading a
// letter as the actor may, the office one writes for. Internal to
// src/letters (the faces call the use cases of correspondence.h, which call
// these); each throws the typed Error its comment names and writes nothing.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "letters/attachments.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

// Every text field of a letter but the body holds at most this many bytes.
inline constexpr std::size_t kMaxFieldBytes = 4000;

// Throws Error(kInvalidInput) naming `field` unless `value` is valid UTF-8
// of at most `max` bytes.
void check_text(const std::string& value, const std::string& field,
                std::size_t max = kMaxFieldBytes);

// check_text on each of the sender's requisites.
void check_sender(const LetterSender& s);

// Checks a letter's text fields (subject, salutation, body, closing, sender,
// addressees) after the template merge.
void check_letter_text(const Letter& l);

// The addressees of a draft, whether created or edited: at least one, at
// most kMaxAddressees, each with a city, a title or a name, each city in the
// registry, each text valid. Throws Error(kInvalidInput) naming the field,
// Error(kNotFound) for an unknown city.
void check_addressees(store::Store& store, const std::vector<Addressee>& addressees);

// "letter #12 (No 19-024/125рс of 2013-09-06)": a letter named in messages.
std::string describe(const Letter& l);

// The letter, if the actor may read it. Throws Error(kNotFound) if there is
// no letter `id`, Error(kForbidden) if it is another city's (a
// correspondent learns that letter #id exists — ids are consecutive anyway —
// but nothing of it: not its number, parties or text); both name `field`.
Letter readable(store::Store& store, LetterId id, const std::string& field = "letter");

// Office `id`, if the actor may write for its city. Throws
// Error(kNotFound), Error(kForbidden).
Office writable_office(store::Store& store, OfficeId id);

// Attachments `files` checked against the limits of attachments.h, given
// what the letter already carries: Error(kInvalidInput) for an unsafe name,
// a file or a total beyond the limits, too many files; Error(kConflict) for
// a name the letter already has.
void check_attachments(const std::vector<AttachmentInput>& files,
                       const std::vector<Attachment>& existing);

// Stores checked attachment `f` on letter `id` (media type guessed from the
// name when not given, SHA-256 computed); returns its metadata. Call inside
// the letter's write transaction.
Attachment store_attachment(store::Store& store, LetterId id, const AttachmentInput& f);

}  // namespace twinning::letters
