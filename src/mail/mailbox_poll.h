// Polling the reply mailboxes (issue 15, intake): one round of what
// `twinning serve --mail-poll SECONDS` does every SECONDS — the fetch of
// mail/mail_fetch.h for every office whose mail account names a reply
// mailbox (imap_url), one office after the other. An office whose fetch
// fails (the IMAP server unreachable, its password unset, ...) is reported
// with the reason and does not stop the others; the next round tries it
// again and goes on after the messages filed before the failure.
//
// Who acts: the poller runs without a user, as mail_poller_actor() — an
// administrator named "system:mail-poller" — so that every letter it files,
// contact it moves and triage entry it makes is in the audit log under that
// name. Several servers polling one PostgreSQL database file each message
// once: fetch_mail's claims by UID and Message-ID decide.
//
// Free functions over a Store; as thread-safe as the Store (the server's
// poller thread has a connection of its own).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mail/mail_fetch.h"
#include "model/actor.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::mail {

// The actor of the polling: {user_id 0, "system:mail-poller", administrator}.
Actor mail_poller_actor();

// What one office's fetch came to in a round.
struct MailboxPoll {
  OfficeId office = 0;
  std::string office_code;
  std::optional<FetchReport> report;  // set when the fetch succeeded
  std::string error;                  // else why it failed (never a password)
};

// Fetches and files the new messages of every office with a reply mailbox,
// by office id, and returns one entry per such office. Needs an
// administrator as the Store's actor (Error(kForbidden) otherwise: the
// poller reads every office's account); throws Error(kUnavailable) only
// when the offices cannot be listed (the database is down) — each
// office's own failure is its entry's error. When `stop` is given and
// returns true, the round ends before the next message (fetch_mail) or
// office, with the entries so far.
std::vector<MailboxPoll> poll_mailboxes(store::Store& store,
                                        const std::function<bool()>& stop = {});

}  // namespace twinning::mail
