// The letters of the correspondence register with their addressees, the
// links between letters, and attachments (bytes kept base64-encoded in a
// TEXT column, the same in SQLite and PostgreSQL). Every write is audited
// under the Store's actor in the same transaction. The store keeps the
// register's invariant that a registered letter's number, date, addressees
// and text never change: update_draft() and register_number() only touch
// rows still in status draft. Role checks and validation are the use cases'
// job (letters/correspondence.h).
//
// A cheap view over a Store; not thread-safe (as the Store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/letter.h"
#include "store/store.h"

namespace twinning::store {

// A letter as a register line, for lists.
struct LetterSummary {
  LetterId id = 0;
  OfficeId office_id = 0;
  std::string office_code;
  LetterDirection direction = LetterDirection::kOutgoing;
  LetterKind kind = LetterKind::kLetter;
  LetterStatus status = LetterStatus::kDraft;
  std::string number;               // "" for drafts
  std::optional<PartialDate> date;  // registration date
  std::optional<CityId> sender_city_id;
  std::string sender_city;  // registry name of the sender city, or ""
  std::vector<CityId> addressee_cities;
  std::string addressee;  // first addressee: its title, else its city's name
  int addressee_count = 0;  // how many addressees it has
  // Filled by letters::list_letters() (letters/answers.h) for registered
  // letters with a response deadline, nullopt elsewhere: addressees that
  // answered, and those owing an answer past the deadline.
  std::optional<int> answered_count, overdue_count;
  std::string subject;
  std::string lang;
  std::optional<PartialDate> response_deadline;
};

// The order of list().
enum class LetterOrder {
  kById,         // ascending id: the order of creation (paging with after_id)
  kNewestFirst,  // drafts first, then by registration date descending, then by
                 // number descending (a longer number after a shorter one:
                 // "IN-10" before "IN-9"), then by id descending
};

// Filters of list() and count(); unset members do not filter.
struct LetterQuery {
  std::optional<OfficeId> office;
  // Letters registered by an office of this city, sent by it, or addressed to it.
  std::optional<CityId> involving_city;
  // The same condition for a second city, applied as well: a correspondent
  // (letters/letter_access.h) sees only the letters of its own city, also
  // when it filters by another one.
  std::optional<CityId> visible_to_city;
  // Letters behind a campaign: those its contacts were written, answered or
  // reminded with, forwarded copies, and the ministries' evidence (every
  // letter its tables or its events name).
  std::optional<std::int64_t> campaign;
  std::optional<LetterStatus> status;
  std::optional<LetterDirection> direction;
  // Overdue on this day: a response deadline before it, registered and not
  // answered by every addressee (the status letters/answers.h maintains).
  std::optional<PartialDate> overdue_on;
  LetterId after_id = 0;  // letters with id > after_id (paging)
  LetterOrder order = LetterOrder::kById;
  int limit = 100;
  int offset = 0;  // skip this many matching letters first
};

// A letter that refers to another one, seen from the letter referred to.
struct Referral {
  LetterLinkKind kind = LetterLinkKind::kReplyTo;
  LetterSummary letter;
};

class LetterStore {
 public:
  explicit LetterStore(Store& store) : store_(store) {}

  // Inserts `letter` (id, links' target numbers and attachments ignored)
  // with its addressees and links; returns the new id. A draft has status
  // kDraft, no number and no date; anything else must carry both. Throws
  // Error(kConflict) if the office already has a letter with that number or
  // a reference is unknown, as Database::execute otherwise.
  LetterId insert(const Letter& letter);

  // Replaces the text, sender requisites, addressees, language, template,
  // deadline and links of draft `letter.id`. Throws Error(kConflict) if the
  // letter is registered (nothing changes), Error(kNotFound) if it does not exist.
  void update_draft(const Letter& letter);

  // Gives draft `id` its number and date and moves it to `status`. Throws
  // Error(kConflict) if it is no longer a draft (a concurrent registration
  // won) or the number is taken in its office, Error(kNotFound) if absent.
  void register_number(LetterId id, const std::string& number, const PartialDate& date,
                       LetterStatus status);

  // Moves registered letter `id` to `status` (sent, answered), recording
  // `sent_date` when given. Throws Error(kConflict) for a draft.
  void set_status(LetterId id, LetterStatus status, std::optional<PartialDate> sent_date = {});

  // The letter with addressees, links and attachment metadata, or nullopt.
  std::optional<Letter> get(LetterId id);
  // As get(), but throws Error(kNotFound) naming `field`.
  Letter require(LetterId id, std::string_view field = "letter");

  // True if office `office` has a letter numbered `number`.
  bool number_taken(OfficeId office, std::string_view number);
  // Ids of the letters numbered `number`, in any office, by id.
  std::vector<LetterId> find_by_number(std::string_view number);

  // Register lines matching `q` in q.order, skipping q.offset, at most q.limit.
  std::vector<LetterSummary> list(const LetterQuery& q);
  // How many letters match the filters of `q` (after_id included; order,
  // offset and limit ignored).
  std::int64_t count(const LetterQuery& q);
  // The register line of one letter; throws Error(kNotFound).
  LetterSummary summary(LetterId id);
  // Letters that refer to `target` (replies, forwards, reminders,
  // corrections), by ascending id.
  std::vector<Referral> referring(LetterId target);

  // Stores `bytes` as attachment `name` of letter `letter` with their
  // `sha256` (hex) and returns the attachment id. Throws Error(kConflict) if
  // the letter already has an attachment of that name.
  std::int64_t add_attachment(LetterId letter, const std::string& name,
                              const std::string& media_type, std::string_view bytes,
                              const std::string& sha256);
  // The bytes of attachment `attachment_id` of `letter`. Throws
  // Error(kNotFound) if there is none.
  std::string attachment_content(LetterId letter, std::int64_t attachment_id);

 private:
  void insert_children(LetterId id, const Letter& letter);
  std::vector<Addressee> addressees(LetterId id);
  std::vector<LetterLink> links(LetterId id);
  std::vector<Attachment> attachments(LetterId id);
  Store& store_;
};

}  // namespace twinning::store
