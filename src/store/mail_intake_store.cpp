#include "store/mail_intake_store.h"

#include "model/enum_text.h"
#include "model/error.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/encoding.h"

namespace twinning::store {
namespace {

constexpr MailOutcome kOutcomes[] = {MailOutcome::kReplied, MailOutcome::kFiled,
                                     MailOutcome::kReceived, MailOutcome::kDeliveryFailed,
                                     MailOutcome::kTriage, MailOutcome::kDiscarded};

constexpr const char* kColumns =
    "id, message_key, mailbox, uid_validity, uid, from_address, subject, outcome, letter_id, "
    "reason, received_at, updated_at, decided_by FROM mail_messages ";

MailRecord record_from_row(const Row& r) {
  MailRecord m;
  m.id = r.integer(0);
  m.message_key = r.text(1);
  m.source = MailSource{r.text(2), r.opt_integer(3), r.opt_integer(4)};
  m.from_address = r.text(5);
  m.subject = r.text(6);
  m.outcome = parse_mail_outcome(r.text(7));
  m.letter_id = r.opt_integer(8);
  m.reason = r.text(9);
  m.received_at = r.text(10);
  m.updated_at = r.text(11);
  m.decided_by = r.text(12);
  return m;
}

}  // namespace

std::string_view mail_outcome_name(MailOutcome o) {
  switch (o) {
    case MailOutcome::kReplied: return "replied";
    case MailOutcome::kFiled: return "filed";
    case MailOutcome::kReceived: return "received";
    case MailOutcome::kDeliveryFailed: return "delivery_failed";
    case MailOutcome::kTriage: return "triage";
    case MailOutcome::kDiscarded: return "discarded";
  }
  return "triage";
}

MailOutcome parse_mail_outcome(std::string_view text, std::string_view field) {
  return parse_enum_name(text, field, kOutcomes, &mail_outcome_name, "mail outcome");
}

void to_json(nlohmann::json& j, const MailRecord& r) {
  j = {{"id", r.id},
       {"message_id", r.message_key},
       {"mailbox", r.source.mailbox},
       {"uid", r.source.uid ? nlohmann::json(*r.source.uid) : nlohmann::json(nullptr)},
       {"from", r.from_address},
       {"subject", r.subject},
       {"outcome", mail_outcome_name(r.outcome)},
       {"letter_id", r.letter_id ? nlohmann::json(*r.letter_id) : nlohmann::json(nullptr)},
       {"reason", r.reason},
       {"received_at", r.received_at},
       {"updated_at", r.updated_at},
       {"decided_by", r.decided_by}};
}

std::int64_t MailIntakeStore::claim(const MailRecord& r, const std::optional<std::string>& raw) {
  std::string now = now_utc_iso();
  Params params{r.message_key,
                r.source.mailbox,
                r.source.uid_validity,
                r.source.uid,
                r.from_address,
                r.subject,
                mail_outcome_name(r.outcome),
                r.letter_id,
                r.reason,
                raw ? Value(to_base64(*raw)) : Value(),
                now};
  return store_.db().insert(
      "INSERT INTO mail_messages (message_key, mailbox, uid_validity, uid, from_address, subject, "
      "outcome, letter_id, reason, raw_base64, received_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT DO NOTHING",
      params);
}

std::optional<MailRecord> MailIntakeStore::find_claimed(const MailRecord& r) {
  auto row = store_.db().query_one(
      "SELECT id FROM mail_messages WHERE message_key = $1 OR (mailbox = $2 AND "
      "uid_validity = $3 AND uid = $4) ORDER BY id LIMIT 1",
      {r.message_key, r.source.mailbox, r.source.uid_validity, r.source.uid});
  if (!row) return std::nullopt;
  return get(row->integer(0));
}

void MailIntakeStore::set_outcome(std::int64_t id, MailOutcome outcome,
                                  std::optional<LetterId> letter, const std::string& reason) {
  store_.db().write_transaction([&] {
    auto before = get(id);
    if (!before) throw_not_found("no incoming message #" + std::to_string(id), "message");
    bool keep_raw = outcome == MailOutcome::kTriage;
    bool decided = before->outcome == MailOutcome::kTriage && outcome != MailOutcome::kTriage;
    store_.db().execute(
        "UPDATE mail_messages SET outcome = $2, letter_id = $3, reason = $4, updated_at = $5, "
        "raw_base64 = CASE WHEN $6 = 1 THEN raw_base64 ELSE NULL END, "
        "decided_by = CASE WHEN $7 = 1 THEN $8 ELSE decided_by END WHERE id = $1",
        {id, mail_outcome_name(outcome), letter, reason, now_utc_iso(), keep_raw ? 1 : 0,
         decided ? 1 : 0, store_.actor().name});
    AuditLog(store_).record("update", "mail_message", std::to_string(id), *before, *get(id));
  });
}

std::optional<MailRecord> MailIntakeStore::get(std::int64_t id) {
  auto row = store_.db().query_one(std::string("SELECT ") + kColumns + "WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return record_from_row(*row);
}

std::optional<std::string> MailIntakeStore::raw(std::int64_t id) {
  auto row = store_.db().query_one(
      "SELECT raw_base64 FROM mail_messages WHERE id = $1 AND raw_base64 IS NOT NULL", {id});
  if (!row) return std::nullopt;
  return from_base64(row->text(0), "a stored incoming message");
}

bool MailIntakeStore::seen(const std::string& key) {
  return store_.db().query_one("SELECT 1 FROM mail_messages WHERE message_key = $1", {key})
      .has_value();
}

bool MailIntakeStore::seen_uid(const MailSource& s) {
  if (!s.uid) return false;
  return store_.db()
      .query_one(
          "SELECT 1 FROM mail_messages WHERE mailbox = $1 AND uid_validity = $2 AND uid = $3",
          {s.mailbox, s.uid_validity, s.uid})
      .has_value();
}

std::vector<MailRecord> MailIntakeStore::list(MailOutcome outcome, int limit,
                                              std::int64_t after_id) {
  std::vector<MailRecord> out;
  for (const Row& r : store_.db().query(
           std::string("SELECT ") + kColumns +
               "WHERE outcome = $1 AND id > $2 ORDER BY id LIMIT $3",
           {mail_outcome_name(outcome), after_id, limit})) {
    out.push_back(record_from_row(r));
  }
  return out;
}

std::vector<CityId> MailIntakeStore::cities_with_address(const std::string& address) {
  std::vector<CityId> out;
  for (const Row& r : store_.db().query(
           "SELECT id FROM cities WHERE lower(email) = lower($1) AND email <> '' "
           "UNION SELECT o.city_id FROM offices o JOIN office_requisites q ON q.office_id = o.id "
           "WHERE lower(q.email) = lower($1) AND q.email <> '' ORDER BY 1",
           {address})) {
    out.push_back(r.integer(0));
  }
  return out;
}

std::optional<CampaignId> MailIntakeStore::campaign_contacted_with(LetterId letter, CityId city) {
  auto row = store_.db().query_one(
      "SELECT MIN(campaign_id) FROM campaign_contacts WHERE letter_id = $1 AND city_id = $2",
      {letter, city});
  if (!row || row->is_null(0)) return std::nullopt;
  return row->integer(0);
}

std::optional<MailboxState> MailIntakeStore::mailbox(const std::string& mailbox) {
  auto row = store_.db().query_one(
      "SELECT uid_validity, last_uid FROM mail_mailboxes WHERE mailbox = $1", {mailbox});
  if (!row) return std::nullopt;
  return MailboxState{row->integer(0), row->integer(1)};
}

void MailIntakeStore::put_mailbox(const std::string& mailbox, const MailboxState& s) {
  store_.db().execute(
      "INSERT INTO mail_mailboxes (mailbox, uid_validity, last_uid, updated_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (mailbox) DO UPDATE SET "
      "last_uid = CASE WHEN mail_mailboxes.uid_validity = excluded.uid_validity AND "
      "mail_mailboxes.last_uid > excluded.last_uid THEN mail_mailboxes.last_uid "
      "ELSE excluded.last_uid END, "
      "uid_validity = excluded.uid_validity, updated_at = excluded.updated_at",
      {mailbox, s.uid_validity, s.last_uid, now_utc_iso()});
}

}  // namespace twinning::store
