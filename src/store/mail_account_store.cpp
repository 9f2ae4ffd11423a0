#include "store/mail_account_store.h"

#include "store/clock.h"

namespace twinning::store {
namespace {

constexpr const char* kColumns =
    "office_id, smtp_url, smtp_user, from_address, reply_address, imap_url, imap_user, "
    "password_source, ca_file, rate, updated_at";

MailAccount account_from(const Row& r) {
  MailAccount a;
  a.office_id = r.integer(0);
  a.smtp_url = r.text(1);
  a.smtp_user = r.text(2);
  a.from_address = r.text(3);
  a.reply_address = r.text(4);
  a.imap_url = r.text(5);
  a.imap_user = r.text(6);
  a.password_source = r.text(7);
  a.ca_file = r.text(8);
  a.rate = r.real(9);
  a.updated_at = r.text(10);
  return a;
}

}  // namespace

std::optional<MailAccount> MailAccountStore::find(OfficeId office) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kColumns + " FROM office_mail_accounts WHERE office_id = $1",
      {office});
  if (!row) return std::nullopt;
  return account_from(*row);
}

std::vector<OfficeId> MailAccountStore::offices_with_reply_mailbox() {
  std::vector<OfficeId> out;
  for (const auto& row : store_.db().query(
           "SELECT office_id FROM office_mail_accounts WHERE imap_url <> '' ORDER BY office_id")) {
    out.push_back(row.integer(0));
  }
  return out;
}

MailAccount MailAccountStore::put(const MailAccount& a) {
  return store_.db().write_transaction([&] {
    store_.db().execute(
        "INSERT INTO office_mail_accounts (office_id, smtp_url, smtp_user, from_address, "
        "reply_address, imap_url, imap_user, password_source, ca_file, rate, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (office_id) DO UPDATE "
        "SET smtp_url = excluded.smtp_url, smtp_user = excluded.smtp_user, "
        "from_address = excluded.from_address, reply_address = excluded.reply_address, "
        "imap_url = excluded.imap_url, imap_user = excluded.imap_user, "
        "password_source = excluded.password_source, ca_file = excluded.ca_file, "
        "rate = excluded.rate, updated_at = excluded.updated_at",
        {a.office_id, a.smtp_url, a.smtp_user, a.from_address, a.reply_address, a.imap_url,
         a.imap_user, a.password_source, a.ca_file, a.rate, now_utc_iso()});
    return *find(a.office_id);
  });
}

}  // namespace twinning::store
