// The offices' mail accounts (migration 009): one row per office, where its
// letters leave by e-mail and where answers come back (mail/mail_account.h
// says what each field means and checks them). No secret is kept here:
// password_source only names where the password is read at use. Written
// by mail/mail_account.h only. Thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/letter.h"
#include "store/store.h"

namespace twinning::store {

struct MailAccount {
  OfficeId office_id = 0;
  std::string smtp_url;       // "smtp://host:587" (STARTTLS, required) or "smtps://host:465"
  std::string smtp_user;      // "" sends without AUTH
  std::string from_address;   // "international@volgograd.example"
  std::string reply_address;  // the reply mailbox, "office@volgograd.example"
  std::string imap_url;       // "imaps://host/INBOX" ("imap://" uses STARTTLS); "" = none yet
  std::string imap_user;      // "" = smtp_user
  std::string password_source;  // "env:NAME", "file:/path" or "" (no password)
  std::string ca_file;          // a PEM certificate to trust besides the system's; "" = none
  double rate = 0;              // messages per second a send keeps under; 0 = no limit
  std::string updated_at;       // ISO 8601 UTC
};

class MailAccountStore {
 public:
  explicit MailAccountStore(Store& store) : store_(store) {}

  // The account of office `office`, or nullopt.
  std::optional<MailAccount> find(OfficeId office);
  // The offices whose account has a non-empty imap_url, by id.
  std::vector<OfficeId> offices_with_reply_mailbox();
  // Creates or replaces the account of `account.office_id` with updated_at
  // now, and returns it as stored. Not audited here: the caller records
  // what changed. Throws as Database::execute.
  MailAccount put(const MailAccount& account);

 private:
  Store& store_;
};

}  // namespace twinning::store
