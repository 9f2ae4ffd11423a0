// Filing incoming e-mail (issue 15, intake): each message becomes what it
// is in the register, once. A city's answer to one of our letters is
// registered as an incoming letter in reply to it (body and attachments
// stored) and its campaign contact moves to replied; an RFC 3834
// auto-reply marks the contact received; a delivery status notification
// marks the addressee's delivery failed with the reported reason; anything
// else waits in triage for a coordinator — no message is ever dropped.
//
// Matching: the sender's city by its address (the registry's city e-mail or
// an office's requisites e-mail) or by the reply token; the letter answered
// by the reply token of a recipient address (office+TOKEN@…), else by
// In-Reply-To/References (the Message-ID of a delivery), else by a
// registration number in the subject. The sender's own number and date come
// from the subject or body (mail/sender_reference.h), else the date from
// the Date header.
//
// Idempotent: a message is claimed by its Message-ID (or the SHA-256 of its
// bytes) and by its mailbox UID first in the filing transaction
// (store/mail_intake_store.h), so the same message is never filed twice,
// also by two processes on one PostgreSQL database.
//
// Every call requires an administrator or a coordinator as the Store's
// actor (Error(kForbidden) otherwise). Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/campaign.h"
#include "model/letter.h"
#include "store/mail_intake_store.h"
#include "store/store.h"

namespace twinning::mail {

struct FilingResult {
  std::int64_t message = 0;  // the message's row in the mail register
  bool already_seen = false;  // claimed before: nothing was done now
  store::MailOutcome outcome = store::MailOutcome::kTriage;
  // The incoming letter registered (replied, filed), or the letter the
  // receipt or failed delivery is about.
  std::optional<LetterId> letter;
  std::optional<LetterId> answers;  // the letter it answers
  std::optional<CityId> city;       // the sending (or failed) city
  std::optional<CampaignId> campaign;
  std::string reason;  // why it went to triage; what was done
};

// {"message", "already_seen", "outcome", "letter_id", "answers", "city_id",
//  "campaign_id", "reason"}
void to_json(nlohmann::json& j, const FilingResult& r);

// Files raw message `raw` from `source` (a file: empty mailbox). Returns
// what became of it; already_seen (and nothing done) when its Message-ID or
// its UID of the mailbox was claimed before. A message the register cannot
// take as it is (an attachment beyond the limits, a campaign step that does
// not fit) goes to triage with the reason. Throws Error(kInvalidInput)
// naming "message" for an empty message or one over kMaxMessageBytes,
// Error(kForbidden), Error(kUnavailable) if the database fails.
FilingResult file_message(store::Store& store, std::string_view raw,
                          const store::MailSource& source = {});

// The messages waiting in triage, oldest first (paging by id).
std::vector<store::MailRecord> triage_list(store::Store& store, int limit = 100,
                                           std::int64_t after_id = 0);

// Files triage message `message` as an answer to letter `letter` (an
// outgoing registered letter): from `city` when given, else from the city
// its sender's address names, else from the sender as written (letterhead:
// the From name or address). Returns the result as file_message. Throws
// Error(kNotFound) for an unknown message or letter, Error(kConflict) for a
// message no longer in triage or a letter that is not ours to answer,
// Error(kInvalidInput) as letters::register_incoming, Error(kForbidden).
FilingResult file_from_triage(store::Store& store, std::int64_t message, LetterId letter,
                              std::optional<CityId> city = {});

// Discards triage message `message` (its raw bytes are dropped; the row
// stays, so a later fetch of the same message files nothing). Throws
// Error(kNotFound), Error(kConflict) when it is not in triage,
// Error(kForbidden).
store::MailRecord discard_from_triage(store::Store& store, std::int64_t message);

}  // namespace twinning::mail
