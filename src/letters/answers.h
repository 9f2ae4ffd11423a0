// Who has answered a letter, addressee by addressee (issue 13): the one rule
// that says whether addressee X of letter L has answered, still owes an
// answer, or owes it past the deadline. The register's overdue filter, its
// "To" column, the letter page and the campaign's overdue count all ask it;
// no face re-derives it.
//
// Which replies answer a letter: registered letters that link to it with
// reply_to, and — since a city may answer a reminder by citing the original,
// or the original after a reminder — registered replies to any letter of
// its reminder/correction family (the letters joined to it by reminder_of
// and correction_of links, either way).
//
// Which addressee a reply answers:
//  - a letter to one addressee: any of those replies;
//  - a circular (several addressees): the addressee whose city sent the
//    reply. The register does not tell non-city senders apart, so a reply
//    from a sender that is no city answers every addressee of the circular
//    that is no city.
//
// An unanswered addressee owes an answer once the letter is registered and
// carries a response deadline; on `day` it is overdue if the deadline is
// before `day` (the due date itself is not overdue; the day after is). A
// letter is answered (status kAnswered) when every addressee has answered.
//
// Functions taking a Store read it without access checks; callers decide
// what the actor may see (the use cases in correspondence.h do). Not
// thread-safe (as the Store).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "model/letter.h"
#include "model/partial_date.h"
#include "store/letter_store.h"
#include "store/store.h"

namespace twinning::letters {

enum class AnswerState {
  kAnswered,  // a reply answered this addressee
  kNotAsked,  // no answer yet, and none is asked for (no deadline, or a draft)
  kAwaiting,  // owes an answer, the deadline has not passed
  kOverdue,   // owes an answer past the deadline
};

std::string_view answer_state_name(
    AnswerState s);  // "answered", "not_asked", "awaiting", "overdue"

// One addressee of a letter and where its answer stands.
struct AddresseeAnswer {
  std::size_t position = 0;  // index into Letter::addressees
  // How the addressee is told apart: its city's registry name and country
  // ("Cologne, DE"), else its title — a circular's titles are often all
  // alike ("To the Mayor of the twin city") — then the person's name if
  // any. Filled by answers_of(), "" by the pure rule.
  std::string label;
  AnswerState state = AnswerState::kNotAsked;
  // The reply that answered it (state kAnswered); nullopt otherwise, and
  // where the caller may not read the reply (answers_readable()).
  std::optional<store::LetterSummary> reply;
};

// How many addressees of a letter stand where.
struct AnswerTally {
  int addressees = 0;
  int answered = 0;
  int awaiting = 0;
  int overdue = 0;
};

// The reply among `replies` (oldest first) that answers addressee `to` of
// `letter` — `to` need not be one of its addressees: a reminder asks it of
// whom it names — or nullopt. The matching half of the rule, without I/O.
std::optional<store::LetterSummary> answer_for(const Letter& letter, const Addressee& to,
                                               const std::vector<store::LetterSummary>& replies);

// The rule itself, without I/O: every addressee of `letter` in order, given
// `replies` (the registered replies answering it, oldest first, as
// replies_to() returns them), as of `day`.
std::vector<AddresseeAnswer> addressee_answers(const Letter& letter,
                                               const std::vector<store::LetterSummary>& replies,
                                               const PartialDate& day);

AnswerTally tally(const std::vector<AddresseeAnswer>& answers);

// The registered replies that answer `letter` (see above), by ascending id,
// each once.
std::vector<store::LetterSummary> replies_to(store::Store& store, const Letter& letter);

// addressee_answers() of stored `letter` with its replies read from `store`.
std::vector<AddresseeAnswer> answers_of(store::Store& store, const Letter& letter,
                                        const PartialDate& day);

// As answers_of(), with each reply kept only where the Store's actor may
// read it (letters/letter_access.h): the state shows, the reply's number
// does not.
std::vector<AddresseeAnswer> answers_readable(store::Store& store, const Letter& letter,
                                              const PartialDate& day);

// After reply `reply` was registered: every letter it answers whose
// addressees have now all answered moves to kAnswered (registered, sent or
// received letters only), and so do the other letters of their
// reminder/correction families that are now fully answered. Call inside
// the registering transaction.
void mark_answered_by(store::Store& store, const Letter& reply);

}  // namespace twinning::letters
