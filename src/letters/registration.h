// Registering letters (PRODUCT.md M4): a draft or a prepared letter gets
// its office's next number (or an explicit one) and its date and is frozen;
// an incoming letter is registered on arrival; a registered outgoing letter
// is marked sent; a registered reply marks what it answers (answers.h).
//
// Numbers are drawn inside the registering write transaction from a counter
// row whose bump is the transaction's first write (store/office_store.h):
// unique per office (a UNIQUE constraint backs it), never reused, and
// without gaps except where an explicit number (a historical letter) moved
// the counter past it. A rolled-back registration returns its number.
// Every call checks the Store's actor as correspondence.h says;
// thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "letters/attachments.h"
#include "letters/drafts.h"
#include "letters/letter_template.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

struct RegisterOptions {
  std::optional<PartialDate> date;  // registration date; default today (UTC)
  // An explicit number, for a letter registered earlier or elsewhere
  // ("19-024/125рс" of 2013-09-06). If it fits the office's pattern the
  // counter moves past it, so that it is never handed out again.
  std::string number;
};

struct Registration {
  LetterId id = 0;
  std::string number;
  PartialDate date;
};

// Registers draft `id`: gives it `options.number` or the office's next
// number, and the date. Registering a reply marks the letters it answers
// as answered. Throws Error(kConflict) if the letter is already registered
// or the explicit number is taken, Error(kInvalidInput) for a full date
// that is not a day or lies in the future, Error(kInvalidInput) naming
// "text" for an outgoing letter whose PDF would show a missing glyph (a
// character no installed font has, named in the message: pdf_renderer.h
// check_glyphs; nothing is written), Error(kNotFound), Error(kForbidden).
Registration register_letter(store::Store& store, LetterId id, const RegisterOptions& options);

// create_draft and register_letter in one transaction.
Registration register_outgoing(store::Store& store, const TemplateLibrary& templates,
                               const DraftRequest& request, const RegisterOptions& options);

// Several outgoing letters registered in one transaction, in order: all get
// numbers or none (a campaign wave, `letter to-twins`). Letters come from
// prepare_draft(). Returns their registrations in the same order. Throws
// as register_letter (a missing glyph in any letter: none is registered).
std::vector<Registration> register_prepared(
    store::Store& store, std::vector<Letter> letters, const RegisterOptions& options,
    const std::vector<std::vector<AttachmentInput>>& attachments = {});

// A letter that arrived at office `office`.
struct IncomingRequest {
  OfficeId office = 0;
  LetterSender sender;        // sender.city_id: the sending city, if in the registry
  std::string sender_number;  // the number on the letter
  std::optional<PartialDate> sender_date;
  std::vector<Addressee> addressees;  // default: the office's city, titled with the office name
  std::string lang = "en";
  std::string subject, body;
  std::optional<PartialDate> response_deadline;  // we owe an answer by then
  // reply_to: it answers one of our letters (which becomes answered);
  // forward_of: it is a forwarded copy of a letter.
  std::vector<LetterLink> links;
  std::vector<AttachmentInput> attachments;
};

// Registers an incoming letter with the office's next incoming number (or
// options.number) and status received; the sender's number and date are
// kept each on its own. Throws as register_letter and Error(kInvalidInput)
// for a sender with neither a city nor a letterhead, or naming
// "sender_date" for a sender's date that is not a full date or lies after
// the date of receipt (options.date).
Registration register_incoming(store::Store& store, const IncomingRequest& request,
                               const RegisterOptions& options);

// Marks registered outgoing letter `id` as sent on `date` (default today).
// Throws Error(kConflict) for a draft or an incoming letter.
void mark_sent(store::Store& store, LetterId id, std::optional<PartialDate> date = {});

}  // namespace twinning::letters
