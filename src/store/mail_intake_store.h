// The register of incoming mail (migration 010): one row per message the
// office has seen — keyed by its Message-ID and, when fetched over IMAP, by
// its mailbox, UIDVALIDITY and UID — with what became of it; the rows in
// triage keep the raw message. And the last UID fetched of each mailbox.
// Written by the intake use case (mail/intake.h) only. Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/campaign.h"
#include "model/city.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::store {

// What became of a message.
enum class MailOutcome {
  kReplied,         // filed as a city's reply; its campaign contact replied
  kFiled,           // filed as an incoming letter
  kReceived,        // an auto-reply: the city's contact marked received
  kDeliveryFailed,  // a delivery status notification: a delivery marked failed
  kTriage,          // matched nothing: waits for a coordinator
  kDiscarded,       // a coordinator discarded it from triage
};
std::string_view mail_outcome_name(MailOutcome o);  // "replied", "delivery_failed", ...
// Throws Error(kInvalidInput) naming `field` for an unknown name.
MailOutcome parse_mail_outcome(std::string_view text, std::string_view field = "outcome");

// Where a message came from: an IMAP mailbox (uid set) or a file (not).
struct MailSource {
  std::string mailbox;  // "imaps://host/INBOX" (no credentials); "" for a file
  std::optional<std::int64_t> uid_validity, uid;
};

struct MailRecord {
  std::int64_t id = 0;
  std::string message_key;  // the Message-ID, or "sha256:<hex>" of the raw bytes
  MailSource source;
  std::string from_address, subject;
  MailOutcome outcome = MailOutcome::kTriage;
  std::optional<LetterId> letter_id;  // the letter registered from it, or that it is about
  std::string reason;                 // why it is in triage; what was done with it
  std::string received_at, updated_at;  // ISO 8601 UTC
  std::string decided_by;               // the actor who filed or discarded it from triage
};

// {"id", "message_id", "mailbox", "uid", "from", "subject", "outcome",
//  "letter_id", "reason", "received_at", "updated_at", "decided_by"}
void to_json(nlohmann::json& j, const MailRecord& r);

struct MailboxState {
  std::int64_t uid_validity = 0;
  std::int64_t last_uid = 0;
};

class MailIntakeStore {
 public:
  explicit MailIntakeStore(Store& store) : store_(store) {}

  // Inserts `record` (outcome as given, received_at and updated_at now),
  // with `raw` kept when given. Returns its id, or 0 when a row with the
  // same message_key, or the same mailbox, UIDVALIDITY and UID, exists
  // already — also one another connection inserted and has not committed
  // yet: PostgreSQL waits for it, so of two processes only one claims a
  // message. Call first in the filing transaction. Throws as Database::insert.
  std::int64_t claim(const MailRecord& record, const std::optional<std::string>& raw);

  // Records what became of message `id`; the raw bytes are kept only while
  // the outcome is triage. Writes an audit entry. Throws Error(kNotFound).
  void set_outcome(std::int64_t id, MailOutcome outcome, std::optional<LetterId> letter,
                   const std::string& reason);

  std::optional<MailRecord> get(std::int64_t id);
  // The message that claimed `record`'s message_key, or its mailbox,
  // UIDVALIDITY and UID: what claim() returning 0 stood aside for.
  std::optional<MailRecord> find_claimed(const MailRecord& record);
  // The raw bytes of message `id` while in triage; nullopt otherwise.
  std::optional<std::string> raw(std::int64_t id);
  // True if message `key`, or UID `uid` of the mailbox, was claimed.
  bool seen(const std::string& key);
  bool seen_uid(const MailSource& source);
  // The messages with `outcome`, by id, after `after_id`, at most `limit`.
  std::vector<MailRecord> list(MailOutcome outcome, int limit = 100, std::int64_t after_id = 0);

  // The cities whose registry e-mail or whose office's requisites e-mail is
  // `address` (compared without case), by id.
  std::vector<CityId> cities_with_address(const std::string& address);

  // The campaign that contacted `city` with letter `letter` (the lowest id
  // if several did), if any.
  std::optional<CampaignId> campaign_contacted_with(LetterId letter, CityId city);

  std::optional<MailboxState> mailbox(const std::string& mailbox);
  // Records that UIDs up to `state.last_uid` of `mailbox` were fetched
  // (never moves last_uid back unless UIDVALIDITY changed).
  void put_mailbox(const std::string& mailbox, const MailboxState& state);

 private:
  Store& store_;
};

}  // namespace twinning::store
