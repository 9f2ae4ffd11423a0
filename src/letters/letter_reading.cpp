#include "letters/letter_reading.h"

#include <cctype>

#include "letters/letter_access.h"
#include "letters/letter_checks.h"
#include "model/error.h"
#include "model/text.h"
#include "store/office_store.h"

namespace twinning::letters {

bool letter_readable(store::Store& store, LetterId id) {
  const Actor& actor = store.actor();
  if (actor.role == Role::kViewer) return false;
  if (actor.can_write_registry()) return true;
  try {
    readable(store, id);
    return true;
  } catch (const Error&) {
    return false;
  }
}

LetterView letter_view(store::Store& store, LetterId id, const std::string& field) {
  LetterView v;
  v.letter = readable(store, id, field);
  v.office = store::OfficeStore(store).require(v.letter.office_id);
  v.answers = answers_readable(store, v.letter, today_utc());
  store::OfficeStore offices(store);
  for (auto& ref : store::LetterStore(store).referring(id)) {
    CityId office_city = offices.require(ref.letter.office_id).city_id;
    if (may_read_letter(store.actor(), office_city, ref.letter.sender_city_id,
                        ref.letter.addressee_cities)) {
      v.referred_by.push_back(std::move(ref));
    }
  }
  return v;
}

namespace {

// `query` narrowed to what the actor may read (letter_access.h), or nullopt
// if it may read nothing of it.
std::optional<store::LetterQuery> readable_query(const Actor& actor, store::LetterQuery query) {
  if (actor.role == Role::kViewer) {
    throw Error(ErrorCode::kForbidden, "the correspondence register is not public");
  }
  if (actor.role != Role::kCorrespondent) return query;
  // The SQL condition of visible_to_city is may_read_letter()'s for a
  // correspondent: registered by an office of its city, sent by it or
  // addressed to it.
  if (!actor.city) return std::nullopt;
  query.visible_to_city = actor.city;
  return query;
}

}  // namespace

std::vector<store::LetterSummary> list_letters(store::Store& store, store::LetterQuery query) {
  auto readable = readable_query(store.actor(), std::move(query));
  if (!readable) return {};
  store::LetterStore letters(store);
  auto lines = letters.list(*readable);
  PartialDate day = readable->overdue_on.value_or(today_utc());
  for (auto& line : lines) {
    if (line.status == LetterStatus::kDraft || !line.response_deadline) continue;
    AnswerTally t = tally(answers_of(store, letters.require(line.id), day));
    line.answered_count = t.answered;
    line.overdue_count = t.overdue;
  }
  return lines;
}

std::int64_t count_letters(store::Store& store, store::LetterQuery query) {
  auto readable = readable_query(store.actor(), std::move(query));
  if (!readable) return 0;
  return store::LetterStore(store).count(*readable);
}

std::vector<store::LetterSummary> overdue_letters(store::Store& store, const PartialDate& today,
                                                  std::optional<OfficeId> office) {
  store::LetterQuery q;
  q.office = office;
  q.overdue_on = today;
  q.limit = 100000;
  return list_letters(store, q);
}

LetterId resolve_letter(store::Store& store, std::string_view reference,
                        std::optional<OfficeId> office) {
  std::string ref(trim(reference));
  bool hash = !ref.empty() && ref[0] == '#';
  std::string digits = hash ? ref.substr(1) : ref;
  bool all_digits = !digits.empty() && digits.size() < 19;
  for (char c : digits) all_digits &= std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (all_digits && (hash || !office)) return readable(store, std::stoll(digits)).id;
  std::vector<Letter> found;
  for (LetterId id : store::LetterStore(store).find_by_number(ref)) {
    try {
      Letter l = readable(store, id);
      if (!office || l.office_id == *office) found.push_back(std::move(l));
    } catch (const Error&) {
      // not readable by this actor: as if it did not exist
    }
  }
  if (found.empty()) throw_not_found("no letter numbered '" + ref + "'", "letter");
  if (found.size() > 1) {
    std::string which;
    store::OfficeStore offices(store);
    for (const auto& l : found) {
      which += (which.empty() ? "" : ", ") + std::string("#") + std::to_string(l.id) + " of " +
               offices.require(l.office_id).code;
    }
    throw Error(
        ErrorCode::kAmbiguous,
        "several offices registered a letter No " + ref + " (" + which + "): name the office",
        "letter");
  }
  return found[0].id;
}

}  // namespace twinning::letters
