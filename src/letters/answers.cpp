#include "letters/answers.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "letters/correspondence.h"
#include "store/city_store.h"

namespace twinning::letters {
namespace {

bool family_link(LetterLinkKind k) {
  return k == LetterLinkKind::kReminderOf || k == LetterLinkKind::kCorrectionOf;
}

// Letters joined to `letter` by reminder/correction links, either way,
// `letter` included. Bounded: a family is a letter with its few reminders.
std::vector<LetterId> family_of(store::Store& store, const Letter& letter) {
  constexpr std::size_t kMaxFamily = 200;
  store::LetterStore letters(store);
  std::set<LetterId> seen{letter.id};
  std::deque<LetterId> queue{letter.id};
  std::vector<LetterId> out;
  while (!queue.empty() && out.size() < kMaxFamily) {
    LetterId id = queue.front();
    queue.pop_front();
    out.push_back(id);
    std::vector<LetterId> next;
    std::vector<LetterLink> links = id == letter.id ? letter.links : letters.require(id).links;
    for (const auto& l : links) {
      if (family_link(l.kind)) next.push_back(l.target);
    }
    for (const auto& r : letters.referring(id)) {
      if (family_link(r.kind)) next.push_back(r.letter.id);
    }
    for (LetterId n : next) {
      if (seen.insert(n).second) queue.push_back(n);
    }
  }
  return out;
}

bool fully_answered(const std::vector<AddresseeAnswer>& answers) {
  return std::all_of(answers.begin(), answers.end(),
                     [](const AddresseeAnswer& a) { return a.state == AnswerState::kAnswered; });
}

}  // namespace

std::string_view answer_state_name(AnswerState s) {
  switch (s) {
    case AnswerState::kAnswered:
      return "answered";
    case AnswerState::kNotAsked:
      return "not_asked";
    case AnswerState::kAwaiting:
      return "awaiting";
    case AnswerState::kOverdue:
      return "overdue";
  }
  return "not_asked";
}

std::optional<store::LetterSummary> answer_for(const Letter& letter, const Addressee& to,
                                               const std::vector<store::LetterSummary>& replies) {
  bool circular = letter.addressees.size() > 1;
  for (const auto& r : replies) {
    if (!circular || r.sender_city_id == to.city_id) return r;
  }
  return std::nullopt;
}

std::vector<AddresseeAnswer> addressee_answers(const Letter& letter,
                                               const std::vector<store::LetterSummary>& replies,
                                               const PartialDate& day) {
  std::vector<AddresseeAnswer> out;
  for (std::size_t i = 0; i < letter.addressees.size(); ++i) {
    AddresseeAnswer a;
    a.position = i;
    a.reply = answer_for(letter, letter.addressees[i], replies);
    if (a.reply) {
      a.state = AnswerState::kAnswered;
    } else if (!letter.registered() || !letter.response_deadline) {
      a.state = AnswerState::kNotAsked;
    } else {
      a.state = *letter.response_deadline < day ? AnswerState::kOverdue : AnswerState::kAwaiting;
    }
    out.push_back(std::move(a));
  }
  return out;
}

AnswerTally tally(const std::vector<AddresseeAnswer>& answers) {
  AnswerTally t;
  t.addressees = static_cast<int>(answers.size());
  for (const auto& a : answers) {
    t.answered += a.state == AnswerState::kAnswered;
    t.awaiting += a.state == AnswerState::kAwaiting;
    t.overdue += a.state == AnswerState::kOverdue;
  }
  return t;
}

std::vector<store::LetterSummary> replies_to(store::Store& store, const Letter& letter) {
  store::LetterStore letters(store);
  std::vector<store::LetterSummary> out;
  std::set<LetterId> seen;
  for (LetterId member : family_of(store, letter)) {
    for (auto& r : letters.referring(member)) {
      if (r.kind != LetterLinkKind::kReplyTo || r.letter.status == LetterStatus::kDraft) continue;
      if (seen.insert(r.letter.id).second) out.push_back(std::move(r.letter));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

std::vector<AddresseeAnswer> answers_of(store::Store& store, const Letter& letter,
                                        const PartialDate& day) {
  auto answers = addressee_answers(letter, replies_to(store, letter), day);
  std::vector<CityId> ids;
  for (const auto& a : letter.addressees) {
    if (a.city_id) ids.push_back(*a.city_id);
  }
  std::map<CityId, std::string> names;
  if (!ids.empty()) {
    for (const auto& c : store::CityStore(store).summaries(ids)) {
      names[c.id] = c.name + ", " + c.country;
    }
  }
  for (auto& a : answers) {
    const Addressee& to = letter.addressees[a.position];
    a.label = to.city_id ? names[*to.city_id] : to.title;
    if (!to.name.empty()) a.label += (a.label.empty() ? "" : " ") + to.name;
  }
  return answers;
}

std::vector<AddresseeAnswer> answers_readable(store::Store& store, const Letter& letter,
                                              const PartialDate& day) {
  auto answers = answers_of(store, letter, day);
  for (auto& a : answers) {
    if (a.reply && !letter_readable(store, a.reply->id)) a.reply.reset();
  }
  return answers;
}

void mark_answered_by(store::Store& store, const Letter& reply) {
  store::LetterStore letters(store);
  PartialDate today = today_utc();
  for (const auto& link : reply.links) {
    if (link.kind != LetterLinkKind::kReplyTo) continue;
    auto target = letters.get(link.target);
    if (!target) continue;
    for (LetterId id : family_of(store, *target)) {
      Letter l = id == target->id ? *target : letters.require(id);
      bool open = l.status == LetterStatus::kRegistered || l.status == LetterStatus::kSent ||
                  l.status == LetterStatus::kReceived;
      if (open && fully_answered(answers_of(store, l, today))) {
        letters.set_status(l.id, LetterStatus::kAnswered);
      }
    }
  }
}

}  // namespace twinning::letters
