// Use cases of the correspondence register (PRODUCT.md M4, M8): drafting,
// registering outgoing and incoming letters under an office's numbering,
// replies, forwarded copies, reminders and corrections, status changes,
// attachments, and reading the register — for the CLI, the HTTP API and the
// campaign (issue 4) alike.
//
// The life of an outgoing letter: create_draft() (editable with
// edit_draft(), attach_file()) -> register_letter() gives it the office's
// next number and freezes number, date, addressees and text -> mark_sent()
// -> answered, automatically, when a reply to it is registered.
// register_outgoing() drafts and registers in one step. An incoming letter
// is registered on arrival by register_incoming() (status received).
//
// Numbers are drawn inside the registering write transaction from a counter
// row whose bump is the transaction's first write (store/office_store.h):
// unique per office (a UNIQUE constraint backs it), never reused, and
// without gaps except where an explicit number (a historical letter) moved
// the counter past it. A rolled-back registration returns its number.
//
// Every function checks the Store's actor (letters/letter_access.h): a
// letter the actor may not read is refused (Error(kForbidden)); writing needs the
// right to write for the office's city (Error(kForbidden)). All writes of
// one call commit together or not at all, with audit entries.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "letters/answers.h"
#include "letters/letter_document.h"
#include "letters/letter_template.h"
#include "letters/pdf_renderer.h"
#include "model/letter.h"
#include "store/letter_store.h"
#include "store/store.h"

namespace twinning::letters {

// Limits on what a letter may carry.
inline constexpr std::size_t kMaxAttachmentBytes = 8u << 20;         // one file
inline constexpr std::size_t kMaxLetterAttachmentBytes = 24u << 20;  // all files of a letter
inline constexpr std::size_t kMaxAttachments = 32;
inline constexpr std::size_t kMaxTextBytes = 256u << 10;  // body; other fields 4000 bytes
inline constexpr std::size_t kMaxAddressees = 500;

struct AttachmentInput {
  std::string name;        // file name, no directory: "draft-resolution.pdf"
  std::string media_type;  // "" = guessed from the extension
  std::string bytes;
};

// What a new outgoing letter says and to whom. Text fields are the input of
// the template's content sections (see composition.h); with the generic
// template they are printed as given, and empty ones get the template's
// default wording (salutation, closing, addressee title).
struct DraftRequest {
  OfficeId office = 0;
  LetterKind kind = LetterKind::kLetter;
  std::vector<Addressee> addressees;  // at least one; a city addressee without
                                      // an address gets the city's postal address
  std::string lang;                   // "" = the first addressee city's first
                                      // correspondence language with a template, else "en"
  std::string template_name = "letter";
  std::string subject, salutation, body, closing;
  std::optional<PartialDate> response_deadline;
  // Sender requisites: by default the office's requisites in the letter's
  // language (offices.h), completed from the city's record. `sender`
  // replaces them entirely; the two names override one field each.
  std::optional<LetterSender> sender;
  std::string signatory_name, signatory_title;
  std::vector<LetterLink> links;  // letters this one refers to (targets must be readable)
  std::vector<AttachmentInput> attachments;
};

// The language letters written with template `template_name` take for
// `city` — for letters and campaign circulars alike: the first of the
// city's correspondence languages (language.h: its own, then its
// country's) that the template exists in. nullopt when the template exists
// in none of them or the city is unknown: the caller writes English.
std::optional<std::string> language_for_city(store::Store& store, const TemplateLibrary& templates,
                                             std::string_view template_name, CityId city);

// Builds the letter `request` describes — language and template chosen,
// requisites filled in, content merged — without writing anything. Throws
// Error(kInvalidInput) naming the field, Error(kNotFound) for an unknown
// office, city, template or referenced letter, Error(kForbidden), and as
// TemplateLibrary::load. `fell_back` (if given) is set when English was used
// because the template exists neither in the asked language nor, when none
// was asked, in any of the addressee's correspondence languages.
Letter prepare_draft(store::Store& store, const TemplateLibrary& templates,
                     const DraftRequest& request, bool* fell_back = nullptr);

// Prepares and stores a draft with its attachments. Returns its id. Throws
// as prepare_draft and attach_file.
LetterId create_draft(store::Store& store, const TemplateLibrary& templates,
                      const DraftRequest& request);

// Changes to a draft; unset members stay as they are. Text is stored as
// given (no template merge).
struct DraftEdit {
  std::optional<std::string> subject, salutation, body, closing, lang;
  std::optional<std::vector<Addressee>> addressees;
  std::optional<std::optional<PartialDate>> response_deadline;
  std::optional<std::string> signatory_name, signatory_title;
};

// Applies `edit` to draft `id`. New addressees pass the same check as a new
// draft's (prepare_draft): 1..kMaxAddressees, each with a city, a title or
// a name, each city known. Throws Error(kConflict) if the letter is
// registered ("… can no longer be edited; register a correction"),
// Error(kInvalidInput), Error(kNotFound), Error(kForbidden).
void edit_draft(store::Store& store, LetterId id, const DraftEdit& edit);

// Attaches a file to draft `id`; returns the attachment's metadata (SHA-256
// by libsodium). Throws Error(kConflict) for a registered letter or a
// repeated name, Error(kInvalidInput) for an empty or unsafe name or a file
// beyond the limits above, Error(kNotFound), Error(kForbidden).
Attachment attach_file(store::Store& store, LetterId id, const AttachmentInput& file);

// The bytes of attachment `attachment_id` of letter `id`, checked against
// their stored SHA-256. Throws Error(kNotFound), Error(kForbidden) for a
// letter the actor may not read, Error(kUnavailable) if the bytes no longer
// match the hash.
std::string attachment_bytes(store::Store& store, LetterId id, std::int64_t attachment_id);

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
// that is not a day or lies in the future, Error(kNotFound),
// Error(kForbidden).
Registration register_letter(store::Store& store, LetterId id, const RegisterOptions& options);

// create_draft and register_letter in one transaction.
Registration register_outgoing(store::Store& store, const TemplateLibrary& templates,
                               const DraftRequest& request, const RegisterOptions& options);

// Several outgoing letters registered in one transaction, in order: all get
// numbers or none (a campaign wave, `letter to-twins`). Letters come from
// prepare_draft(). Returns their registrations in the same order.
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

// What to change in a follow-up letter (reply, forward, reminder,
// correction) drafted from an original; unset fields take the follow-up's
// defaults described at each function.
struct FollowUp {
  std::optional<OfficeId> office;     // the office writing it
  std::vector<Addressee> addressees;  // forward: required; others: override
  std::string lang;                   // "" = the default of each function
  std::string subject, salutation, body, closing;
  std::optional<PartialDate> response_deadline;
  std::string signatory_name, signatory_title;
  std::vector<AttachmentInput> attachments;
  // Register at once with these options instead of leaving a draft.
  std::optional<RegisterOptions> register_now;
};

// Drafts a reply to registered letter `original`, addressed to its sender,
// in its language, printed with "Ref. No … of …" citing it (template
// "letter"). The office defaults to the one that registered an incoming
// original, or the only office of the original's addressee cities the actor
// may write for. Returns the new letter's id. Throws Error(kInvalidInput)
// without a body, Error(kConflict) if `original` is a draft,
// Error(kAmbiguous)/Error(kNotFound) when no single office fits.
LetterId reply(store::Store& store, const TemplateLibrary& templates, LetterId original,
               const FollowUp& follow_up);

// Drafts a covering letter forwarding a copy of registered letter
// `original` to `follow_up.addressees` (template "forward": it cites the
// original and quotes its text). Office as for reply(); when no office of
// the original's addressees fits, the original's own office forwards it.
LetterId forward(store::Store& store, const TemplateLibrary& templates, LetterId original,
                 const FollowUp& follow_up);

// Drafts a reminder of registered outgoing letter `original` to its
// addressees, from its office, in its language (template "reminder": it
// cites the original's number and date). Throws Error(kConflict) if the
// original has been answered — no reminder after an answer came — or is a
// draft, Error(kInvalidInput) if it is incoming. A circular (several
// addressees) counts as answered only for the addressee cities that replied:
// a reminder to the others, named in follow_up.addressees, is allowed.
LetterId remind(store::Store& store, const TemplateLibrary& templates, LetterId original,
                const FollowUp& follow_up);

// The reminder remind() would draft, merged and ready to show, without
// writing anything (no draft stored, no number taken): a preview. Throws as
// remind().
Letter prepare_reminder(store::Store& store, const TemplateLibrary& templates, LetterId original,
                        const FollowUp& follow_up);

// Drafts a correction of registered outgoing letter `original`: a new letter
// with the original's addressees and text, changed by `follow_up`, which
// states that it replaces the original (template "correction").
LetterId correct(store::Store& store, const TemplateLibrary& templates, LetterId original,
                 const FollowUp& follow_up);

// Marks registered outgoing letter `id` as sent on `date` (default today).
// Throws Error(kConflict) for a draft or an incoming letter.
void mark_sent(store::Store& store, LetterId id, std::optional<PartialDate> date = {});

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

// The printable document of letter `id` (drafts print with blank number
// and date): an outgoing letter merged with its template; an incoming
// letter's register card (register_card.h), never our letterhead. Throws
// Error(kNotFound), Error(kForbidden), and as TemplateLibrary::load.
LetterDocument letter_document(store::Store& store, const TemplateLibrary& templates, LetterId id);

// The PDF of letter `id`: for an incoming letter with a scan attached
// (register_card.h letter_scan) the scan's bytes, checked against their
// hash, with `pages` set to 0 (not counted); otherwise letter_document()
// rendered, with `pages` its page count. Throws as letter_document,
// attachment_bytes and render_letter_pdf.
std::string letter_pdf(store::Store& store, const TemplateLibrary& templates, LetterId id,
                       int* pages = nullptr);

// The file name a letter's PDF goes by: its registration number made safe
// for file names (to_twins.h file_name_part) plus ".pdf", or "draft-ID.pdf"
// for a draft.
std::string letter_pdf_name(const Letter& letter);

// Writes letter_pdf() of letter `id` to a file at `path`, atomically.
// Throws as letter_pdf and write_file_atomically.
PdfResult print_letter(store::Store& store, const TemplateLibrary& templates, LetterId id,
                       const std::filesystem::path& path);

}  // namespace twinning::letters
