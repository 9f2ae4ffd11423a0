// An office's mail account (issue 15): where its letters leave by e-mail
// (SMTP submission URL, user, From address) and where answers come back
// (the reply mailbox: its address, whose sub-addresses carry the reply
// tokens, and its IMAP URL and user). One per office, in the register.
//
// Secrets never enter the database, the audit log or a log line: the
// account stores only where its password is read at use —
// "env:NAME" (an environment variable of the process that sends or
// fetches) or "file:/absolute/path" (a file that only its owner may read:
// no group or other permission bits) — and mail_password() reads it then.
//
// Free functions over a Store; as thread-safe as the Store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/letter.h"
#include "store/mail_account_store.h"
#include "store/store.h"

namespace twinning::mail {

// The account's fields (store/mail_account_store.h): smtp_url, smtp_user,
// from_address, reply_address, imap_url, imap_user, password_source,
// ca_file, rate, updated_at.
using MailAccount = store::MailAccount;

// The account of office `office`, or nullopt if it has none. Needs a
// writer for the office's city (the account says who the office writes
// as): Error(kForbidden) otherwise, Error(kNotFound) for an unknown office.
std::optional<MailAccount> find_mail_account(store::Store& store, OfficeId office);

// As find_mail_account, but throws Error(kConflict) naming "mail_account"
// ("office 'volgograd' has no mail account: ...") when there is none.
MailAccount require_mail_account(store::Store& store, OfficeId office);

// The offices whose account names a reply mailbox (a non-empty imap_url),
// by id: what the serve's mail poller fetches. Needs an administrator
// (Error(kForbidden) otherwise).
std::vector<OfficeId> offices_with_reply_mailbox(store::Store& store);

// Creates or replaces the account of `account.office_id` (updated_at is
// set) and audits it; returns it as stored. Throws Error(kForbidden) unless
// the actor writes for the office's city, Error(kNotFound) for an unknown
// office, Error(kInvalidInput) naming the field for: a smtp_url that is not
// smtp:// or smtps://, an imap_url that is not imap:// or imaps://, a URL
// carrying a password ("user:secret@host": name a password_source
// instead), an address that is not one (check_email_address), a
// password_source not of the forms above, a negative or non-finite rate.
MailAccount set_mail_account(store::Store& store, const MailAccount& account);

// The password `account.password_source` names, read now; "" when it names
// none. Throws Error(kUnavailable) naming "password_source" for an unset
// variable or an unreadable file, and Error(kInvalidInput) naming it for a
// file that its group or others may read or write (the message says to
// chmod 600 it). A trailing newline of the file is dropped. The password is
// never part of an error message.
std::string mail_password(const MailAccount& account);

// Throws Error(kInvalidInput) naming `field` unless `address` is a plain
// addr-spec "local@domain": one '@', both sides non-empty, no whitespace,
// control character or any of <>()[],;:"\ , at most 254 bytes.
void check_email_address(std::string_view address, std::string_view field);

}  // namespace twinning::mail
