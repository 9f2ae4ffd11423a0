// The correspondence register's value types (PRODUCT.md M4): the offices that
// register letters under their own numbering, and the letters themselves —
// outgoing and incoming, with their addressees, attachments and the links
// that make a letter a reply to, a forwarded copy of, a reminder of or a
// correction of another one. Plain values, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/city.h"
#include "model/partial_date.h"

namespace twinning {

using OfficeId = std::int64_t;
using LetterId = std::int64_t;

// A city's registering office (an international relations department, a
// mayor's chancellery). Each office numbers its letters with its own
// patterns: "19-024/{seq}рс", "CCC/{yyyy}/{seq:4}" (see letters/numbering.h).
struct Office {
  OfficeId id = 0;
  std::string code;  // short unique handle used on the command line: "volgograd"
  CityId city_id = 0;
  std::string name;              // "Administration of Volgograd"
  std::string outgoing_pattern;  // numbers of the letters it sends
  std::string incoming_pattern;  // numbers of the letters it receives
  bool yearly_restart = false;   // both sequences start at 1 each calendar year
};

// How an office signs its letters in one language: the letterhead lines,
// the signatory, and the requisites printed under the letterhead. A letter
// copies the requisites of its language when it is drafted.
struct OfficeRequisites {
  std::string lang;             // BCP 47 ("ru", "en")
  std::string letterhead;       // "ГЛАВА ВОЛГОГРАДА"; may span lines
  std::string signatory_name;   // "В.Д. Васильков"
  std::string signatory_title;  // "Глава Волгограда"
  std::string address;          // "400066, г. Волгоград, ул. Советская, 9"
  std::string phone, fax, email;
};

enum class LetterDirection { kOutgoing, kIncoming };

// What a letter is for. A reply, forward, reminder or correction carries a
// LetterLink of the matching kind to the letter it refers to.
enum class LetterKind { kLetter, kReply, kForward, kReminder, kCorrection };

// draft: being written, no number, editable. registered: numbered and frozen.
// sent: an outgoing letter left the office. received: an incoming letter was
// registered on arrival. answered: a registered reply refers to it.
enum class LetterStatus { kDraft, kRegistered, kSent, kReceived, kAnswered };

enum class LetterLinkKind { kReplyTo, kForwardOf, kReminderOf, kCorrectionOf };

std::string_view letter_direction_name(LetterDirection d);  // "outgoing" | "incoming"
std::string_view letter_kind_name(LetterKind k);            // "letter", "reply", ...
std::string_view letter_status_name(LetterStatus s);        // "draft", "registered", ...
std::string_view letter_link_kind_name(LetterLinkKind k);   // "reply_to", "forward_of", ...
// Parse the names above; throw Error(kInvalidInput) naming `field` otherwise.
LetterDirection parse_letter_direction(std::string_view text, std::string_view field = "direction");
LetterKind parse_letter_kind(std::string_view text, std::string_view field = "kind");
LetterStatus parse_letter_status(std::string_view text, std::string_view field = "status");
LetterLinkKind parse_letter_link_kind(std::string_view text, std::string_view field = "link");

// The link kind a letter of `kind` carries to its original (kLetter has none).
std::optional<LetterLinkKind> link_kind_for(LetterKind kind);

// One addressee of a letter, frozen with the letter at registration.
struct Addressee {
  std::optional<CityId> city_id;  // the addressed city, if it is one of the registry's
  std::string title;    // "Мэру города-побратима", "The Mayor of Coventry"
  std::string name;     // the person, if known
  std::string address;  // postal address as printed, may span lines
};

// A file attached to a letter. The bytes live in the database; the letter
// carries their size and SHA-256 so that a copy can be checked against it.
struct Attachment {
  std::int64_t id = 0;
  std::string name;        // file name as attached, "resolution-draft.pdf"
  std::string media_type;  // "application/pdf", or "application/octet-stream"
  std::int64_t size = 0;   // bytes
  std::string sha256;      // 64 lower-case hex digits
};

// A reference from one letter to another, with what the reference prints:
// the number and date under which the other side knows the letter (for an
// incoming letter its sender's own number and date, when recorded).
struct LetterLink {
  LetterLinkKind kind = LetterLinkKind::kReplyTo;
  LetterId target = 0;
  std::string target_number;               // "" while the target is a draft
  std::optional<PartialDate> target_date;  // nullopt while the target is a draft
};

// Who sent a letter and the requisites printed on it. For outgoing letters
// these are copied from the office's requisites when the letter is drafted.
struct LetterSender {
  std::optional<CityId> city_id;  // sending city; absent for a non-city sender (a ministry)
  std::string letterhead;         // organisation or official, may span lines
  std::string signatory_name, signatory_title;
  std::string address, phone, fax, email;
};

struct Letter {
  LetterId id = 0;
  OfficeId office_id = 0;  // the office whose register holds the letter
  LetterDirection direction = LetterDirection::kOutgoing;
  LetterKind kind = LetterKind::kLetter;
  LetterStatus status = LetterStatus::kDraft;
  std::string number;               // registration number; "" while a draft
  std::optional<PartialDate> date;  // registration date; nullopt while a draft
  // Incoming letters: the number and date the sender gave the letter.
  std::string sender_number;
  std::optional<PartialDate> sender_date;
  LetterSender sender;
  std::vector<Addressee> addressees;  // at least one
  std::string lang;                   // BCP 47 language of the text
  std::string template_name;          // template it is printed with ("letter", "appeal-2013")
  std::string subject, salutation, body, closing;  // body: paragraphs split by blank lines
  std::optional<PartialDate> response_deadline;    // an answer is expected by this day
  std::optional<PartialDate> sent_date;            // outgoing letters marked sent
  std::vector<LetterLink> links;                   // the letters this one refers to
  std::vector<Attachment> attachments;             // metadata only
  // A letter in its original language to a recipient whose language its
  // template has no text in: that language (BCP 47), and the office's
  // courtesy translation of the text into it, printed on a page of its own
  // ("": the original alone, the letter says so in that language). Both ""
  // for an ordinary letter.
  std::string courtesy_lang, courtesy_translation;
  std::string created_at, updated_at;              // ISO 8601 UTC

  bool registered() const { return status != LetterStatus::kDraft; }
};

// The number and date a letter is cited by in other letters ("Ref. No … of
// …"): for an incoming letter the sender's own number and date when they
// were recorded, else its registration number and date ("" and nullopt for
// a draft).
struct CitedNumber {
  std::string number;
  std::optional<PartialDate> date;
};
CitedNumber cited_number(const Letter& letter);

}  // namespace twinning
