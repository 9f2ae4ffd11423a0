// What the actor may do with one letter, as the letter's page offers it:
// the one rule behind the controls the web interface shows (the API reports
// it as the letter view's "can", as campaigns report theirs). The use cases
// of correspondence.h enforce the same conditions when a step is asked for;
// this reports them beforehand. Reads the store (offices of the addressee
// cities); thread-compatible.
//
// Rules (letter_access.h's may_write_for_city decides who writes for a city):
//   register   a draft, by a writer for its office's city;
//   mark_sent  a registered (not yet sent) outgoing letter, by the same;
//   correct    a registered outgoing letter, by the same;
//   reply      a registered incoming letter, by a writer for its office's
//              city; a registered outgoing one, by a writer for an addressee
//              city that has an office to answer from (as reply() picks it);
//   forward    a registered letter, by either of those (forward() falls
//              back to the letter's own office).
#pragma once

#include <nlohmann/json.hpp>

#include "letters/correspondence.h"
#include "store/store.h"

namespace twinning::letters {

struct LetterPermissions {
  bool register_letter = false;
  bool mark_sent = false;
  bool reply = false;
  bool forward = false;
  bool correct = false;
};

// The permissions of the store's actor on the letter of `view` (a view the
// actor could read: letter_view()). Never throws for lack of rights.
LetterPermissions letter_permissions(store::Store& store, const LetterView& view);

// {"register", "mark_sent", "reply", "forward", "correct"}: booleans.
nlohmann::json letter_permissions_json(const LetterPermissions& p);

}  // namespace twinning::letters
