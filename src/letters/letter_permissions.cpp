#include "letters/letter_permissions.h"

#include "letters/letter_access.h"
#include "letters/offices.h"

namespace twinning::letters {
namespace {

// True if the actor writes for an addressee city of `l` that has an office
// to write a follow-up from.
bool writes_for_an_addressee(store::Store& store, const Letter& l) {
  for (const auto& a : l.addressees) {
    if (!a.city_id || !may_write_for_city(store.actor(), *a.city_id)) continue;
    if (!list_offices(store, *a.city_id).empty()) return true;
  }
  return false;
}

}  // namespace

LetterPermissions letter_permissions(store::Store& store, const LetterView& view) {
  const Letter& l = view.letter;
  LetterPermissions p;
  bool office_writer = may_write_for_city(store.actor(), view.office.city_id);
  bool outgoing = l.direction == LetterDirection::kOutgoing;
  p.register_letter = office_writer && !l.registered();
  p.mark_sent = office_writer && outgoing && l.status == LetterStatus::kRegistered;
  p.correct = office_writer && outgoing && l.registered();
  // reply() writes from an incoming letter's office, else from an addressee
  // city's office; forward() falls back to the letter's own office.
  bool addressee_writer = outgoing && l.registered() && writes_for_an_addressee(store, l);
  p.reply = l.registered() && (outgoing ? addressee_writer : office_writer);
  p.forward = l.registered() && (office_writer || addressee_writer);
  return p;
}

nlohmann::json letter_permissions_json(const LetterPermissions& p) {
  return {{"register", p.register_letter},
          {"mark_sent", p.mark_sent},
          {"reply", p.reply},
          {"forward", p.forward},
          {"correct", p.correct}};
}

}  // namespace twinning::letters
