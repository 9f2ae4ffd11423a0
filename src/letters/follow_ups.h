// Follow-up letters drafted from a registered original (PRODUCT.md M4):
// a reply, a covering letter forwarding a copy, a reminder, a correction.
// Each cites the original by a link ("Ref. No … of …") and is written by an
// office that may answer it; each is a draft, or registered at once with
// FollowUp::register_now. Every call checks the Store's actor as
// correspondence.h says; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "letters/attachments.h"
#include "letters/letter_template.h"
#include "letters/registration.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

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

}  // namespace twinning::letters
